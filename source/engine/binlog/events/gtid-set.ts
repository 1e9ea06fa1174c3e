/**
 * MySQL GTID sets, as text and in the binary encoding PREVIOUS_GTIDS and COM_BINLOG_DUMP_GTID carry
 * (mysql-server sql/rpl_gtid_set.cc Gtid_set::encode/add_gtid_encoding, libs/mysql/gtid/tsid.cpp, tag.cpp).
 *
 * The encoding starts with 8 bytes for the number of TSIDs (a UUID plus an optional tag, MySQL 8.3+). The untagged
 * format keeps the count in the low 7 bytes and 0 in the high byte. The tagged format (format 1) puts 1 in the high and
 * low bytes and the count in the 6 bytes between, so no older reader takes it for a small count. Then, per TSID: the
 * 16 UUID bytes, in the tagged format the tag (a variable-length length and its bytes, empty for untagged
 * GTIDs), the number of intervals (8 bytes) and each interval as two signed 8-byte numbers, start and end exclusive.
 */
import type {ByteReader} from '../byte-reader.js';
import {readVarlenUnsigned, writeVarlenUnsigned} from './serialization.js';

/** The GTIDs of one TSID: intervals as [start, end) pairs, in order. */
export type GtidSetEntry = {
	readonly uuid: string;
	/** Lower case, '' for untagged GTIDs. */
	readonly tag: string;
	readonly intervals: ReadonlyArray<readonly [bigint, bigint]>;
};

const TAGGED_FORMAT = 1n;
/** libs/mysql/gtid/gtid_constants.h tag_max_length. */
const TAG_MAX_LENGTH = 32;
const TAG = /^[a-z_][a-z0-9_]{0,31}$/;

export function uuidText(bytes: Buffer): string {
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function decodeGtidSet(reader: ByteReader): GtidSetEntry[] {
	const head = reader.u64();
	const format = head >> 56n;
	if (format !== 0n && format !== TAGGED_FORMAT) throw new RangeError(`unknown GTID set encoding format ${format}`);
	const tagged = format === TAGGED_FORMAT;
	const count = Number(tagged ? (head >> 8n) & 0xffff_ffff_ffffn : head);
	const entries: GtidSetEntry[] = [];
	for (let i = 0; i < count; i++) {
		const uuid = uuidText(reader.bytes(16));
		let tag = '';
		if (tagged) {
			const length = readVarlenUnsigned(reader);
			if (length > TAG_MAX_LENGTH) throw new RangeError(`GTID tag of ${length} bytes is longer than ${TAG_MAX_LENGTH}`);
			tag = reader.string(Number(length));
		}
		const intervals: Array<[bigint, bigint]> = [];
		for (let n = Number(reader.u64()); n > 0; n--) intervals.push([reader.i64(), reader.i64()]);
		entries.push({uuid, tag, intervals});
	}
	return entries;
}

/**
 * MySQL's text: `uuid:1-5:7,uuid2:1-3`; tagged GTIDs follow their UUID's untagged ones as `:tag:ranges`, so
 * `uuid:1-5:blue:1-2` (the entries are in the order MySQL writes them: by UUID, untagged first).
 */
export function formatGtidSet(entries: readonly GtidSetEntry[]): string {
	const parts: string[] = [];
	let last: string | undefined;
	for (const {uuid, tag, intervals} of entries) {
		const ranges = intervals.map(([start, end]) => (start === end - 1n ? `${start}` : `${start}-${end - 1n}`));
		const text = [...(tag ? [tag] : []), ...ranges].join(':');
		if (uuid === last) parts[parts.length - 1] += `:${text}`;
		else parts.push(text ? `${uuid}:${text}` : uuid);
		last = uuid;
	}
	return parts.join(',');
}

/** Parses GTID set text (tags allowed: `uuid:1-5:blue:1-2`); throws a RangeError saying what is wrong. */
export function parseGtidSet(text: string): GtidSetEntry[] {
	const entries: GtidSetEntry[] = [];
	for (const part of text.split(',').map((p) => p.trim())) {
		if (!part) continue;
		const [uuid = '', ...rest] = part.split(':').map((p) => p.trim());
		const hex = uuid.replaceAll('-', '').toLowerCase();
		if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`invalid GTID set: "${part}" does not start with a server UUID`);
		const id = uuidText(Buffer.from(hex, 'hex'));
		let current: {uuid: string; tag: string; intervals: Array<[bigint, bigint]>} = {uuid: id, tag: '', intervals: []};
		entries.push(current);
		for (const item of rest) {
			const range = /^(\d+)(?:-(\d+))?$/.exec(item);
			if (range) {
				const start = BigInt(range[1]!);
				current.intervals.push([start, (range[2] === undefined ? start : BigInt(range[2])) + 1n]);
				continue;
			}
			const tag = item.toLowerCase();
			if (!TAG.test(tag)) throw new RangeError(`invalid GTID set: "${item}" in "${part}" is neither a range nor a tag`);
			current = {uuid: id, tag, intervals: []};
			entries.push(current);
		}
	}
	// A bare `uuid` or `uuid:tag` names no GTIDs.
	return entries.filter((entry) => entry.intervals.length > 0);
}

/** The binary encoding; the tagged format only when a tag is present, as MySQL does, so older servers still read it. */
export function encodeGtidSet(entries: readonly GtidSetEntry[]): Buffer {
	const tagged = entries.some((entry) => entry.tag !== '');
	const chunks: Buffer[] = [Buffer.alloc(8)];
	const count = BigInt(entries.length);
	chunks[0]!.writeBigUInt64LE(tagged ? (TAGGED_FORMAT << 56n) | (count << 8n) | TAGGED_FORMAT : count);
	for (const {uuid, tag, intervals} of entries) {
		chunks.push(Buffer.from(uuid.replaceAll('-', ''), 'hex'));
		if (tagged) chunks.push(writeVarlenUnsigned(BigInt(tag.length)), Buffer.from(tag, 'ascii'));
		const block = Buffer.alloc(8 + intervals.length * 16);
		let at = block.writeBigUInt64LE(BigInt(intervals.length), 0);
		for (const [start, end] of intervals) {
			at = block.writeBigInt64LE(start, at);
			at = block.writeBigInt64LE(end, at);
		}
		chunks.push(block);
	}
	return Buffer.concat(chunks);
}
