/**
 * Constants of RocketMQ's remoting protocol that obsync's admin client uses. Values checked against apache/rocketmq at
 * tag rocketmq-all-5.3.3 (file under remoting/src/main/java/org/apache/rocketmq/remoting/protocol/ unless noted).
 */

/** Request codes (RequestCode.java). */
export const RequestCode = {
	/** Name server: the route of one topic (header `topic`, `acceptStandardJsonOnly`). */
	getRouteInfoByTopic: 105,
	/** Name server: every topic it knows, as `{"topicList": [...]}`. Refused ("disable") when `enableAllTopicList=false`. */
	getAllTopicListFromNameServer: 206,
	/** Name server: the brokers of every cluster, with their addresses by broker id. */
	getBrokerClusterInfo: 106,
	/** Name server: the cluster and broker names, which brokers also register as topics. */
	getSystemTopicListFromNameServer: 304,
	/** Broker: one topic's TopicConfig, with its attributes (header `topic`). */
	getTopicConfig: 351,
	/** Broker: several messages of one topic to one queue (header SendMessageRequestHeaderV2, body MessageDecoder.encodeMessages). */
	sendBatchMessage: 320,
	/** Broker: the client's producer groups, every 30 s (body HeartbeatData). */
	heartbeat: 34,
	/** Broker: the client leaves (header clientID, producerGroup). */
	unregisterClient: 35,
} as const;

/** Response codes (ResponseCode.java, RemotingSysResponseCode.java). */
export const ResponseCode = {
	success: 0,
	systemError: 1,
	systemBusy: 2,
	requestCodeNotSupported: 3,
	/** Also what the 5.x authentication and authorization pipelines answer (broker/.../auth/pipeline). */
	noPermission: 16,
	topicNotExist: 17,
	/** Stored on the master, but not flushed or replicated as the broker is configured to wait for. */
	flushDiskTimeout: 10,
	slaveNotAvailable: 11,
	flushSlaveTimeout: 12,
	/** Refused: too large, bad properties, bad topic. */
	messageIllegal: 13,
	/** Disk full, broker shutting down, or a slave. */
	serviceNotAvailable: 14,
} as const;

/**
 * The `version` sent in request headers: the ordinal of MQVersion.Version.V5_3_3 (common/.../MQVersion.java). Any
 * value from V4_9_4 (401) up makes the name server answer routes in standard JSON (namesrv ClientRequestProcessor).
 */
export const clientVersion = 479;

/** LanguageCode name sent in request headers (LanguageCode.java); every server version knows JAVA. */
export const clientLanguage = 'JAVA';

/** Largest frame the client accepts; RocketMQ's own default (NettyDecoder, com.rocketmq.remoting.frameMaxLength). */
export const maxFrameLength = 16 * 1024 * 1024;

/** Bit 0 of `flag` marks a response, bit 1 a one-way request (RemotingCommand RPC_TYPE, RPC_ONEWAY). */
export const responseFlag = 1;

/** Default port of a name server. */
export const defaultNameServerPort = 9876;

export const defaultTimeoutMs = 5000;
