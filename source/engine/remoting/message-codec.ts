/**
 * Messages as a remoting producer writes them (apache/rocketmq common/.../message/MessageDecoder.java and
 * MessageConst.java, 4.9.x and 5.x alike):
 * - properties as one string, `name\u0001value\u0002` per property;
 * - a batch body (SEND_BATCH_MESSAGE) as the messages one after the other, each
 *   `int32 totalSize | int32 magic (0) | int32 bodyCRC (0) | int32 flag | int32 bodyLength | body |
 *   int16 propertiesLength | properties`, big-endian, which the broker stores as separate messages in one write.
 */
import {ConfigError, SinkError} from '../errors.js';

/** System property names (MessageConst). */
export const Property = {
	keys: 'KEYS',
	tags: 'TAGS',
	/** The id consumers see as the message id (MessageClientIDSetter). */
	uniqueKey: 'UNIQ_KEY',
	/** The FIFO message group: what gRPC consumers see as `messageGroup`. */
	shardingKey: '__SHARDINGKEY',
	waitStoreMsgOk: 'WAIT',
} as const;

const nameValueSeparator = '\u0001';
const propertySeparator = '\u0002';
/** The broker refuses a message whose properties exceed Short.MAX_VALUE bytes (PROPERTIES_SIZE_EXCEEDED). */
export const maxPropertiesBytes = 32_767;
/** Fixed bytes of one message in a batch body besides its body and properties. */
const messageOverhead = 4 + 4 + 4 + 4 + 4 + 2;

/**
 * The two separators cannot travel inside a name or value (they would split it). Values that hold them (a key built
 * from a column value, say) get `_` instead, as obsync's keys already do for white space.
 */
const separators = new RegExp(`[${nameValueSeparator}${propertySeparator}]`, 'g');
const clean = (text: string) =>
	text.includes(nameValueSeparator) || text.includes(propertySeparator) ? text.replace(separators, '_') : text;

export function encodeProperties(properties: Iterable<readonly [string, string]>): string {
	let text = '';
	for (const [name, value] of properties) text += clean(name) + nameValueSeparator + clean(value) + propertySeparator;
	return text;
}

export function decodeProperties(text: string): Map<string, string> {
	const properties = new Map<string, string>();
	for (const pair of text.split(propertySeparator)) {
		if (!pair) continue;
		const at = pair.indexOf(nameValueSeparator);
		if (at > 0) properties.set(pair.slice(0, at), pair.slice(at + 1));
	}
	return properties;
}

/**
 * The largest body a producer sends: the Java client's and the broker's default maxMessageSize (4 MiB). As the Java
 * client does (Validators.checkMessage), a larger one is refused before it is sent: a broker may drop the connection
 * over it, which would look like a failure worth retrying.
 */
export const maxBodyBytes = 4 * 1024 * 1024;

/** One message ready for a batch: its body and its encoded properties. */
export type EncodedMessage = {readonly body: Buffer; readonly properties: Buffer; readonly flag: number};

export function encodeMessage(body: Buffer, properties: string, flag = 0): EncodedMessage {
	if (body.length > maxBodyBytes) {
		throw new SinkError(`a message of ${body.length} bytes is larger than RocketMQ accepts (maxMessageSize, ${maxBodyBytes} bytes)`, {
			hint: 'select fewer or smaller columns for that table (Step 3 Settings), or use a format with smaller bodies',
		});
	}
	const encoded = Buffer.from(properties, 'utf8');
	if (encoded.length > maxPropertiesBytes) {
		throw new SinkError(`a message's properties take ${encoded.length} bytes; RocketMQ accepts at most ${maxPropertiesBytes}`, {
			hint: 'shorten the keys (fewer or shorter primary-key columns) or the business system identification',
		});
	}
	return {body, properties: encoded, flag};
}

/** Bytes a message takes in a batch body. */
export function batchedSize(message: EncodedMessage): number {
	return messageOverhead + message.body.length + message.properties.length;
}

export function encodeBatchBody(messages: readonly EncodedMessage[]): Buffer {
	let total = 0;
	for (const message of messages) total += batchedSize(message);
	const out = Buffer.allocUnsafe(total);
	let at = 0;
	for (const message of messages) {
		const size = batchedSize(message);
		at = out.writeInt32BE(size, at);
		at = out.writeInt32BE(0, at); // magic code: the broker does not check it in a batch
		at = out.writeInt32BE(0, at); // body CRC: computed by the broker
		at = out.writeInt32BE(message.flag, at);
		at = out.writeInt32BE(message.body.length, at);
		at += message.body.copy(out, at);
		at = out.writeInt16BE(message.properties.length, at);
		at += message.properties.copy(out, at);
	}
	return out;
}

/** Reads a batch body back (tests, and a check that what is sent is what RocketMQ decodes). */
export function decodeBatchBody(body: Buffer): Array<{flag: number; body: Buffer; properties: Map<string, string>}> {
	const messages: Array<{flag: number; body: Buffer; properties: Map<string, string>}> = [];
	let at = 0;
	while (at < body.length) {
		if (at + messageOverhead > body.length) throw new ConfigError(`batch body truncated at byte ${at}`);
		const size = body.readInt32BE(at);
		const flag = body.readInt32BE(at + 12);
		const bodyLength = body.readInt32BE(at + 16);
		const start = at + 20;
		const propertiesLength = body.readInt16BE(start + bodyLength);
		const properties = body.toString('utf8', start + bodyLength + 2, start + bodyLength + 2 + propertiesLength);
		messages.push({flag, body: body.subarray(start, start + bodyLength), properties: decodeProperties(properties)});
		at += size;
	}
	return messages;
}
