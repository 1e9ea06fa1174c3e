/**
 * What obsync does not know is "unsupported", never "corrupt": an event type or column type newer than obsync, a
 * transaction payload compression it cannot read, a GTID_TAGGED field it must not ignore. Each error names the event
 * or type (name and number), where it is, and the server version from the FDE. Events are built by
 * test/helpers/mysql-binlog-builder.ts (LOG_EVENT_IGNORABLE_F is 0x80 in mysql-server
 * libs/mysql/binlog/event/binlog_event.h).
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {BinlogEvent} from '../../../source/engine/binlog/binlog-event.js';
import {inspectBinlogEvents} from '../../../source/engine/binlog/inspect.js';
import {DecodeError, UnsupportedError} from '../../../source/engine/errors.js';
import {decodeBinlogBytes} from '../../helpers/decode-binlog-bytes.js';
import {
	type BuiltEvent,
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
	payloadEvents,
	query,
	tableMap,
	taggedGtid,
	transactionPayload,
	varlen,
	writeRows,
} from '../../helpers/mysql-binlog-builder.js';

const FILE = 'mysql-bin.000001';
/** The FDE of formatDescription() is 123 bytes: the second event starts at 127. */
const SECOND = 127;

function decodeAll(events: BuiltEvent[], version = '9.1.0'): BinlogEvent[] {
	return decodeBinlogBytes(binlogFile([formatDescription(version), ...events]), FILE);
}

function failure(events: BuiltEvent[], version?: string): Error {
	try {
		decodeAll(events, version);
	} catch (error) {
		return error as Error;
	}
	throw new Error('decoded without an error');
}

const A = '3e11fa47-71ca-11e1-9e33-c80aa9429562';

describe('unknown and unsupported binlog contents', () => {
	it('reports an unknown event type as unsupported, with its number, position and the server version', () => {
		const error = failure([{type: 50, body: Buffer.from('future')}]);
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error).not.toBeInstanceOf(DecodeError);
		expect(error.message).toBe(`unsupported: unknown event type 50 at ${FILE}:${SECOND}, written by MySQL 9.1.0`);
		expect(error.message).not.toContain('corrupt');
	});

	it('skips an unknown event the server marks ignorable (LOG_EVENT_IGNORABLE_F)', () => {
		const events = decodeAll([{type: 50, body: Buffer.from('future'), flags: 0x80}, query('BEGIN')]);
		expect(events.map((event) => event.kind)).toEqual(['format-description', 'other', 'query']);
	});

	it('reads past an ignorable event of a type no server defines in a file, as Aurora MySQL writes padding (type 100)', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-ignorable-')), 'mysql-bin.000001');
		writeFileSync(
			file,
			binlogFile([formatDescription('5.7.12-log'), {type: 100, body: Buffer.alloc(900, 0x2a), flags: 0x80}, query('BEGIN')]),
		);
		const lines: string[] = [];
		for await (const batch of inspectBinlogEvents(file, {all: true})) lines.push(...batch);
		expect(lines.map((line) => JSON.parse(line).type)).toEqual(['FORMAT_DESCRIPTION', 'type 100', 'QUERY']);
	});

	it.each([
		[200, 'column type 200'],
		[20, 'column type TYPED_ARRAY (20)'],
	])('reports rows of a table with column type %i as unsupported, naming the column and type', (type, named) => {
		const columns = [INT_COLUMN, {type, meta: Buffer.from([2])}, INT_COLUMN];
		const error = failure([tableMap(5, 'shop', 'future', columns), writeRows(5, 3, [[intValue(1), Buffer.from([0, 0]), intValue(2)]])]);
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe(
			`unsupported: column 2 of \`shop\`.\`future\` has ${named}, which obsync cannot decode (WRITE_ROWS_V2 event at ${FILE}:${SECOND + 52}, written by MySQL 9.1.0)`,
		);
	});

	it('keeps reading other tables after a table map with an unknown column type', () => {
		const events = decodeAll([
			tableMap(5, 'shop', 'future', [INT_COLUMN, {type: 200, meta: Buffer.alloc(0)}]),
			tableMap(6, 'shop', 'plain', [INT_COLUMN]),
			writeRows(6, 1, [[intValue(9)]]),
		]);
		expect(events[1]).toMatchObject({kind: 'table-map', table: {table: 'future', unsupportedColumn: {index: 1, type: 200}}});
		expect(events[3]).toMatchObject({kind: 'rows', rows: {rows: [{after: [9]}]}});
	});

	it('reports a transaction payload compression other than zstd and none as unsupported', () => {
		const inner = payloadEvents([query('BEGIN')]);
		const error = failure([transactionPayload(inner, 1, inner.length)], '8.4.3');
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe(
			`unsupported: transaction payload compression 1 (TRANSACTION_PAYLOAD event, type 40, at ${FILE}:${SECOND}, written by MySQL 8.4.3)`,
		);
	});

	it('reports a GTID_TAGGED event with a field it must not ignore as unsupported, not corrupt', () => {
		const error = failure([taggedGtid({uuid: A, tag: 'blue', gno: 1}, Buffer.concat([varlen(12), varlen(1)]))]);
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe(
			`unsupported: GTID_TAGGED event (type 42) at ${FILE}:${SECOND}, written by MySQL 9.1.0: field 12 cannot be ignored, and obsync knows fields 0 to 11`,
		);
	});

	it('still reports bytes that cannot be right as corrupt', () => {
		const gtid = taggedGtid({uuid: A, tag: 'blue', gno: 1});
		const error = failure([{type: 42, body: gtid.body.subarray(0, 20)}]);
		expect(error).toBeInstanceOf(DecodeError);
		expect(error.message).toMatch(/^corrupt GTID_TAGGED event: /);
	});
});
