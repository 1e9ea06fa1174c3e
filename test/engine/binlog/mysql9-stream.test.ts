/**
 * The engine's change source (readChanges: the replication protocol, transaction assembly) on a stream as MySQL 8.4
 * and 9 write one, which the MariaDB test service cannot: tagged GTIDs, a zstd-compressed transaction, VECTOR rows and
 * a JSON partial update. The file is built by test/helpers/mysql-binlog-builder.ts and served, event for event and
 * position for position, by the replay server (test/doubles), which speaks the MySQL replication protocol; the rows
 * must be those `obsync binlog inspect` decodes from the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SourceOutput} from '../../../source/engine/binlog/binlog-source.js';
import {readChanges} from '../../../source/engine/binlog/binlog-source.js';
import {readBinlogFile} from '../../../source/engine/binlog/file-reader.js';
import {inspectBinlogEvents} from '../../../source/engine/binlog/inspect.js';
import {type ReplayServer, startOceanBaseReplay} from '../../doubles/oceanbase-binlog-server.js';
import type {EncodedEvent} from '../../doubles/oceanbase-shape.js';
import {
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
	JSON_COLUMN,
	jsonBinary,
	jsonDiffs,
	jsonValue,
	partialUpdateRows,
	payloadEvents,
	previousGtids,
	query,
	tableMap,
	taggedGtid,
	transactionPayload,
	VECTOR_COLUMN,
	vectorValue,
	writeRows,
	xid,
	zstdRawFrame,
} from '../../helpers/mysql-binlog-builder.js';

const A = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-mysql9-stream-'));
const file = path.join(dir, 'mysql-bin.000009');
const whole = (value: Parameters<typeof jsonBinary>[0]) => jsonValue(jsonBinary(value));
const compressed = payloadEvents([
	query('BEGIN'),
	tableMap(91, 'shop', 'embeddings', [INT_COLUMN, VECTOR_COLUMN]),
	writeRows(91, 2, [
		[intValue(1), vectorValue([1, 2])],
		[intValue(2), vectorValue([-0.5, 0.1])],
	]),
	xid(11),
]);
fs.writeFileSync(
	file,
	binlogFile([
		formatDescription('9.1.0'),
		previousGtids([{uuid: A, tag: 'batch', intervals: [[1, 8]]}]),
		taggedGtid({uuid: A, tag: 'batch', gno: 8, sequenceNumber: 1}),
		transactionPayload(zstdRawFrame(compressed, 64), 0, compressed.length),
		taggedGtid({uuid: A, tag: 'batch', gno: 9, lastCommitted: 1, sequenceNumber: 2}),
		query('BEGIN'),
		tableMap(80, 'shop', 'carts', [INT_COLUMN, JSON_COLUMN]),
		partialUpdateRows(80, 2, [
			{
				before: [intValue(1), whole({sku: 'A-1', qty: 1})],
				after: [intValue(1), jsonDiffs([{op: 'replace', path: '$.qty', value: 3}])],
				partial: [true],
			},
		]),
		tableMap(91, 'shop', 'embeddings', [INT_COLUMN, VECTOR_COLUMN]),
		writeRows(91, 2, [[intValue(3), null]]),
		xid(12),
	]),
);

let replay: ReplayServer;
const items: SourceOutput[] = [];

beforeAll(async () => {
	const events: EncodedEvent[] = [];
	for await (const raw of readBinlogFile(file)) {
		events.push({bytes: raw.bytes, pos: raw.pos, timestamp: raw.bytes.readUInt32LE(0), type: raw.bytes[4]!});
	}
	replay = await startOceanBaseReplay({file: 'mysql-bin.000009', events, lastGno: 0, rows: 4}, {heartbeatMs: 200});
	const source = readChanges({
		host: '127.0.0.1',
		port: replay.port,
		user: 'obsync',
		password: 'anything',
		serverId: 4101,
		start: {file: 'mysql-bin.000009', position: 4},
		nonBlocking: true,
	});
	for await (const item of source) items.push(item);
});

afterAll(async () => {
	await replay?.close();
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('the change source on a MySQL 9 stream', () => {
	it('assembles the transactions under their tagged GTIDs, the compressed one included', () => {
		const commits = items.flatMap((item) => (item.kind === 'commit' ? [item.transaction.gtid] : []));
		expect(commits).toEqual([`${A}:batch:8`, `${A}:batch:9`]);
	});

	it('streams the rows binlog inspect decodes from the same file: VECTOR values and the whole JSON after a partial update', async () => {
		const streamed = items.flatMap((item) =>
			item.kind === 'rows'
				? item.changes.map((change) => ({op: change.operation, table: change.table.table, before: change.before, after: change.after}))
				: [],
		);
		const inspected: Array<Record<string, unknown>> = [];
		for await (const batch of inspectBinlogEvents(file)) inspected.push(...batch.map((line) => JSON.parse(line)));
		expect(streamed.map(({op, table}) => `${op} ${table}`)).toEqual(inspected.map((row) => `${row.op} ${row.table}`));
		// VECTOR comes as its float32 bytes (the formats write them as a lossless string), inspect prints mysqlbinlog's text.
		const floats = (...values: number[]) => Buffer.from(new Float32Array(values).buffer);
		expect(streamed).toEqual([
			{op: 'insert', table: 'embeddings', before: null, after: [1, floats(1, 2)]},
			{op: 'insert', table: 'embeddings', before: null, after: [2, floats(-0.5, 0.1)]},
			{op: 'update', table: 'carts', before: [1, '{"qty": 1, "sku": "A-1"}'], after: [1, '{"qty": 3, "sku": "A-1"}']},
			{op: 'insert', table: 'embeddings', before: null, after: [3, null]},
		]);
		expect(inspected.map((row) => row.after)).toEqual([
			['1', '[1.00000e+00,2.00000e+00]'],
			['2', '[-5.00000e-01,1.00000e-01]'],
			['1', '{"qty": 3, "sku": "A-1"}'],
			['3', null],
		]);
		expect(inspected[2]!.before).toEqual(['1', '{"qty": 1, "sku": "A-1"}']);
	});
});
