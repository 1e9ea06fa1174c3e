/**
 * Topics RocketMQ makes for itself, which a user never maps rows to. From apache/rocketmq 5.3.3:
 * common/.../topic/TopicValidator.java (SYSTEM_TOPIC_SET, SYSTEM_TOPIC_PREFIX), MixAll.java (%RETRY%, %DLQ%, %LMQ%, the
 * `<cluster>_REPLY_TOPIC`), proxy ProxyConfig (heartbeatSyncerTopicName), and the cluster and broker names, which
 * every broker registers as topics (namesrv RouteInfoManager.getSystemTopicList).
 */

const systemTopics = new Set([
	'TBW102',
	'SCHEDULE_TOPIC_XXXX',
	'BenchmarkTest',
	'RMQ_SYS_TRANS_HALF_TOPIC',
	'RMQ_SYS_TRACE_TOPIC',
	'RMQ_SYS_TRANS_OP_HALF_TOPIC',
	'TRANS_CHECK_MAX_TIME_TOPIC',
	'SELF_TEST_TOPIC',
	'OFFSET_MOVED_EVENT',
	'CHECKPOINT_TOPIC',
	'DefaultHeartBeatSyncerTopic',
]);

const systemPrefixes = ['rmq_sys_', 'RMQ_SYS_', '%RETRY%', '%DLQ%', '%LMQ%', '%SYS%'];

/**
 * Whether `topic` is one of RocketMQ's own. `clusterAndBrokerNames` are the names the name server lists as system
 * topics (request 304); each cluster also has `<cluster>_REPLY_TOPIC`.
 */
export function isSystemTopic(topic: string, clusterAndBrokerNames: ReadonlySet<string> = new Set()): boolean {
	if (systemTopics.has(topic) || clusterAndBrokerNames.has(topic)) return true;
	if (systemPrefixes.some((prefix) => topic.startsWith(prefix))) return true;
	if (topic.endsWith('_REPLY_TOPIC') && clusterAndBrokerNames.has(topic.slice(0, -'_REPLY_TOPIC'.length))) return true;
	return false;
}
