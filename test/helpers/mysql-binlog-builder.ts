/**
 * Writes MySQL 8.4/9 binlog events byte by byte, for what the MariaDB test service cannot write: tagged GTIDs,
 * tagged PREVIOUS_GTIDS, VECTOR columns, zstd-compressed transactions and JSON partial updates. Each encoder follows
 * the source or document named on it, and is written here independently of obsync's decoder, so that a test does not check the decoder
 * against itself. Events: the 19-byte common header, the body, and a CRC32 of both (binlog_checksum=CRC32), as
 * mysql-server libs/mysql/binlog/event/binlog_event.h describes; events inside a transaction payload carry none.
 * (test/doubles/oceanbase-shape.ts has an EventWriter, but for OceanBase's server id and always with a CRC32.)
 */
import {crc32} from '../../source/engine/binlog/checksum.js';
import {BINLOG_MAGIC} from '../../source/engine/binlog/file-reader.js';

export const SERVER_ID = 1;
export const TIMESTAMP = 1_735_689_600; // 2025-01-01T00:00:00Z

/**
 * Post-header lengths by event type (index = type - 1) as MySQL 8.4 and 9 write them in their FDE
 * (mysql-server libs/mysql/binlog/event/control_events.cpp, Format_description_event, server_event_header_length):
 * QUERY 13, ROTATE 8, TABLE_MAP 8, rows v2 10, GTID and ANONYMOUS_GTID 42, TRANSACTION_PAYLOAD 40 (the type code,
 * a slip the server keeps for compatibility; readers ignore it), GTID_TAGGED 0.
 */
const POST_HEADERS = [
	0, 13, 0, 8, 0, 0, 0, 0, 4, 0, 4, 0, 0, 0, 99, 0, 4, 26, 8, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 10, 10, 10, 42, 42, 0, 18, 52, 0, 10, 40, 0, 0,
];

export type BuiltEvent = {readonly type: number; readonly body: Buffer; readonly flags?: number};

/** One whole event; `checksum` false for the events inside a TRANSACTION_PAYLOAD (they have none). */
export function eventBytes(event: BuiltEvent, position: number, checksum = true): Buffer {
	const size = 19 + event.body.length + (checksum ? 4 : 0);
	const bytes = Buffer.alloc(size);
	bytes.writeUInt32LE(TIMESTAMP, 0);
	bytes[4] = event.type;
	bytes.writeUInt32LE(SERVER_ID, 5);
	bytes.writeUInt32LE(size, 9);
	bytes.writeUInt32LE(checksum ? position + size : 0, 13);
	bytes.writeUInt16LE(event.flags ?? 0, 17);
	event.body.copy(bytes, 19);
	if (checksum) bytes.writeUInt32LE(crc32(bytes.subarray(0, size - 4)), size - 4);
	return bytes;
}

/** A binlog file's bytes: the magic, then the events at their positions, each with its CRC32. */
export function binlogFile(events: readonly BuiltEvent[]): Buffer {
	const parts: Buffer[] = [BINLOG_MAGIC];
	let position = 4;
	for (const event of events) {
		const bytes = eventBytes(event, position);
		parts.push(bytes);
		position += bytes.length;
	}
	return Buffer.concat(parts);
}

/** FORMAT_DESCRIPTION (15): binlog version 4, the server version in 50 bytes, then the post-header lengths and CRC32 (1). */
export function formatDescription(serverVersion = '9.1.0'): BuiltEvent {
	const body = Buffer.alloc(2 + 50 + 4 + 1 + POST_HEADERS.length + 1);
	body.writeUInt16LE(4, 0);
	body.write(serverVersion, 2, 'latin1');
	body.writeUInt32LE(TIMESTAMP, 52);
	body[56] = 19;
	Buffer.from(POST_HEADERS).copy(body, 57);
	body[body.length - 1] = 1;
	return {type: 15, body};
}

/**
 * Variable-length integers of the MySQL serialization framework (libs/mysql/serialization/readme.md, "Variable-length
 * integers"; variable_length_integers.h write_varlen_bytes_unsigned): byte count = trailing ones of the first byte + 1.
 */
export function varlen(value: bigint | number): Buffer {
	const n = BigInt(value);
	let count = 1;
	while (count < 9 && n >= 1n << BigInt(7 * count)) count++;
	if (count === 9) return Buffer.concat([Buffer.from([0xff]), u64(n)]);
	const shifted = (n << BigInt(count)) | ((1n << BigInt(count - 1)) - 1n);
	const out = Buffer.alloc(count);
	for (let i = 0; i < count; i++) out[i] = Number((shifted >> BigInt(8 * i)) & 0xffn);
	return out;
}

/** Signed: zigzag, the sign in the lowest bit (same readme). */
export function varlenSigned(value: bigint | number): Buffer {
	const n = BigInt(value);
	return varlen(n < 0n ? ((-n - 1n) << 1n) | 1n : n << 1n);
}

function u64(value: bigint): Buffer {
	const out = Buffer.alloc(8);
	out.writeBigUInt64LE(BigInt.asUintN(64, value));
	return out;
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');

export type TaggedGtid = {uuid: string; tag: string; gno: number; lastCommitted?: number; sequenceNumber?: number};

/**
 * GTID_TAGGED_LOG_EVENT (42): one serialization-framework message (libs/mysql/serialization/readme.md "Message
 * format": version 1, size from its first byte, last non-ignorable field id + 1, then (id, value) fields), the fields
 * being Gtid_event::define_fields() in libs/mysql/binlog/event/control_events.h: 0 flags, 1 the UUID (an array, so
 * each of its 16 bytes a varlen), 2 gno, 3 tag (varlen length + bytes), 4 last_committed, 5 sequence_number,
 * 6 immediate_commit_timestamp, (7 original_commit_timestamp, left out when equal), 8 transaction_length,
 * 9 immediate_server_version, (10 original_server_version and 11 commit_group_ticket left out).
 */
export function taggedGtid(gtid: TaggedGtid, extraFields: Buffer = Buffer.alloc(0)): BuiltEvent {
	const fields = Buffer.concat([
		varlen(0),
		varlen(1),
		varlen(1),
		...[...uuidBytes(gtid.uuid)].map((byte) => varlen(byte)),
		varlen(2),
		varlenSigned(gtid.gno),
		varlen(3),
		varlen(gtid.tag.length),
		Buffer.from(gtid.tag, 'ascii'),
		varlen(4),
		varlenSigned(gtid.lastCommitted ?? 0),
		varlen(5),
		varlenSigned(gtid.sequenceNumber ?? 1),
		varlen(6),
		varlen(1_735_689_600_000_000n),
		varlen(8),
		varlen(512),
		varlen(9),
		varlen(90100),
		extraFields,
	]);
	return {type: 42, body: serializableMessage(fields, extraFields.length > 0 ? 13 : 10)};
}

/** version 1 (as MySQL 8.3 to 9.6 write it), size (counting itself), last non-ignorable field id + 1, fields. */
export function serializableMessage(fields: Buffer, lastNonIgnorable: number): Buffer {
	const tail = Buffer.concat([varlen(lastNonIgnorable), fields]);
	let size = 1 + 1 + tail.length;
	while (1 + varlen(size).length + tail.length !== size) size = 1 + varlen(size).length + tail.length;
	return Buffer.concat([varlen(1), varlen(size), tail]);
}

export type GtidSetEntry = {uuid: string; tag: string; intervals: Array<[number, number]>};

/**
 * PREVIOUS_GTIDS (35): a GTID set (mysql-server sql/rpl_gtid_set.cc Gtid_set::encode, encode_nsids_format;
 * libs/mysql/gtid/tsid.cpp encode_tsid, tag.cpp encode_tag). Tagged format (1): 8 bytes `01 | count << 8 | 01 << 56`,
 * per TSID the UUID, the tag as varlen length + bytes, the interval count (8 bytes), intervals [start, end) of 8 bytes
 * each. Untagged (0): the count alone, no tags.
 */
export function gtidSetBytes(entries: readonly GtidSetEntry[], tagged: boolean): Buffer {
	const head = tagged ? (1n << 56n) | (BigInt(entries.length) << 8n) | 1n : BigInt(entries.length);
	const parts = [u64(head)];
	for (const {uuid, tag, intervals} of entries) {
		parts.push(uuidBytes(uuid));
		if (tagged) parts.push(varlen(tag.length), Buffer.from(tag, 'ascii'));
		parts.push(u64(BigInt(intervals.length)));
		for (const [start, end] of intervals) parts.push(u64(BigInt(start)), u64(BigInt(end)));
	}
	return Buffer.concat(parts);
}

export function previousGtids(entries: readonly GtidSetEntry[], tagged = true): BuiltEvent {
	return {type: 35, body: gtidSetBytes(entries, tagged)};
}

/** QUERY (2), post-header 13: thread id, time, database length, error code, status variables length (0). */
export function query(sql: string, database = 'shop'): BuiltEvent {
	const head = Buffer.alloc(13);
	head.writeUInt32LE(7, 0);
	head[8] = database.length;
	return {type: 2, body: Buffer.concat([head, Buffer.from(`${database}\0${sql}`, 'utf8')])};
}

export function xid(id: number): BuiltEvent {
	return {type: 16, body: u64(BigInt(id))};
}

export type Column = {type: number; meta: Buffer};
/** MYSQL_TYPE_LONG (3): no metadata. */
export const INT_COLUMN: Column = {type: 3, meta: Buffer.alloc(0)};
/** MYSQL_TYPE_VECTOR (242, include/field_types.h): like a BLOB, one metadata byte, the length prefix size (4). */
export const VECTOR_COLUMN: Column = {type: 242, meta: Buffer.from([4])};

/** TABLE_MAP (19), post-header 8: table id (6), flags (2); then names, column types, metadata, null bitmap. */
export function tableMap(tableId: number, database: string, table: string, columns: readonly Column[]): BuiltEvent {
	const head = Buffer.alloc(8);
	head.writeUIntLE(tableId, 0, 6);
	head.writeUInt16LE(1, 6);
	const meta = Buffer.concat(columns.map((column) => column.meta));
	const nullable = Buffer.alloc((columns.length + 7) >> 3, 0xff);
	const body = Buffer.concat([
		head,
		Buffer.from([database.length]),
		Buffer.from(`${database}\0`),
		Buffer.from([table.length]),
		Buffer.from(`${table}\0`),
		Buffer.from([columns.length]),
		Buffer.from(columns.map((column) => column.type)),
		Buffer.from([meta.length]),
		meta,
		nullable,
	]);
	return {type: 19, body};
}

/** INT value: 4 bytes LE. */
export const intValue = (n: number) => {
	const out = Buffer.alloc(4);
	out.writeInt32LE(n);
	return out;
};

/** VECTOR value: a 4-byte length, then little-endian float32s (mysql-server sql/field.h Field_vector). */
export function vectorValue(floats: readonly number[]): Buffer {
	const out = Buffer.alloc(4 + floats.length * 4);
	out.writeUInt32LE(floats.length * 4, 0);
	for (const [i, f] of floats.entries()) out.writeFloatLE(f, 4 + i * 4);
	return out;
}

/**
 * WRITE_ROWS v2 (30), post-header 10: table id (6), flags (2, STMT_END_F), extra-data length (2, itself only); then
 * the column count, the columns-present bitmap, and per row a null bitmap and the values (`null` for SQL NULL).
 */
export function writeRows(tableId: number, columnCount: number, rows: ReadonlyArray<ReadonlyArray<Buffer | null>>): BuiltEvent {
	const head = Buffer.alloc(10);
	head.writeUIntLE(tableId, 0, 6);
	head.writeUInt16LE(1, 6);
	head.writeUInt16LE(2, 8);
	const bitmapBytes = (columnCount + 7) >> 3;
	const images = rows.map((row) => {
		const nulls = Buffer.alloc(bitmapBytes);
		row.forEach((value, i) => {
			if (value === null) nulls[i >> 3]! |= 1 << (i & 7);
		});
		return Buffer.concat([nulls, ...row.filter((value): value is Buffer => value !== null)]);
	});
	return {type: 30, body: Buffer.concat([head, Buffer.from([columnCount]), Buffer.alloc(bitmapBytes, 0xff), ...images])};
}

/**
 * TRANSACTION_PAYLOAD (40): (type, length, value) fields of length-encoded integers, 0 ends them
 * (libs/mysql/binlog/event/codecs/binary.cpp; control_events.h Transaction_payload_event: 1 payload size,
 * 2 compression type, 0 zstd / 255 none, 3 uncompressed size), then the payload.
 */
export function transactionPayload(payload: Buffer, compression: number, uncompressedSize: number): BuiltEvent {
	const field = (type: number, value: number) => {
		const encoded = packedInt(value);
		return Buffer.concat([Buffer.from([type]), packedInt(encoded.length), encoded]);
	};
	const header = Buffer.concat([field(1, payload.length), field(2, compression), field(3, uncompressedSize), Buffer.from([0])]);
	return {type: 40, body: Buffer.concat([header, payload])};
}

/** The events of a compressed transaction: no checksum, no next position (as the server writes them there). */
export function payloadEvents(events: readonly BuiltEvent[]): Buffer {
	return Buffer.concat(events.map((event) => eventBytes(event, 0, false)));
}

function packedInt(value: number): Buffer {
	if (value < 0xfb) return Buffer.from([value]);
	const out = Buffer.alloc(3);
	out[0] = 0xfc;
	out.writeUInt16LE(value, 1);
	return out;
}

/**
 * A zstd frame of raw (stored) blocks (RFC 8878 §3.1.1: magic 0xFD2FB528; frame header descriptor 0xA0 =
 * Single_Segment with a 4-byte Frame_Content_Size; each block a 3-byte header `last | type << 1 | size << 3`, type 0
 * raw). A valid frame any zstd decoder reads, written without a compressor.
 */
export function zstdRawFrame(data: Buffer, blockSize = 1000): Buffer {
	const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0]), Buffer.alloc(4)];
	parts[1]!.writeUInt32LE(data.length);
	for (let at = 0; at < data.length || at === 0; at += blockSize) {
		const block = data.subarray(at, at + blockSize);
		const last = at + blockSize >= data.length ? 1 : 0;
		const header = last | (0 << 1) | (block.length << 3);
		parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
		if (data.length === 0) break;
	}
	return Buffer.concat(parts);
}

/** MYSQL_TYPE_JSON (245): one metadata byte, the length prefix size, which the server always writes as 4. */
export const JSON_COLUMN: Column = {type: 245, meta: Buffer.from([4])};

/** A JSON column value: its 4-byte length, then the bytes (binary JSON, or a diff list in a partial update). */
export function jsonValue(bytes: Buffer): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32LE(bytes.length);
	return Buffer.concat([out, bytes]);
}

export type Json = null | boolean | number | bigint | string | Json[] | {[key: string]: Json};

/**
 * MySQL binary JSON (mysql-server sql-common/json_binary.cc, serialize_json_value and the format comment at its top):
 * a type byte, then the value. Small containers only: element count and byte size (2 bytes each), key entries
 * (offset and length, 2 bytes each) for objects, value entries (type byte and 2-byte offset, or the value itself for
 * literals and 16-bit integers), keys, then the other values; offsets count from the count field. Keys are sorted
 * shorter first, then by bytes, as the server stores them. Integers: INT16 (5), INT32 (7), INT64 (9); DOUBLE (11);
 * STRING (12) with a 7-bits-a-byte length; literals (4) null 0, true 1, false 2.
 */
export function jsonBinary(value: Json): Buffer {
	const [type, body] = encodeJson(value);
	return Buffer.concat([Buffer.from([type]), body]);
}

function encodeJson(value: Json): [number, Buffer] {
	if (value === null || typeof value === 'boolean') return [0x04, Buffer.from([value === null ? 0 : value ? 1 : 2])];
	if (typeof value === 'string') {
		const text = Buffer.from(value, 'utf8');
		const length: number[] = [];
		for (let n = text.length; ; n >>= 7) {
			length.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
			if (n < 0x80) break;
		}
		return [0x0c, Buffer.concat([Buffer.from(length), text])];
	}
	if (typeof value === 'bigint' || (Number.isInteger(value) && typeof value === 'number' && Math.abs(value) >= 2 ** 31)) {
		const out = Buffer.alloc(8);
		out.writeBigInt64LE(BigInt(value));
		return [0x09, out];
	}
	if (typeof value === 'number' && Number.isInteger(value)) {
		const small = value >= -32768 && value <= 32767;
		const out = Buffer.alloc(small ? 2 : 4);
		if (small) out.writeInt16LE(value);
		else out.writeInt32LE(value);
		return [small ? 0x05 : 0x07, out];
	}
	if (typeof value === 'number') {
		const out = Buffer.alloc(8);
		out.writeDoubleLE(value);
		return [0x0b, out];
	}
	if (Array.isArray(value))
		return [
			0x02,
			smallContainer(
				value.map((item) => [null, item]),
				false,
			),
		];
	const keyBytes = (key: string) => Buffer.from(key, 'utf8');
	const members = Object.entries(value).sort(
		([a], [b]) => keyBytes(a).length - keyBytes(b).length || Buffer.compare(keyBytes(a), keyBytes(b)),
	);
	return [0x00, smallContainer(members, true)];
}

function smallContainer(entries: ReadonlyArray<[string | null, Json]>, isObject: boolean): Buffer {
	const headerSize = 4 + (isObject ? entries.length * 4 : 0) + entries.length * 3;
	const keys = entries.map(([key]) => Buffer.from(key ?? '', 'utf8'));
	const header = Buffer.alloc(headerSize);
	const tail: Buffer[] = [];
	let offset = headerSize;
	header.writeUInt16LE(entries.length, 0);
	keys.forEach((key, i) => {
		if (!isObject) return;
		header.writeUInt16LE(offset, 4 + i * 4);
		header.writeUInt16LE(key.length, 6 + i * 4);
		tail.push(key);
		offset += key.length;
	});
	entries.forEach(([, item], i) => {
		const [type, body] = encodeJson(item);
		const entry = 4 + (isObject ? entries.length * 4 : 0) + i * 3;
		header[entry] = type;
		if (type === 0x04 || type === 0x05) {
			body.copy(header, entry + 1); // inlined in the value entry
		} else {
			header.writeUInt16LE(offset, entry + 1);
			tail.push(body);
			offset += body.length;
		}
	});
	header.writeUInt16LE(offset, 2);
	return Buffer.concat([header, ...tail]);
}

export type JsonDiffSpec = {op: 'replace' | 'insert' | 'remove'; path: string; value?: Json};

/**
 * A JSON column's diff list as a partial update logs it (sql-common/json_diff.cc Json_diff_vector::write_binary,
 * Json_diff::write_binary): a 4-byte length of what follows, then per diff the operation (REPLACE 0, INSERT 1,
 * REMOVE 2), the path as a length-encoded length and text, and but for REMOVE the value as a length-encoded length
 * and binary JSON.
 */
export function jsonDiffs(diffs: readonly JsonDiffSpec[]): Buffer {
	const parts = diffs.map(({op, path, value}) => {
		const pathBytes = Buffer.from(path, 'utf8');
		const head = Buffer.concat([Buffer.from([['replace', 'insert', 'remove'].indexOf(op)]), packedInt(pathBytes.length), pathBytes]);
		if (op === 'remove') return head;
		const json = jsonBinary(value ?? null);
		return Buffer.concat([head, packedInt(json.length), json]);
	});
	return jsonValue(Buffer.concat(parts));
}

export type PartialRow = {
	before: ReadonlyArray<Buffer | null>;
	after: ReadonlyArray<Buffer | null>;
	/** value_options of the after image: 1 (PARTIAL_JSON, the default) or 0 (no column is a diff). */
	valueOptions?: number;
	/** With PARTIAL_JSON: one bit per JSON column of the table, in column order, whether the after image holds a diff for it. */
	partial?: readonly boolean[];
};

/**
 * PARTIAL_UPDATE_ROWS (39), post-header 10 like UPDATE_ROWS v2: table id (6), flags (2, STMT_END_F), extra-data
 * length (2); the column count, the before- and after-image bitmaps; per row the before image (null bitmap, values),
 * then the after image opened by value_options (length-encoded) and, with PARTIAL_JSON, the partial bits, before its
 * null bitmap and values (mysql-server sql/rpl_record.cc pack_row). `beforePresent` leaves columns out of the before
 * image, as binlog_row_image=MINIMAL does.
 */
export function partialUpdateRows(
	tableId: number,
	columnCount: number,
	rows: readonly PartialRow[],
	beforePresent?: readonly boolean[],
): BuiltEvent {
	const head = Buffer.alloc(10);
	head.writeUIntLE(tableId, 0, 6);
	head.writeUInt16LE(1, 6);
	head.writeUInt16LE(2, 8);
	const bitmap = (bits: readonly boolean[]) => {
		const out = Buffer.alloc((bits.length + 7) >> 3);
		bits.forEach((bit, i) => {
			if (bit) out[i >> 3]! |= 1 << (i & 7);
		});
		return out;
	};
	const image = (values: ReadonlyArray<Buffer | null>) =>
		Buffer.concat([bitmap(values.map((value) => value === null)), ...values.filter((value): value is Buffer => value !== null)]);
	const allPresent = new Array<boolean>(columnCount).fill(true);
	const present = beforePresent ?? allPresent;
	const images = rows.map(({before, after, valueOptions = 1, partial = []}) => {
		const beforeValues = before.filter((_, i) => present[i]);
		const options = Buffer.concat([packedInt(valueOptions), valueOptions & 1 ? bitmap(partial) : Buffer.alloc(0)]);
		return Buffer.concat([image(beforeValues), options, image(after)]);
	});
	return {type: 39, body: Buffer.concat([head, Buffer.from([columnCount]), bitmap(present), bitmap(allPresent), ...images])};
}
