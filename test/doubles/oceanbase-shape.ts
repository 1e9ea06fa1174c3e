/**
 * Re-encodes a real binlog (written by the MariaDB test service) the way OceanBase's Binlog Service writes one
 * (shared/reference/oceanbase-source.md §1.3): FDE with server version 5.7.38 and CRC32, PREVIOUS_GTIDS, and per
 * transaction a GTID (33), QUERY BEGIN, then for EACH ROW its own TABLE_MAP (hash-based table id, flags 1, no optional
 * metadata) and a v2 rows event with one row and STMT_END_F, then XID; server id 1147473732. The row bytes are the
 * original ones, so the same values must come out of obsync's decoder on both streams.
 */
import {createHash} from 'node:crypto';
import {crc32} from '../../source/engine/binlog/checksum.js';
import {EventDecoder} from '../../source/engine/binlog/event-decoder.js';
import {EventType} from '../../source/engine/binlog/event-types.js';
import {readBinlogFile} from '../../source/engine/binlog/file-reader.js';

export const OB_SERVER_ID = 1147473732;
export const OB_SERVER_UUID = '3e11fa47-71ca-11e1-9e33-c80aa9429562';

/** MySQL 5.7's post-header lengths, by event type (index = type - 1). */
const postHeaders = [
	56, 13, 0, 8, 0, 18, 0, 4, 4, 4, 4, 18, 0, 0, 95, 0, 4, 26, 8, 0, 0, 0, 8, 8, 8, 2, 0, 0, 0, 10, 10, 10, 42, 42, 0, 18, 52, 0,
];

export type EncodedEvent = {readonly bytes: Buffer; readonly pos: number; readonly timestamp: number; readonly type: number};

export class EventWriter {
	readonly events: EncodedEvent[] = [];
	position = 4;

	add(type: number, timestamp: number, body: Buffer, flags = 0): EncodedEvent {
		const size = 19 + body.length + 4;
		const bytes = Buffer.alloc(size);
		bytes.writeUInt32LE(timestamp, 0);
		bytes[4] = type;
		bytes.writeUInt32LE(OB_SERVER_ID, 5);
		bytes.writeUInt32LE(size, 9);
		bytes.writeUInt32LE(this.position + size, 13);
		bytes.writeUInt16LE(flags, 17);
		body.copy(bytes, 19);
		bytes.writeUInt32LE(crc32(bytes.subarray(0, size - 4)), size - 4);
		const event = {bytes, pos: this.position, timestamp, type};
		this.events.push(event);
		this.position += size;
		return event;
	}
}

export function formatDescription(timestamp: number): Buffer {
	const body = Buffer.alloc(2 + 50 + 4 + 1 + postHeaders.length + 1);
	body.writeUInt16LE(4, 0);
	body.write('5.7.38', 2, 'latin1');
	body.writeUInt32LE(timestamp, 52);
	body[56] = 19;
	Buffer.from(postHeaders).copy(body, 57);
	body[body.length - 1] = 1; // CRC32
	return body;
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');

function previousGtids(lastGno: number): Buffer {
	const body = Buffer.alloc(8 + 16 + 8 + 16);
	body.writeBigUInt64LE(1n, 0);
	uuidBytes(OB_SERVER_UUID).copy(body, 8);
	body.writeBigUInt64LE(1n, 24);
	body.writeBigInt64LE(1n, 32);
	body.writeBigInt64LE(BigInt(lastGno + 1), 40);
	return body;
}

function gtid(gno: number, timestamp: number): Buffer {
	const body = Buffer.alloc(42);
	body[0] = 1;
	uuidBytes(OB_SERVER_UUID).copy(body, 1);
	body.writeBigInt64LE(BigInt(gno), 17);
	body[25] = 2;
	// OceanBase puts the commit time here, not MySQL's logical clock.
	body.writeBigInt64LE(BigInt(timestamp), 26);
	body.writeBigInt64LE(0n, 34);
	return body;
}

function query(text: string, database = ''): Buffer {
	const status = Buffer.from([0, 0, 0, 0, 0, 4, 45, 0, 45, 0, 83, 0]); // Q_FLAGS2, Q_CHARSET (45, 45, 83)
	const db = Buffer.from(database);
	const head = Buffer.alloc(13);
	head.writeUInt32LE(1, 0);
	head[8] = db.length;
	head.writeUInt16LE(status.length, 11);
	return Buffer.concat([head, status, db, Buffer.from([0]), Buffer.from(text)]);
}

function xid(n: number): Buffer {
	const body = Buffer.alloc(8);
	body.writeBigUInt64LE(BigInt(n), 0);
	return body;
}

/** OceanBase's table ids come from a hash of the table's name, not a counter. */
export function hashTableId(database: string, table: string): number {
	return createHash('sha1').update(`${database}.${table}`).digest().readUIntLE(0, 6) & 0xffffffffff;
}

function tableId(id: number): Buffer {
	const bytes = Buffer.alloc(6);
	bytes.writeUIntLE(id, 0, 6);
	return bytes;
}

const rowsType = {insert: EventType.WRITE_ROWS_V2, update: EventType.UPDATE_ROWS_V2, delete: EventType.DELETE_ROWS_V2} as const;

export type OceanBaseStream = {
	readonly file: string;
	readonly events: readonly EncodedEvent[];
	readonly lastGno: number;
	readonly rows: number;
};

/** Converts the row transactions of `source` from `fromPosition` on; DDL passes as standalone GTID + QUERY. */
export async function toOceanBaseShape(source: string, fromPosition = 4, file = 'mysql-bin.000001'): Promise<OceanBaseStream> {
	const decoder = new EventDecoder({file: source});
	const out = new EventWriter();
	let first = true;
	let gno = 0;
	let xidCounter = 1000;
	let rows = 0;
	const tableMapBody = new Map<number, {body: Buffer; database: string; table: string}>();
	let inTransaction = false;
	const pending: Array<() => void> = [];
	for await (const raw of readBinlogFile(source)) {
		const event = decoder.decode(raw.bytes, raw.pos);
		if (first && event.kind === 'format-description') {
			first = false;
			continue;
		}
		if (raw.pos < fromPosition) continue;
		const ts = event.header.timestamp;
		switch (event.kind) {
			case 'table-map': {
				// Keep the bytes after the table id and flags: names, column types, metadata, null bitmap.
				const postHeader = 19 + 8;
				tableMapBody.set(event.table.tableId, {
					body: raw.bytes.subarray(postHeader, raw.bytes.length - 4),
					database: event.table.database,
					table: event.table.table,
				});
				break;
			}
			case 'mariadb-gtid':
				if (!event.standalone) {
					pending.push(() => {
						out.add(EventType.GTID, ts, gtid(++gno, ts));
						out.add(EventType.QUERY, ts, query('BEGIN'));
					});
					inTransaction = true;
				}
				break;
			case 'query':
				if (!inTransaction && !/^(BEGIN|COMMIT)/i.test(event.query)) {
					pending.push(() => {
						out.add(EventType.GTID, ts, gtid(++gno, ts));
						out.add(EventType.QUERY, ts, query(event.query, event.database));
					});
				}
				if (/^COMMIT/i.test(event.query) && inTransaction) {
					pending.push(() => out.add(EventType.XID, ts, xid(++xidCounter)));
					inTransaction = false;
				}
				break;
			case 'rows': {
				const map = tableMapBody.get(event.rows.tableId)!;
				const id = hashTableId(map.database, map.table);
				const bitmaps = raw.bytes.subarray(event.rows.imagesStart, event.rows.rowBounds[0]);
				for (let i = 0; i + 1 < event.rows.rowBounds.length; i++) {
					const row = raw.bytes.subarray(event.rows.rowBounds[i], event.rows.rowBounds[i + 1]);
					pending.push(() => {
						out.add(EventType.TABLE_MAP, ts, Buffer.concat([tableId(id), Buffer.from([1, 0]), map.body]));
						const post = Buffer.concat([tableId(id), Buffer.from([1, 0, 2, 0])]); // STMT_END_F, no extra data
						out.add(rowsType[event.rows.operation], ts, Buffer.concat([post, bitmaps, row]));
					});
					rows++;
				}
				break;
			}
			case 'xid':
				if (inTransaction) pending.push(() => out.add(EventType.XID, ts, xid(++xidCounter)));
				inTransaction = false;
				break;
			default:
				break;
		}
	}
	// The header events go first, and PREVIOUS_GTIDS needs no GTIDs before this file.
	const created = Math.floor(Date.now() / 1000);
	out.add(EventType.FORMAT_DESCRIPTION, created, formatDescription(created));
	out.add(EventType.PREVIOUS_GTIDS, created, previousGtids(0));
	for (const write of pending) write();
	return {file, events: out.events, lastGno: gno, rows};
}
