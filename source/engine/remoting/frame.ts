/**
 * RocketMQ remoting frames (RemotingCommand.encode/decode, NettyDecoder in apache/rocketmq). Big-endian:
 *
 *     int32 length                   4 + header length + body length (the field does not count itself)
 *     int32 serialize type | header  serialize type in the top byte (0 JSON, 1 ROCKETMQ), header length in the low 24 bits
 *     header                         JSON object, or the ROCKETMQ binary layout
 *     body
 *
 * Requests are always written with a JSON header; responses are read in either serialization.
 */
import {parseLooseJson} from './loose-json.js';
import {clientLanguage, clientVersion, maxFrameLength, responseFlag} from './protocol.js';

export type RemotingCommand = {
	readonly code: number;
	readonly opaque: number;
	readonly flag: number;
	readonly remark: string | null;
	readonly extFields: Readonly<Record<string, string>>;
	readonly body: Buffer;
};

export type RemotingRequest = {
	readonly code: number;
	readonly opaque: number;
	/** Header fields of the request; RocketMQ reads them all as strings. */
	readonly extFields?: Readonly<Record<string, string>>;
	readonly body?: Buffer;
};

/** The frame is not RocketMQ remoting: the peer is something else, or the stream is out of step. */
export class FrameFormatError extends Error {
	override readonly name = 'FrameFormatError';
}

const serializeJson = 0;
const serializeRocketmq = 1;

export function encodeRequest(request: RemotingRequest): Buffer {
	const head = encodeRequestHead(request);
	return request.body && request.body.length > 0 ? Buffer.concat([head, request.body]) : head;
}

/**
 * The frame of a request up to its body: the length field counts the body, which the caller writes right after, so a
 * large batch body is not copied into a new buffer.
 */
export function encodeRequestHead({code, opaque, extFields = {}, body}: RemotingRequest): Buffer {
	const header = Buffer.from(
		JSON.stringify({code, language: clientLanguage, version: clientVersion, opaque, flag: 0, extFields, serializeTypeCurrentRPC: 'JSON'}),
		'utf8',
	);
	const bodyLength = body?.length ?? 0;
	const head = Buffer.allocUnsafe(8 + header.length);
	head.writeInt32BE(4 + header.length + bodyLength, 0);
	head.writeInt32BE((serializeJson << 24) | (header.length & 0xffffff), 4);
	header.copy(head, 8);
	return head;
}

/** Decodes one frame without its leading length field. */
export function decodeFrame(frame: Buffer): RemotingCommand {
	if (frame.length < 4) throw new FrameFormatError(`frame of ${frame.length} bytes is too short`);
	const mark = frame.readUInt32BE(0);
	const serializeType = mark >>> 24;
	const headerLength = mark & 0xffffff;
	if (headerLength > frame.length - 4)
		throw new FrameFormatError(`header length ${headerLength} exceeds the frame (${frame.length} bytes)`);
	const header = frame.subarray(4, 4 + headerLength);
	const body = Buffer.from(frame.subarray(4 + headerLength));
	if (serializeType === serializeJson) return {...decodeJsonHeader(header), body};
	if (serializeType === serializeRocketmq) return {...decodeBinaryHeader(header), body};
	throw new FrameFormatError(`unknown serialize type ${serializeType}`);
}

export function isResponse(command: RemotingCommand): boolean {
	return (command.flag & responseFlag) === responseFlag;
}

/** Splits a byte stream into commands; keeps a partial frame until the rest arrives. */
export class FrameReader {
	#pending: Buffer = Buffer.alloc(0);

	push(chunk: Buffer): RemotingCommand[] {
		this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
		const commands: RemotingCommand[] = [];
		while (this.#pending.length >= 4) {
			const length = this.#pending.readInt32BE(0);
			if (length < 4 || length > maxFrameLength) throw new FrameFormatError(`frame length ${length} is out of range`);
			if (this.#pending.length < 4 + length) break;
			commands.push(decodeFrame(this.#pending.subarray(4, 4 + length)));
			this.#pending = this.#pending.subarray(4 + length);
		}
		return commands;
	}

	/** Bytes received that do not yet make a whole frame. */
	get buffered(): number {
		return this.#pending.length;
	}
}

type Header = Omit<RemotingCommand, 'body'>;

function decodeJsonHeader(header: Buffer): Header {
	let parsed: unknown;
	try {
		parsed = parseLooseJson(header.toString('utf8'));
	} catch (error) {
		throw new FrameFormatError(`header is not JSON: ${(error as Error).message}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FrameFormatError('header is not a JSON object');
	const {code, opaque, flag, remark, extFields} = parsed as Record<string, unknown>;
	if (typeof code !== 'number' || typeof opaque !== 'number') throw new FrameFormatError('header has no numeric code and opaque');
	return {
		code,
		opaque,
		flag: typeof flag === 'number' ? flag : 0,
		remark: typeof remark === 'string' ? remark : null,
		extFields: stringFields(extFields),
	};
}

function stringFields(value: unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	if (typeof value !== 'object' || value === null) return fields;
	for (const [key, field] of Object.entries(value)) if (field !== null && field !== undefined) fields[key] = String(field);
	return fields;
}

/** RocketMQSerializable: int16 code, int8 language, int16 version, int32 opaque, int32 flag, remark, extFields. */
function decodeBinaryHeader(header: Buffer): Header {
	let offset = 0;
	const need = (bytes: number) => {
		if (offset + bytes > header.length) throw new FrameFormatError('binary header is truncated');
	};
	const readString = (lengthBytes: 2 | 4): string | null => {
		need(lengthBytes);
		const length = lengthBytes === 2 ? header.readInt16BE(offset) : header.readInt32BE(offset);
		offset += lengthBytes;
		if (length <= 0) return null;
		need(length);
		const text = header.toString('utf8', offset, offset + length);
		offset += length;
		return text;
	};
	need(13);
	const code = header.readInt16BE(0);
	const opaque = header.readInt32BE(5);
	const flag = header.readInt32BE(9);
	offset = 13;
	const remark = readString(4);
	const extFields: Record<string, string> = {};
	need(4);
	const extLength = header.readInt32BE(offset);
	offset += 4;
	const end = offset + Math.max(0, extLength);
	if (end > header.length) throw new FrameFormatError('binary header extFields are truncated');
	while (offset < end) {
		const key = readString(2);
		const value = readString(4);
		if (key !== null) extFields[key] = value ?? '';
	}
	return {code, opaque, flag, remark, extFields};
}
