/**
 * MySQL's binary JSON (the JSON column type, 245) to JSON text, as MySQL prints it: `{"k": 1, "a": [1, 2]}`.
 * OceanBase's Binlog Service writes this format too (it converts JSON text to it). Integers stay exact (BigInt
 * where needed); opaque DECIMAL and temporal values print as MySQL prints them.
 * Format: mysql-server sql-common/json_binary.cc.
 */
import {decodeDecimal} from './decimal.js';
import type {JsonNode} from './json-node.js';

const T = {
	SMALL_OBJECT: 0x00,
	LARGE_OBJECT: 0x01,
	SMALL_ARRAY: 0x02,
	LARGE_ARRAY: 0x03,
	LITERAL: 0x04,
	INT16: 0x05,
	UINT16: 0x06,
	INT32: 0x07,
	UINT32: 0x08,
	INT64: 0x09,
	UINT64: 0x0a,
	DOUBLE: 0x0b,
	STRING: 0x0c,
	OPAQUE: 0x0f,
} as const;

/** Decodes a whole JSON column value; an empty value (length 0) is the JSON null MySQL writes for it. */
export function decodeJsonBinary(bytes: Buffer): string {
	if (bytes.length === 0) return 'null';
	return value(bytes, bytes[0]!, 1, bytes.length - 1);
}

function value(buf: Buffer, type: number, offset: number, length: number): string {
	switch (type) {
		case T.SMALL_OBJECT:
		case T.LARGE_OBJECT:
			return container(buf, offset, type === T.LARGE_OBJECT, true);
		case T.SMALL_ARRAY:
		case T.LARGE_ARRAY:
			return container(buf, offset, type === T.LARGE_ARRAY, false);
		case T.LITERAL:
			return literal(buf[offset]!);
		case T.INT16:
			return String(buf.readInt16LE(offset));
		case T.UINT16:
			return String(buf.readUInt16LE(offset));
		case T.INT32:
			return String(buf.readInt32LE(offset));
		case T.UINT32:
			return String(buf.readUInt32LE(offset));
		case T.INT64:
			return String(buf.readBigInt64LE(offset));
		case T.UINT64:
			return String(buf.readBigUInt64LE(offset));
		case T.DOUBLE:
			return formatDouble(buf.readDoubleLE(offset));
		case T.STRING: {
			const [size, at] = varLength(buf, offset);
			return JSON.stringify(buf.toString('utf8', at, at + size));
		}
		case T.OPAQUE:
			return opaque(buf, offset);
		default:
			throw new RangeError(`unknown JSON value type 0x${type.toString(16)} (length ${length})`);
	}
}

function literal(code: number): string {
	if (code === 0) return 'null';
	if (code === 1) return 'true';
	if (code === 2) return 'false';
	throw new RangeError(`unknown JSON literal ${code}`);
}

function container(buf: Buffer, base: number, large: boolean, isObject: boolean): string {
	const parts: string[] = [];
	forEachEntry(buf, base, large, isObject, (key, text) => {
		parts.push(key === null ? text : `${JSON.stringify(key)}: ${text}`);
	});
	return isObject ? `{${parts.join(', ')}}` : `[${parts.join(', ')}]`;
}

/** Walks a container's entries in stored order (keys as MySQL sorts them), with each value's text (a container's only when `print`). */
function forEachEntry(
	buf: Buffer,
	base: number,
	large: boolean,
	isObject: boolean,
	visit: (key: string | null, text: string, type: number, at: number) => void,
	print = true,
): void {
	const word = large ? 4 : 2;
	const read = (at: number) => (large ? buf.readUInt32LE(at) : buf.readUInt16LE(at));
	const count = read(base);
	const keyEntries = base + 2 * word;
	const valueEntries = keyEntries + (isObject ? count * (word + 2) : 0);
	for (let i = 0; i < count; i++) {
		const entry = valueEntries + i * (1 + word);
		const type = buf[entry]!;
		const inlined = type === T.LITERAL || type === T.INT16 || type === T.UINT16 || (large && (type === T.INT32 || type === T.UINT32));
		const at = inlined ? entry + 1 : base + read(entry + 1);
		const text = print || !isContainer(type) ? value(buf, type, at, inlined ? word : 0) : '';
		let key: string | null = null;
		if (isObject) {
			const keyEntry = keyEntries + i * (word + 2);
			const keyOffset = read(keyEntry);
			key = buf.toString('utf8', base + keyOffset, base + keyOffset + buf.readUInt16LE(keyEntry + word));
		}
		visit(key, text, type, at);
	}
}

const isContainer = (type: number) => type <= T.LARGE_ARRAY;

/**
 * A whole JSON column value as a tree, for applying JSON diffs (json-diff.ts): containers become nodes, every other
 * value the text decodeJsonBinary prints for it, so printJsonNode(decodeJsonNode(b)) is decodeJsonBinary(b).
 */
export function decodeJsonNode(bytes: Buffer): JsonNode {
	if (bytes.length === 0) return {kind: 'scalar', text: 'null'};
	return node(bytes, bytes[0]!, 1);
}

function node(buf: Buffer, type: number, at: number): JsonNode {
	if (!isContainer(type)) return {kind: 'scalar', text: value(buf, type, at, 0)};
	const isObject = type === T.SMALL_OBJECT || type === T.LARGE_OBJECT;
	const large = type === T.LARGE_OBJECT || type === T.LARGE_ARRAY;
	const members: Array<[string, JsonNode]> = [];
	const items: JsonNode[] = [];
	forEachEntry(
		buf,
		at,
		large,
		isObject,
		(key, text, entryType, entryAt) => {
			const child = isContainer(entryType) ? node(buf, entryType, entryAt) : {kind: 'scalar' as const, text};
			if (key === null) items.push(child);
			else members.push([key, child]);
		},
		false,
	);
	return isObject ? {kind: 'object', members} : {kind: 'array', items};
}

/** 7 bits a byte, low first, high bit = more. Returns [value, offset after it]. */
function varLength(buf: Buffer, offset: number): [number, number] {
	let result = 0;
	for (let i = 0; i < 5; i++) {
		const byte = buf[offset + i]!;
		result += (byte & 0x7f) * 2 ** (7 * i);
		if ((byte & 0x80) === 0) return [result, offset + i + 1];
	}
	throw new RangeError('JSON variable length is too long');
}

function opaque(buf: Buffer, offset: number): string {
	const fieldType = buf[offset]!;
	const [size, at] = varLength(buf, offset + 1);
	const data = buf.subarray(at, at + size);
	if (fieldType === 246 && size >= 2) return decodeDecimal(data, 2, data[0]!, data[1]!);
	return JSON.stringify(`base64:type${fieldType}:${data.toString('base64')}`);
}

/** MySQL prints doubles in their shortest round-trip form, with an exponent from 1e15 up (1e15, 1.5e-7). */
function formatDouble(number: number): string {
	if (!Number.isFinite(number)) throw new RangeError(`JSON double ${number}`);
	const text = String(number);
	return text.includes('e') ? text.replace('e+', 'e') : text;
}
