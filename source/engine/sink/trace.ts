/**
 * Message tracing (OMS: "Whether to Allow Message Tracing"). rocketmq-client-nodejs has no tracing, the proxy and
 * broker record none for gRPC producers, and the proxy refuses gRPC sends to RMQ_SYS_TRACE_TOPIC (a system topic).
 * So obsync does what the Java client's trace hook does, by hand: after each successful send it sends one "Pub" trace
 * record, in the Java client's text format, to an ordinary NORMAL trace topic, keyed by the traced message's id. Then
 * `mqadmin queryMsgTraceById -i <msgId> -t <traceTopic>` shows it.
 *
 * Format: apache/rocketmq rocketmq-all-5.3.3, client/.../trace/TraceDataEncoder.java (encoderFromContextBean, Pub),
 * TraceConstants (separators), hook/SendMessageTraceHookImpl.java (what each field holds) and AsyncTraceDispatcher
 * (the trace message: keys = msgId and the traced message's keys, no tag).
 */
import type {MessageOptions} from 'rocketmq-client-nodejs';
import type {Transport} from '../project/project-schema.js';
import type {OutgoingMessage} from './envelope.js';
import type {Logger} from './sink.js';

/** Over gRPC: the proxy refuses sends to system topics, so the records go to an ordinary topic. */
export const DEFAULT_TRACE_TOPIC = 'obsync_msg_trace';
/** Over remoting: where the Java client's tracer writes (TopicValidator.RMQ_SYS_TRACE_TOPIC), so tools find traces unasked. */
export const REMOTING_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';

/** The trace topic a project's sends use: the one it names, else its transport's default. */
export function traceTopicFor(transport: Transport, chosen: string | undefined): string {
	return chosen ?? (transport === 'remoting' ? REMOTING_TRACE_TOPIC : DEFAULT_TRACE_TOPIC);
}

/** TraceConstants.CONTENT_SPLITOR and FIELD_SPLITOR. */
const CONTENT = '\u0001';
const FIELD = '\u0002';

/** Ordinals of org.apache.rocketmq.common.message.MessageType. */
export const MessageType = {normal: 0, transactionHalf: 1, transactionCommit: 2, delay: 3, order: 4} as const;

export type PubTrace = {
	/** When the send started, epoch ms (TraceContext.timeStamp). */
	readonly timestamp: number;
	/** The broker's regionId; brokers default to `DefaultRegion` (MixAll.DEFAULT_TRACE_REGION_ID). */
	readonly regionId?: string;
	/** The producer group. */
	readonly groupName: string;
	readonly topic: string;
	readonly messageId: string;
	readonly tag?: string | undefined;
	readonly keys: readonly string[];
	/** Where the message was stored: for a gRPC producer, the proxy endpoint it went through. */
	readonly storeHost: string;
	readonly bodyLength: number;
	readonly costTime: number;
	readonly messageType: (typeof MessageType)[keyof typeof MessageType];
	/** The broker's offset message id; gRPC send receipts carry none. */
	readonly offsetMessageId?: string;
	readonly success: boolean;
};

/** A separator inside a field would split the record: it becomes `_`. */
const field = (value: string | number | boolean) => String(value).replaceAll(CONTENT, '_').replaceAll(FIELD, '_');

/** One Pub record: 14 fields separated by \u0001, ended by \u0002 (TraceDataEncoder.encoderFromContextBean). */
export function pubTraceRecord(trace: PubTrace): string {
	const fields = [
		'Pub',
		trace.timestamp,
		trace.regionId ?? 'DefaultRegion',
		trace.groupName,
		trace.topic,
		trace.messageId,
		trace.tag ?? '',
		trace.keys.join(' '),
		trace.storeHost,
		trace.bodyLength,
		Math.max(0, Math.round(trace.costTime)),
		trace.messageType,
		trace.offsetMessageId ?? '',
		trace.success,
	];
	return fields.map(field).join(CONTENT) + FIELD;
}

/** The trace message for a record: keys are the traced message's id, then its own keys (AsyncTraceDispatcher). */
export function traceMessage(traceTopic: string, trace: PubTrace): MessageOptions {
	return {topic: traceTopic, body: Buffer.from(pubTraceRecord(trace), 'utf8'), keys: [trace.messageId, ...trace.keys]};
}

export type TracerOptions = {
	readonly send: (message: MessageOptions) => Promise<unknown>;
	readonly traceTopic: string;
	readonly groupName: string;
	readonly logger: Logger;
};

export type Tracer = {
	/** Sends the trace of a message that was stored; never throws: a failure is logged as a warning. */
	record(message: TracedMessage, receipt: TracedReceipt, startedAt: number): void;
	/** Waits for the trace sends still in flight. */
	flush(): Promise<void>;
};

export type TracedMessage = Pick<OutgoingMessage, 'topic' | 'body' | 'tag' | 'keys' | 'messageGroup'>;
/** What a rocketmq-client-nodejs SendReceipt provides: the message id and the endpoint that stored it. */
export type TracedReceipt = {
	readonly messageId: string;
	readonly endpoints: {readonly facade: string};
	/** The broker's offset message id (remoting only). */
	readonly offsetMessageId?: string | undefined;
};

export function messageTracer(options: TracerOptions): Tracer {
	const {send, traceTopic, groupName, logger} = options;
	const pending = new Set<Promise<void>>();
	const sendTrace = async (message: TracedMessage, receipt: TracedReceipt, startedAt: number) => {
		try {
			const trace: PubTrace = {
				timestamp: startedAt,
				groupName,
				topic: message.topic,
				messageId: receipt.messageId,
				tag: message.tag,
				keys: message.keys,
				storeHost: receipt.endpoints.facade,
				bodyLength: message.body.length,
				costTime: Date.now() - startedAt,
				messageType: message.messageGroup ? MessageType.order : MessageType.normal,
				offsetMessageId: receipt.offsetMessageId,
				success: true,
			};
			await send(traceMessage(traceTopic, trace));
		} catch (error) {
			logger.warn({component: 'trace', err: error, messageId: receipt.messageId, traceTopic}, 'message trace not sent');
		}
	};
	return {
		record(message, receipt, startedAt) {
			const sending = sendTrace(message, receipt, startedAt);
			pending.add(sending);
			const done = () => pending.delete(sending);
			sending.then(done, done);
		},
		async flush() {
			while (pending.size > 0) await Promise.all(pending);
		},
	};
}
