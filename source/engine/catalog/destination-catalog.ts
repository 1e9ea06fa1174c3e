/**
 * What the wizard asks of a RocketMQ destination before a project exists: does it answer (the name server, and for
 * the gRPC transport the proxy), which topics exist and which are FIFO, and does a typed topic name exist (a route query).
 */
import {Producer} from 'rocketmq-client-nodejs';
import {ConfigError, ConnectionError} from '../errors.js';
import {type DestinationSettings, destinationAddress, destinationTransport, type Transport} from '../project/project-schema.js';
import {resolveSecret} from '../project/secrets.js';
import {brokerMasters, reachBrokers} from '../remoting/cluster.js';
import {describeTopic, describeTopics, listTopics, type TopicInfo} from '../remoting/index.js';
import {clientConnection} from '../sink/rocketmq-sink.js';
import type {CatalogOptions} from './source-catalog.js';

export type DestinationInfo = {
	readonly transport: Transport;
	/** What answered, for people: `name server at HOST:PORT` or `proxy at HOST:PORT`. */
	readonly address: string;
	/** Topics the name server lists (without RocketMQ's own); null without a name server. */
	readonly topicCount: number | null;
	/** Remoting: the broker masters this host reached, `name (host:port)`; null over gRPC. */
	readonly brokers: readonly string[] | null;
};

const quiet = {info() {}, warn() {}, error() {}, debug() {}};

/** A topic name nobody uses: the proxy's "no such topic" reply to its route query proves that the proxy answers. */
const probeTopic = 'obsync_connectivity_probe';
const topicNotFound = 40402;

/** A producer that is never started, used for one route query (the client keeps that query to its subclasses). */
class RouteProbe extends Producer {
	ask(topic: string) {
		return this.getRouteData(topic);
	}
}

/** The `code` of an error or of the first error in its cause chain that has one (the client nests the proxy's). */
function codeOf(error: unknown): unknown {
	for (let e = error as {code?: unknown; cause?: unknown} | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
		if (e.code !== undefined) return e.code;
	}
	return undefined;
}

/**
 * One route query through the proxy: 'found' or 'missing' (the proxy's "no such topic"). (A producer started for no
 * topic never talks to the proxy: it "starts" even when nothing listens, so it cannot tell whether the proxy is
 * there.) Fails with the transport's or the proxy's error.
 */
async function askProxy(destination: DestinationSettings, topic: string, options: CatalogOptions): Promise<'found' | 'missing'> {
	const secretKey = destination.secretKey ? resolveSecret(destination.secretKey, 'destination.secretKey', options.env) : undefined;
	const producer = new RouteProbe({
		...clientConnection({...destination, secretKey}),
		requestTimeout: Math.max(1000, options.timeoutMs ?? 10_000),
		logger: quiet,
	});
	try {
		await producer.ask(topic);
		return 'found';
	} catch (error) {
		if (codeOf(error) === topicNotFound) return 'missing';
		throw new ConnectionError(`cannot reach the RocketMQ proxy at ${destination.endpoints}: ${(error as Error).message}`, {
			cause: error,
			hint: 'check the endpoint (the gRPC proxy, default port 8081), TLS and the AccessKey/SecretKey',
		});
	} finally {
		await producer.shutdown().catch(() => {});
	}
}

/**
 * The destination answers: over remoting, the name server lists its topics; over gRPC, the proxy answers a route
 * query, and the name server (when given) lists its topics.
 */
export async function testDestination(destination: DestinationSettings, options: CatalogOptions = {}): Promise<DestinationInfo> {
	const transport = destinationTransport(destination);
	const address = destinationAddress(destination);
	const timeoutMs = options.timeoutMs ?? 10_000;
	if (transport === 'grpc') await askProxy(destination, probeTopic, options);
	if (!destination.nameServer) return {transport, address, topicCount: null, brokers: null};
	const topics = await listTopics(destination.nameServer, {timeoutMs});
	if (transport === 'grpc') return {transport, address, topicCount: topics.length, brokers: null};
	const brokers = await brokerMasters(destination.nameServer, {timeoutMs, tls: destination.tls});
	await reachBrokers(brokers, {timeoutMs, tls: destination.tls});
	return {transport, address, topicCount: topics.length, brokers: brokers.map((broker) => `${broker.brokerName} (${broker.address})`)};
}

/** The destination's topics with their message type and queues, sorted by name (needs the name server). */
export async function listDestinationTopics(destination: DestinationSettings, options: CatalogOptions = {}): Promise<TopicInfo[]> {
	if (!destination.nameServer) {
		throw new ConfigError('the destination has no name server, so its topics cannot be listed', {
			hint: 'add the name server (host:9876) to the data source, or type the topic name',
		});
	}
	const timeoutMs = options.timeoutMs ?? 10_000;
	const names = await listTopics(destination.nameServer, {timeoutMs});
	const infos = await describeTopics(destination.nameServer, names, {timeoutMs});
	return names.map((name) => infos.get(name)).filter((info): info is TopicInfo => Boolean(info));
}

/**
 * A typed topic name, checked: through the name server when there is one (exists, message type), else by a route
 * query through the proxy (exists; type unknown). Fails with a ConfigError when the topic does not exist.
 */
export async function checkTopic(destination: DestinationSettings, topic: string, options: CatalogOptions = {}): Promise<TopicInfo> {
	if (destination.nameServer) {
		const info = await describeTopic(destination.nameServer, topic, {timeoutMs: options.timeoutMs ?? 10_000});
		if (!info) {
			throw new ConfigError(`there is no topic named ${topic}`, {
				hint: 'create it (FIFO: mqadmin updateTopic -t NAME -c CLUSTER -a +message.type=FIFO) or pick an existing one',
			});
		}
		return info;
	}
	if ((await askProxy(destination, topic, options)) === 'missing') {
		throw new ConfigError(`the proxy at ${destination.endpoints} knows no topic named ${topic}`, {
			hint: 'create it (FIFO: mqadmin updateTopic -t NAME -c CLUSTER -a +message.type=FIFO) or pick an existing one',
		});
	}
	return {name: topic, messageType: null, readQueues: 0, writeQueues: 0, brokers: []};
}
