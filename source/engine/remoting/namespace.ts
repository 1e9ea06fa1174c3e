/**
 * Namespaces as the Java client applies them (apache/rocketmq common/.../protocol/NamespaceUtil.wrapNamespace): a
 * topic or group `name` in namespace `ns` is `ns%name` on the wire, except RocketMQ's own topics and names that
 * already carry the namespace.
 */
import {isSystemTopic} from './system-topics.js';

export function wrapNamespace(namespace: string, resource: string): string {
	if (!namespace || !resource || isSystemTopic(resource) || resource.startsWith(`${namespace}%`)) return resource;
	return `${namespace}%${resource}`;
}
