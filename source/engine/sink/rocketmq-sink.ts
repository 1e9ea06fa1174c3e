/**
 * The RocketMQ sink: a rocketmq-client-nodejs Producer on the project's proxy endpoint, with AccessKey/SecretKey,
 * namespace and TLS passed through. RocketMQ 5's gRPC protocol has no producer group: the project's producer group
 * travels as the `obsync_producer_group` property of every message (README: Message envelope).
 */
import {format} from 'node:util';
import {ConfigError} from '../errors.js';
import type {DestinationSettings} from '../project/project-schema.js';
import type {Logger, Sink, SinkFactory} from './sink.js';
import {startClient} from './start-client.js';
import {messageTracer, traceTopicFor} from './trace.js';

export type RocketmqSinkOptions = {
	readonly destination: DestinationSettings;
	readonly producerGroup?: string | undefined;
	/** Send a Java-compatible "Pub" trace record for every stored message to `traceTopic` (trace.ts). */
	readonly messageTracing?: boolean | undefined;
	/** A NORMAL topic. @default 'obsync_msg_trace' */
	readonly traceTopic?: string | undefined;
};

/**
 * How a client reaches the destination: proxy endpoints, namespace, TLS and, when both are given, the AccessKey and
 * SecretKey (already resolved from `${ENV}`). One place for the sink, the prechecks and the wizard's catalog.
 */
export function clientConnection(destination: DestinationSettings) {
	if (!destination.endpoints) {
		throw new ConfigError('the grpc transport needs the RocketMQ proxy endpoint', {
			hint: 'set destination.endpoints (host:port of the gRPC proxy, 8081 by default), or use the remoting transport with a name server',
		});
	}
	return {
		endpoints: destination.endpoints,
		namespace: destination.namespace,
		sslEnabled: destination.tls,
		...(destination.accessKey && destination.secretKey
			? {sessionCredentials: {accessKey: destination.accessKey, accessSecret: destination.secretKey}}
			: {}),
	};
}

/** The client's own log lines, at debug level in ours (it logs every route refresh at info). */
function clientLogger(logger: Logger) {
	const line =
		(level: 'debug' | 'warn' | 'error') =>
		(...args: unknown[]) =>
			// The client logs printf-style ('… clientId=%s', id): formatted here, so that no raw %s reaches the log.
			// Errors and objects become their text first (no stack traces in the log).
			logger[level]({component: 'rocketmq-client'}, format(...args.map((arg) => (typeof arg === 'number' ? arg : String(arg)))));
	return {info: line('debug'), debug: line('debug'), warn: line('warn'), error: line('error')};
}

export function rocketmqSink(options: RocketmqSinkOptions): SinkFactory {
	const {destination, producerGroup, messageTracing = false} = options;
	const traceTopic = traceTopicFor('grpc', options.traceTopic);
	return async ({topics, signal, logger}) => {
		// The gRPC client (with grpc-js and protobuf) is loaded only by the projects that use it: a third of a second
		// of module loading that a remoting project's start does without.
		const {Producer} = await import('rocketmq-client-nodejs');
		const producer = await startClient(
			() =>
				new Producer({
					...clientConnection(destination),
					topics: messageTracing ? [...new Set([...topics, traceTopic])] : [...topics],
					logger: clientLogger(logger),
				}),
			{signal, timeoutMs: 15_000, endpoints: destination.endpoints},
		);
		const tracer = messageTracing
			? messageTracer({send: (trace) => producer.send(trace), traceTopic, groupName: producerGroup ?? 'obsync', logger})
			: undefined;
		const sink: Sink = {
			async send(message) {
				const startedAt = Date.now();
				const properties = producerGroup ? new Map([...message.properties, ['obsync_producer_group', producerGroup]]) : message.properties;
				const receipt = await producer.send({
					topic: message.topic,
					body: message.body,
					tag: message.tag,
					keys: message.keys,
					messageGroup: message.messageGroup,
					properties,
				});
				tracer?.record(message, receipt, startedAt);
				return {messageId: receipt.messageId};
			},
			async close() {
				await tracer?.flush();
				await producer.shutdown();
			},
		};
		return sink;
	};
}
