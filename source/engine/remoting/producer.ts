/**
 * A RocketMQ producer over the remoting protocol, like the Java DefaultMQProducer: routes from the name server, one
 * connection per broker carrying many requests (matched by opaque), heartbeats with the producer group every 30 s,
 * ACL signing, namespaces. It sends batches to the queue the caller names; which queue, batching and retries are the
 * sink's business (sink/remoting-sink.ts).
 */
import {ConfigError, ConnectionError, SinkError} from '../errors.js';
import type {Logger} from '../sink/sink.js';
import {type Credentials, signRequest} from './acl.js';
import {formatHostPort} from './address.js';
import {type OpenOptions, type Peer, RemotingConnection} from './connection.js';
import type {RemotingCommand} from './frame.js';
import {type EncodedMessage, encodeBatchBody} from './message-codec.js';
import {wrapNamespace} from './namespace.js';
import {brokerPeer, openNameServer} from './peers.js';
import {RequestCode, ResponseCode} from './protocol.js';
import {type QueueRef, requestRoute, sameQueues, writableQueues} from './route.js';
import {refusalError} from './send-refusal.js';

export type RemotingProducerOptions = {
	/** `host:port[;host:port]`. */
	readonly nameServer: string;
	readonly producerGroup: string;
	readonly namespace?: string | undefined;
	readonly credentials?: Credentials | undefined;
	readonly tls?: boolean | undefined;
	/** Per request, as the Java client's sendMsgTimeout. @default 3000 */
	readonly timeoutMs?: number;
	/** @default 30000 (the Java client's pollNameServerInterval) */
	readonly routeRefreshMs?: number;
	/** @default 30000 (the Java client's heartbeatBrokerInterval) */
	readonly heartbeatMs?: number;
	readonly logger: Logger;
};

export type SendReceipt = {
	/** The broker's offset message ids, one per message. */
	readonly offsetMessageIds: readonly string[];
	readonly queueOffset: number;
	/** `host:port` of the broker that stored the batch. */
	readonly storeHost: string;
};

export class RemotingProducer {
	readonly #options: RemotingProducerOptions;
	readonly #clientId: string;
	readonly #routes = new Map<string, QueueRef[]>();
	readonly #brokers = new Map<string, Promise<RemotingConnection>>();
	#nameServer: Promise<RemotingConnection> | undefined;
	readonly #timers: NodeJS.Timeout[] = [];
	#closed = false;

	private constructor(options: RemotingProducerOptions) {
		this.#options = options;
		this.#clientId = `obsync@${process.pid}#${Date.now().toString(36)}`;
	}

	/** Reads the routes of `topics` (a topic the name server does not know is a ConfigError), then starts heartbeats. */
	static async start(options: RemotingProducerOptions, topics: readonly string[], signal?: AbortSignal): Promise<RemotingProducer> {
		const producer = new RemotingProducer(options);
		try {
			for (const topic of new Set(topics)) await producer.refreshRoute(topic, signal);
			await producer.#heartbeat(signal);
		} catch (error) {
			producer.close();
			throw error;
		}
		producer.#timers.push(
			setInterval(() => void producer.#refreshAll(), options.routeRefreshMs ?? 30_000),
			setInterval(() => void producer.#heartbeat().catch(() => {}), options.heartbeatMs ?? 30_000),
		);
		for (const timer of producer.#timers) timer.unref();
		return producer;
	}

	get producerGroup(): string {
		return this.#wrap(this.#options.producerGroup);
	}

	/** The writable queues of a topic, in the proxy's order (route.ts). */
	queues(topic: string): readonly QueueRef[] {
		const queues = this.#routes.get(topic);
		if (!queues) throw new ConfigError(`topic ${topic} was not routed when the producer started`);
		return queues;
	}

	/** Asks the name server again; returns whether the topic's writable queues changed. */
	async refreshRoute(topic: string, signal?: AbortSignal): Promise<boolean> {
		const wire = this.#wrap(topic);
		const call = this.#call(signal);
		const nameServer = await this.#nameServerConnection(call);
		const route = await requestRoute(nameServer, wire, call).catch((error: unknown) => {
			nameServer.close(); // asked again on another (or a new) connection next time
			throw error;
		});
		if (!route) {
			throw new SinkError(`topic ${topic} does not exist on the RocketMQ cluster of ${this.#options.nameServer}`, {
				hint: 'create it (mqadmin updateTopic; FIFO: -a +message.type=FIFO on 5.x) or map the table to an existing topic',
			});
		}
		const queues = writableQueues(topic, route);
		if (queues.length === 0) {
			throw new SinkError(`topic ${topic} has no writable queue on a broker master`, {
				hint: 'check the topic permission (perm 6 or 2) and that its brokers have a master',
			});
		}
		const before = this.#routes.get(topic);
		this.#routes.set(topic, queues);
		const changed = before !== undefined && !sameQueues(before, queues);
		if (changed) this.#options.logger.warn({topic, before: before.length, after: queues.length}, 'topic route changed');
		return changed;
	}

	/** Sends a batch to one queue; resolves when the broker stored it. Errors: SinkError (fatal) or ConnectionError (retry). */
	async send(queue: QueueRef, messages: readonly EncodedMessage[], signal?: AbortSignal): Promise<SendReceipt> {
		const body = encodeBatchBody(messages);
		const header: Record<string, string> = {
			a: this.producerGroup,
			b: this.#wrap(queue.topic),
			c: 'TBW102',
			d: '4',
			e: String(queue.queueId),
			f: '0',
			g: String(Date.now()),
			h: '0',
			j: '0',
			k: 'false',
			m: 'true',
			n: queue.brokerName,
		};
		const call = this.#call(signal);
		const connection = await this.#broker(queue, call);
		const response = await connection.request(RequestCode.sendBatchMessage, this.#sign(header, body), call, body);
		return this.#receipt(connection.peer, queue, messages.length, response);
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		for (const timer of this.#timers) clearInterval(timer);
		const unregister = {clientID: this.#clientId, producerGroup: this.producerGroup};
		for (const connection of this.#brokers.values()) {
			connection
				.then(async (open) => {
					await open.request(RequestCode.unregisterClient, this.#sign(unregister), {timeoutMs: 1000}).catch(() => {});
					open.close();
				})
				.catch(() => {});
		}
		this.#brokers.clear();
		this.#nameServer?.then((open) => open.close()).catch(() => {});
	}

	#receipt(peer: Peer, queue: QueueRef, count: number, response: RemotingCommand): SendReceipt {
		const {code} = response;
		if (code === ResponseCode.flushDiskTimeout || code === ResponseCode.slaveNotAvailable || code === ResponseCode.flushSlaveTimeout) {
			// Stored on the master: an ack, as the Java client counts it (SendStatus other than SEND_OK, no exception).
			this.#options.logger.warn(
				{broker: queue.brokerName, code, remark: response.remark},
				'stored, but not flushed or replicated as configured',
			);
		} else if (code !== ResponseCode.success) {
			throw refusalError(peer, queue, response);
		}
		const ids = response.extFields.msgId?.split(',') ?? [];
		if (ids.length !== count && ids.length > 1)
			this.#options.logger.debug({ids: ids.length, count}, 'broker answered another number of ids');
		return {offsetMessageIds: ids, queueOffset: Number(response.extFields.queueOffset ?? -1), storeHost: formatHostPort(peer.address)};
	}

	#wrap(resource: string): string {
		return wrapNamespace(this.#options.namespace ?? '', resource);
	}

	#sign(fields: Record<string, string>, body?: Buffer): Record<string, string> {
		const {credentials} = this.#options;
		return credentials ? signRequest(fields, body, credentials) : fields;
	}

	#call(signal?: AbortSignal): OpenOptions {
		return {timeoutMs: this.#options.timeoutMs ?? 3000, signal, tls: this.#options.tls};
	}

	async #nameServerConnection(call: OpenOptions): Promise<RemotingConnection> {
		const current = await this.#nameServer?.catch(() => undefined);
		if (current?.usable) return current;
		const opening = openNameServer(this.#options.nameServer, {...call, tls: this.#options.tls});
		this.#nameServer = opening;
		return opening;
	}

	async #broker(queue: QueueRef, call: OpenOptions): Promise<RemotingConnection> {
		const cached = this.#brokers.get(queue.address);
		const current = await cached?.catch(() => undefined);
		if (current?.usable) return current;
		if (this.#closed) throw new ConnectionError('the producer is closed');
		const opening = RemotingConnection.open(brokerPeer(queue.brokerName, queue.address), call);
		this.#brokers.set(queue.address, opening);
		return opening;
	}

	async #refreshAll(): Promise<void> {
		for (const topic of this.#routes.keys()) {
			try {
				await this.refreshRoute(topic);
			} catch (error) {
				this.#options.logger.warn({topic, err: error}, 'topic route refresh failed; the last route is kept');
			}
		}
	}

	/** HEART_BEAT to every broker master of the routed topics: the broker then lists the producer group (mqadmin producerConnection). */
	async #heartbeat(signal?: AbortSignal): Promise<void> {
		const body = Buffer.from(
			JSON.stringify({clientID: this.#clientId, producerDataSet: [{groupName: this.producerGroup}], consumerDataSet: []}),
			'utf8',
		);
		const brokers = new Map<string, QueueRef>();
		for (const queues of this.#routes.values()) for (const queue of queues) brokers.set(queue.address, queue);
		const call = this.#call(signal);
		await Promise.all(
			[...brokers.values()].map(async (queue) => {
				const connection = await this.#broker(queue, call);
				const response = await connection.request(RequestCode.heartbeat, this.#sign({}, body), call, body);
				if (response.code !== ResponseCode.success) throw refusalError(connection.peer, queue, response);
			}),
		);
	}
}
