/**
 * Topic routes for a producer: which broker holds which queues of a topic, asked of the name server
 * (GET_ROUTEINFO_BY_TOPIC) and refreshed as the Java client does (every 30 s, and after a failed send).
 */
import type {CallOptions, RemotingConnection} from './connection.js';
import {RequestCode, ResponseCode} from './protocol.js';
import {jsonBody, responseError} from './responses.js';
import {parseTopicRoute, type TopicRoute} from './topic-info.js';

/** One queue a producer can write to, and the address of its broker's master. */
export type QueueRef = {readonly topic: string; readonly brokerName: string; readonly queueId: number; readonly address: string};

/** PermName.PERM_WRITE: the queue data of a broker that accepts messages. */
const permWrite = 2;
/** MixAll.MASTER_ID: only the master of a broker group takes messages. */
const masterId = 0;

/** The route of `topic`, or null when the name server knows no such topic. */
export async function requestRoute(nameServer: RemotingConnection, topic: string, call: CallOptions): Promise<TopicRoute | null> {
	const what = `give the route of topic ${topic}`;
	// acceptStandardJsonOnly: quoted map keys in the route (namesrv ClientRequestProcessor); the parser copes without.
	const response = await nameServer.request(RequestCode.getRouteInfoByTopic, {topic, acceptStandardJsonOnly: 'true'}, call);
	if (response.code === ResponseCode.topicNotExist) return null;
	if (response.code !== ResponseCode.success) throw responseError(nameServer.peer, what, response);
	return parseTopicRoute(jsonBody(nameServer.peer, what, response));
}

/**
 * The writable queues of a route whose broker has a master, ordered by broker name, then queue id: the order the 5.x
 * proxy's selector indexes (so that queueIndexForGroup picks the same queue as the proxy).
 */
export function writableQueues(topic: string, route: TopicRoute): QueueRef[] {
	const masters = new Map<string, string>();
	for (const broker of route.brokerDatas) {
		const address = broker.addresses.get(masterId);
		if (address) masters.set(broker.brokerName, address);
	}
	const queues: QueueRef[] = [];
	const datas = [...route.queueDatas].sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0));
	for (const data of datas) {
		const address = masters.get(data.brokerName);
		if (!address || (data.perm & permWrite) !== permWrite) continue;
		for (let queueId = 0; queueId < data.writeQueueNums; queueId++) queues.push({topic, brokerName: data.brokerName, queueId, address});
	}
	return queues;
}

/** Two queue lists are the same when they name the same queues on the same addresses in the same order. */
export function sameQueues(a: readonly QueueRef[], b: readonly QueueRef[]): boolean {
	return (
		a.length === b.length &&
		a.every((queue, i) => queue.brokerName === b[i]!.brokerName && queue.queueId === b[i]!.queueId && queue.address === b[i]!.address)
	);
}
