/** Listing and describing topics through the name server (and, for a topic's message type, its brokers). */
import {ConfigError} from '../errors.js';
import {type CallOptions, describePeer, type RemotingConnection} from './connection.js';
import {BrokerConnections, brokerPeer, openNameServer} from './peers.js';
import {defaultTimeoutMs, RequestCode, ResponseCode} from './protocol.js';
import {jsonBody, responseError} from './responses.js';
import {requestRoute} from './route.js';
import {isSystemTopic} from './system-topics.js';
import {brokersToAsk, messageTypeOf, type TopicInfo, type TopicMessageType, type TopicRoute, topicInfoFromRoute} from './topic-info.js';

export type AdminOptions = {
	/** Per connection attempt and per request; 5000 ms when not given. */
	timeoutMs?: number;
	signal?: AbortSignal;
};

export type ListTopicsOptions = AdminOptions & {
	/** Also list RocketMQ's own topics (rmq_sys_*, %RETRY%*, TBW102, the cluster and broker names, ...). */
	includeSystem?: boolean;
};

/**
 * The topics the name server knows (GET_ALL_TOPIC_LIST_FROM_NAMESERVER), sorted, without RocketMQ's own topics unless
 * `includeSystem`. `nameServer` is `host:port`, or several separated by `;`.
 */
export async function listTopics(nameServer: string, options: ListTopicsOptions = {}): Promise<string[]> {
	const call = callOptions(options);
	const connection = await openNameServer(nameServer, call);
	try {
		const response = await connection.request(RequestCode.getAllTopicListFromNameServer, {}, call);
		if (response.code === ResponseCode.systemError && response.remark === 'disable') {
			throw new ConfigError(`${describePeer(connection.peer)} does not list its topics (enableAllTopicList=false)`, {
				hint: 'set enableAllTopicList=true in the name server configuration, or type the topic names',
			});
		}
		if (response.code !== ResponseCode.success) throw responseError(connection.peer, 'list its topics', response);
		const topics = topicList(jsonBody(connection.peer, 'list its topics', response));
		if (options.includeSystem) return topics.sort();
		const clusterAndBrokerNames = await systemTopicNames(connection, call);
		return topics.filter((topic) => !isSystemTopic(topic, clusterAndBrokerNames)).sort();
	} finally {
		connection.close();
	}
}

/** The topic's route and message type, or null when the name server knows no such topic. */
export async function describeTopic(nameServer: string, topic: string, options: AdminOptions = {}): Promise<TopicInfo | null> {
	const described = await describeTopics(nameServer, [topic], options);
	return described.get(topic) ?? null;
}

/** describeTopic for several topics over one name server connection (and one connection per broker). */
export async function describeTopics(
	nameServer: string,
	topics: string[],
	options: AdminOptions = {},
): Promise<Map<string, TopicInfo | null>> {
	const call = callOptions(options);
	const unique = [...new Set(topics)];
	if (unique.length === 0) return new Map();
	const connection = await openNameServer(nameServer, call);
	const brokers = new BrokerConnections();
	try {
		const infos = await Promise.all(unique.map(async (topic) => [topic, await describeOne(connection, brokers, topic, call)] as const));
		return new Map(infos);
	} finally {
		connection.close();
		brokers.closeAll();
	}
}

async function describeOne(
	nameServer: RemotingConnection,
	brokers: BrokerConnections,
	topic: string,
	call: CallOptions,
): Promise<TopicInfo | null> {
	const route = await requestRoute(nameServer, topic, call);
	if (!route) return null;
	return topicInfoFromRoute(topic, route, await readMessageType(brokers, topic, route, call));
}

/**
 * The topic's message type from the first broker of the route that answers GET_TOPIC_CONFIG; null when none does
 * (unreachable, ACL, or the topic is gone from the broker). Only an abort is thrown.
 */
async function readMessageType(
	brokers: BrokerConnections,
	topic: string,
	route: TopicRoute,
	call: CallOptions,
): Promise<TopicMessageType | null> {
	for (const {brokerName, address} of brokersToAsk(route)) {
		try {
			const peer = brokerPeer(brokerName, address);
			const connection = await brokers.get(peer, call);
			const response = await connection.request(RequestCode.getTopicConfig, {topic}, call);
			if (response.code !== ResponseCode.success) continue;
			return messageTypeOf(jsonBody(peer, `give the configuration of topic ${topic}`, response));
		} catch (error) {
			if (call.signal?.aborted) throw error;
		}
	}
	return null;
}

/** Cluster and broker names (GET_SYSTEM_TOPIC_LIST_FROM_NS); empty when the name server does not answer it. */
async function systemTopicNames(connection: RemotingConnection, call: CallOptions): Promise<Set<string>> {
	const response = await connection.request(RequestCode.getSystemTopicListFromNameServer, {}, call);
	if (response.code !== ResponseCode.success) return new Set();
	return new Set(topicList(jsonBody(connection.peer, 'list its system topics', response)));
}

function topicList(body: unknown): string[] {
	const list = typeof body === 'object' && body !== null ? (body as {topicList?: unknown}).topicList : undefined;
	return Array.isArray(list) ? list.filter((topic): topic is string => typeof topic === 'string') : [];
}

function callOptions({timeoutMs, signal}: AdminOptions): CallOptions {
	return {timeoutMs: timeoutMs ?? defaultTimeoutMs, signal};
}
