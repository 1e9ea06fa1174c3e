/**
 * The remoting sink: messages go through obsync's own remoting producer (remoting/producer.ts) straight to the
 * brokers, batched per queue (queue-lanes.ts). A message group always goes to the same queue, the one the 5.x proxy
 * picks for it (remoting/queue-selection.ts), so a project switched between transports keeps its groups on their
 * queues. Lanes keep the order of what they are given and retry on their own, so the ordered sender hands messages
 * over at once (`pipelined`) instead of one per group at a time.
 */
import {SinkError} from '../errors.js';
import type {DestinationSettings} from '../project/project-schema.js';
import type {Credentials} from '../remoting/acl.js';
import {batchedSize, type EncodedMessage, encodeMessage, encodeProperties, Property} from '../remoting/message-codec.js';
import {RemotingProducer, type RemotingProducerOptions} from '../remoting/producer.js';
import {queueIndexForGroup} from '../remoting/queue-selection.js';
import type {QueueRef} from '../remoting/route.js';
import {UniqueIdGenerator} from '../remoting/unique-id.js';
import type {OutgoingMessage} from './envelope.js';
import {type BatchLimits, QueueLanes} from './queue-lanes.js';
import type {Sink, SinkFactory} from './sink.js';
import {messageTracer, traceTopicFor} from './trace.js';

/**
 * Measured with `npm run bench -- sink` (README: Benchmarks): past 256 messages a batch gains nothing on the test
 * broker; 1 MiB keeps a batch well under the broker's 4 MiB maxMessageSize, which applies to the whole batch.
 */
export const DEFAULT_BATCH: BatchLimits = {maxMessages: 256, maxBytes: 1024 * 1024};
/** The Java client's default producer group (MixAll.DEFAULT_PRODUCER_GROUP). */
export const DEFAULT_PRODUCER_GROUP = 'DEFAULT_PRODUCER';

export type RemotingSinkOptions = {
	readonly destination: DestinationSettings;
	readonly producerGroup?: string | undefined;
	readonly messageTracing?: boolean | undefined;
	/** @default RMQ_SYS_TRACE_TOPIC, where the Java client's tracer writes */
	readonly traceTopic?: string | undefined;
	readonly batch?: {readonly maxMessages?: number | undefined; readonly maxBytes?: number | undefined} | undefined;
	readonly backoff?: {readonly initialMs: number; readonly maxMs: number};
};

/** What a sent message needs: the envelope's fields, user properties optional (trace records have none). */
type Sendable = Pick<OutgoingMessage, 'topic' | 'body' | 'tag' | 'keys' | 'messageGroup'> & {
	readonly properties?: ReadonlyMap<string, string>;
};
type Outgoing = {readonly encoded: EncodedMessage; readonly uniqueKey: string; readonly startedAt: number};
type Receipt = {
	readonly messageId: string;
	readonly storeHost: string;
	readonly offsetMessageId: string | undefined;
	readonly startedAt: number;
};

/**
 * How the remoting producer reaches the destination: name server(s), producer group, namespace, TLS and, when both
 * are given, the AccessKey and SecretKey (already resolved from `${ENV}`). One place for the sink and the precheck.
 */
export function producerOptions(
	destination: DestinationSettings,
	producerGroup: string | undefined,
	logger: RemotingProducerOptions['logger'],
): RemotingProducerOptions {
	if (!destination.nameServer) {
		throw new SinkError('the remoting transport needs the name server address', {
			hint: 'set destination.nameServer (host:port, 9876 by default)',
		});
	}
	const credentials: Credentials | undefined =
		destination.accessKey && destination.secretKey ? {accessKey: destination.accessKey, secretKey: destination.secretKey} : undefined;
	return {
		nameServer: destination.nameServer,
		producerGroup: producerGroup ?? DEFAULT_PRODUCER_GROUP,
		namespace: destination.namespace,
		credentials,
		tls: destination.tls,
		logger,
	};
}

export function remotingSink(options: RemotingSinkOptions): SinkFactory {
	const {destination, messageTracing = false} = options;
	const traceTopic = traceTopicFor('remoting', options.traceTopic);
	const limits: BatchLimits = {
		maxMessages: options.batch?.maxMessages ?? DEFAULT_BATCH.maxMessages,
		maxBytes: options.batch?.maxBytes ?? DEFAULT_BATCH.maxBytes,
	};
	return async ({topics, signal, logger, onRetry}) => {
		const connection = producerOptions(destination, options.producerGroup, logger);
		const producerGroup = connection.producerGroup;
		const producer = await RemotingProducer.start(connection, messageTracing ? [...topics, traceTopic] : topics, signal);
		// `signal` cancels the start. Sends must outlive it: the engine aborts it when asked to stop, then drains what
		// is in flight through this sink. Only close() ends the sends (and their retries).
		const closing = new AbortController();
		const sending = closing.signal;
		const lanes = new QueueLanes<QueueRef, Outgoing, Receipt>({
			limits,
			signal: sending,
			backoff: options.backoff,
			sizeOf: (message) => batchedSize(message.encoded),
			send: async (queue, batch) => {
				const receipt = await producer.send(
					queue,
					batch.map((message) => message.encoded),
					sending,
				);
				return batch.map((message, i) => ({
					messageId: message.uniqueKey,
					storeHost: receipt.storeHost,
					offsetMessageId: receipt.offsetMessageIds[i],
					startedAt: message.startedAt,
				}));
			},
			beforeRetry: async (queue, attempt, error) => {
				onRetry?.({topic: queue.topic, attempt, error});
				await producer.refreshRoute(queue.topic, sending).catch(() => false);
				// The same queue, wherever its broker now is; never another queue.
				return producer.queues(queue.topic).find((q) => q.brokerName === queue.brokerName && q.queueId === queue.queueId) ?? queue;
			},
		});
		const ids = new UniqueIdGenerator();
		let roundRobin = 0;

		const enqueue = (message: Sendable): Promise<Receipt> => {
			const uniqueKey = ids.next();
			const properties: Array<readonly [string, string]> = [
				[Property.uniqueKey, uniqueKey],
				[Property.waitStoreMsgOk, 'true'],
			];
			if (message.keys.length > 0) properties.push([Property.keys, message.keys.join(' ')]);
			if (message.tag) properties.push([Property.tags, message.tag]);
			if (message.messageGroup) properties.push([Property.shardingKey, message.messageGroup]);
			if (message.properties) properties.push(...message.properties);
			// As over gRPC (which has no producer group), so consumers see the same properties on either transport.
			if (options.producerGroup) properties.push(['obsync_producer_group', options.producerGroup]);
			const encoded = encodeMessage(message.body, encodeProperties(properties));
			const queues = producer.queues(message.topic);
			const queue = message.messageGroup
				? queues[queueIndexForGroup(message.messageGroup, queues.length)]!
				: queues[roundRobin++ % queues.length]!;
			return lanes.send(`${queue.topic}\u0000${queue.brokerName}\u0000${queue.queueId}`, queue, {
				encoded,
				uniqueKey,
				startedAt: Date.now(),
			});
		};

		const tracer = messageTracing
			? messageTracer({
					send: (trace) => enqueue({topic: trace.topic, body: Buffer.from(trace.body), tag: '', keys: trace.keys ?? [], messageGroup: ''}),
					traceTopic,
					groupName: producerGroup,
					logger,
				})
			: undefined;

		const sink: Sink & {readonly lanes: QueueLanes<QueueRef, Outgoing, Receipt>} = {
			pipelined: true,
			lanes,
			async send(message) {
				if (!tracer) return enqueue(message);
				const receipt = await enqueue(message);
				tracer.record(
					message,
					{messageId: receipt.messageId, endpoints: {facade: receipt.storeHost}, offsetMessageId: receipt.offsetMessageId},
					receipt.startedAt,
				);
				return {messageId: receipt.messageId};
			},
			async close() {
				await tracer?.flush();
				closing.abort();
				producer.close();
			},
		};
		return sink;
	};
}
