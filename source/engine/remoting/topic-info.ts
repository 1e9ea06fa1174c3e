/**
 * Reading a topic's route (name server, TopicRouteData) and its configuration (broker, TopicConfig) into TopicInfo.
 * Field names from apache/rocketmq 5.3.3 remoting/.../protocol/route/{TopicRouteData,QueueData,BrokerData}.java and
 * common/.../TopicConfig.java; the message type attribute from common/.../TopicAttributes.java.
 */

export type TopicMessageType = 'FIFO' | 'NORMAL' | 'DELAY' | 'TRANSACTION' | 'MIXED' | 'UNSPECIFIED';

export type TopicInfo = {
	name: string;
	/** From the topic's `message.type` attribute; null when no broker of the route could tell. */
	messageType: TopicMessageType | null;
	/** Summed over the brokers that carry the topic. */
	readQueues: number;
	writeQueues: number;
	/** Names of the brokers (broker groups) that carry the topic, sorted. */
	brokers: string[];
};

export type QueueData = {
	readonly brokerName: string;
	readonly readQueueNums: number;
	readonly writeQueueNums: number;
	readonly perm: number;
};
export type BrokerData = {readonly brokerName: string; readonly cluster: string; readonly addresses: ReadonlyMap<number, string>};
export type TopicRoute = {readonly queueDatas: readonly QueueData[]; readonly brokerDatas: readonly BrokerData[]};

const messageTypes: ReadonlySet<string> = new Set<TopicMessageType>(['FIFO', 'NORMAL', 'DELAY', 'TRANSACTION', 'MIXED', 'UNSPECIFIED']);

/** MixAll.MASTER_ID: the broker id of a master in `brokerAddrs`. */
const masterId = 0;

/** Reads TopicRouteData leniently: missing or odd fields become empty, never an exception. */
export function parseTopicRoute(body: unknown): TopicRoute {
	const route = asObject(body);
	const queueDatas = asArray(route.queueDatas).map((item) => {
		const queue = asObject(item);
		return {
			brokerName: asString(queue.brokerName),
			readQueueNums: asNumber(queue.readQueueNums),
			writeQueueNums: asNumber(queue.writeQueueNums),
			perm: asNumber(queue.perm),
		};
	});
	const brokerDatas = asArray(route.brokerDatas).map((item) => {
		const broker = asObject(item);
		const addresses = new Map<number, string>();
		for (const [id, address] of Object.entries(asObject(broker.brokerAddrs))) {
			if (typeof address === 'string' && address && Number.isInteger(Number(id))) addresses.set(Number(id), address);
		}
		return {brokerName: asString(broker.brokerName), cluster: asString(broker.cluster), addresses};
	});
	return {queueDatas, brokerDatas};
}

/** The brokers to ask for the topic's configuration: one address per broker that carries queues, its master if it has one. */
export function brokersToAsk(route: TopicRoute): Array<{brokerName: string; address: string}> {
	const carrying = new Set(route.queueDatas.map((queue) => queue.brokerName));
	const result: Array<{brokerName: string; address: string}> = [];
	for (const broker of route.brokerDatas) {
		if (!carrying.has(broker.brokerName)) continue;
		const lowestId = [...broker.addresses.keys()].sort((a, b) => a - b)[0];
		const address = broker.addresses.get(masterId) ?? (lowestId === undefined ? undefined : broker.addresses.get(lowestId));
		if (address) result.push({brokerName: broker.brokerName, address});
	}
	return result;
}

/** TopicInfo from the route alone; `messageType` is filled in from a broker. */
export function topicInfoFromRoute(name: string, route: TopicRoute, messageType: TopicMessageType | null): TopicInfo {
	let readQueues = 0;
	let writeQueues = 0;
	for (const queue of route.queueDatas) {
		readQueues += queue.readQueueNums;
		writeQueues += queue.writeQueueNums;
	}
	const brokers = [...new Set(route.queueDatas.map((queue) => queue.brokerName).filter(Boolean))].sort();
	return {name, messageType, readQueues, writeQueues, brokers};
}

/**
 * The message type of a TopicConfig (GET_TOPIC_CONFIG's body): its `message.type` attribute (`+message.type` as
 * written on creation is accepted too). No attribute means NORMAL, as TopicConfig.getTopicMessageType reads it; a value
 * obsync does not know gives null.
 */
export function messageTypeOf(topicConfig: unknown): TopicMessageType | null {
	const config = asObject(topicConfig);
	const attributes = asObject(config.attributes);
	const value = attributes['message.type'] ?? attributes['+message.type'];
	if (value === undefined || value === null) return 'NORMAL';
	if (typeof value !== 'string') return null;
	const type = value.trim().toUpperCase();
	return messageTypes.has(type) ? (type as TopicMessageType) : null;
}

function asObject(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function asNumber(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
