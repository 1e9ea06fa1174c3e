/**
 * Topics as the Map Object to Topic dialog offers them: searched by name, and judged. obsync sends every row change
 * as a FIFO message (its message group is the row's sharding key), which only a FIFO topic accepts; a topic of
 * unknown type (found through the proxy, without a name server) is allowed with a warning.
 */
import type {TopicInfo} from '../../../../engine/remoting/index.js';

/** Why a topic cannot take the selected tables (after the topic's name), or null when it can. */
export function topicRefusal(topic: TopicInfo): string | null {
	if (topic.messageType === null || topic.messageType === 'FIFO') return null;
	return `is ${topic.messageType}, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t ${topic.name} -a +message.type=FIFO)`;
}

/** The topic's type and queues, as listed: `FIFO · 8 queues`, `type unknown`. */
export function topicDetail(topic: TopicInfo): string {
	const type = topic.messageType ?? 'type unknown';
	return topic.writeQueues > 0 ? `${type} · ${topic.writeQueues} queues` : type;
}

/** Topics whose name contains the query (case-insensitive); an exact match first, then by name. */
export function searchTopics(topics: readonly TopicInfo[], query: string): TopicInfo[] {
	const wanted = query.trim().toLowerCase();
	const found = topics.filter((topic) => topic.name.toLowerCase().includes(wanted));
	const rank = (topic: TopicInfo) => (topic.name === query.trim() ? 0 : topic.name.toLowerCase().startsWith(wanted) ? 1 : 2);
	return found.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
