/**
 * A small client for RocketMQ's remoting protocol, for the admin questions obsync asks before it runs: which topics
 * exist, and whether a topic exists and is FIFO. The gRPC API the producer uses has no way to list topics.
 */
export {parseHostPort, parseNameServerAddresses} from './address.js';
export {isSystemTopic} from './system-topics.js';
export type {TopicInfo, TopicMessageType} from './topic-info.js';
export {type AdminOptions, describeTopic, describeTopics, type ListTopicsOptions, listTopics} from './topics.js';
