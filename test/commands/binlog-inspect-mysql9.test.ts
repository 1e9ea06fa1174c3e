/**
 * `obsync binlog inspect` (the built CLI) on a binlog as MySQL 8.4/9 writes one, which the MariaDB test service
 * cannot: PREVIOUS_GTIDS in the tagged format, GTID_TAGGED events, a zstd-compressed transaction and VECTOR rows.
 * The file is written by test/helpers/mysql-binlog-builder.ts (each encoder names the mysql-server source or
 * document it follows); its zstd frame is one of raw blocks (RFC 8878 §3.1.1), so the test needs no compressor.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
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
} from '../helpers/mysql-binlog-builder.js';
import {projectRoot} from '../services/settings.mjs';

const cli = path.join(projectRoot, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-inspect-mysql9-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

const A = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
const file = path.join(dir, 'mysql-bin.000007');
const compressed = payloadEvents([
	query('BEGIN'),
	tableMap(91, 'shop', 'embeddings', [INT_COLUMN, VECTOR_COLUMN]),
	writeRows(91, 2, [
		[intValue(1), vectorValue([1, 2])],
		[intValue(2), vectorValue([-0.5, 1234565, 0.1])],
	]),
	xid(11),
]);
fs.writeFileSync(
	file,
	binlogFile([
		formatDescription('9.1.0'),
		previousGtids([
			{uuid: A, tag: '', intervals: [[1, 101]]},
			{uuid: A, tag: 'batch', intervals: [[1, 8]]},
		]),
		taggedGtid({uuid: A, tag: 'batch', gno: 8, sequenceNumber: 1}),
		transactionPayload(zstdRawFrame(compressed, 64), 0, compressed.length),
		taggedGtid({uuid: A, tag: 'batch', gno: 9, lastCommitted: 1, sequenceNumber: 2}),
		query('BEGIN'),
		tableMap(91, 'shop', 'embeddings', [INT_COLUMN, VECTOR_COLUMN]),
		writeRows(91, 2, [[intValue(3), null]]),
		xid(12),
	]),
);

/** Where each event of the file starts, by type. */
const bytes = fs.readFileSync(file);
const starts: Array<{pos: number; type: number}> = [];
for (let at = 4; at < bytes.length; at += bytes.readUInt32LE(at + 9)) starts.push({pos: at, type: bytes[at + 4]!});
const payloadPos = starts.find((event) => event.type === 40)!.pos;
const plainRowsPos = starts.find((event) => event.type === 30)!.pos;

const inspect = (...args: string[]) => spawnSync(process.execPath, [cli, 'binlog', 'inspect', ...args], {encoding: 'utf8'});
const lines = (stdout: string) =>
	stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('obsync binlog inspect on a MySQL 9 binlog', () => {
	it('prints the VECTOR rows of the compressed and the plain transaction, as mysqlbinlog -v shows them, and exits 0', () => {
		const result = inspect(file);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const row = {file, op: 'insert', db: 'shop', table: 'embeddings', before: null};
		// The rows inside a compressed transaction have no offset of their own in the file: they show the payload's.
		expect(lines(result.stdout)).toEqual([
			{...row, pos: payloadPos, after: ['1', '[1.00000e+00,2.00000e+00]']},
			{...row, pos: payloadPos, after: ['2', '[-5.00000e-01,1.23456e+06,1.00000e-01]']},
			{...row, pos: plainRowsPos, after: ['3', null]},
		]);
	});

	it('prints the tagged PREVIOUS_GTIDS set and the tagged GTIDs with --all', () => {
		const result = inspect('--all', file);
		expect(result.status).toBe(0);
		const events = lines(result.stdout);
		expect(events.filter((event) => event.event !== undefined).map((event) => [event.event, event.gtidSet ?? event.gtid])).toEqual([
			['format-description', undefined],
			['previous-gtids', `${A}:1-100:batch:1-7`],
			['gtid', `${A}:batch:8`],
			['query', undefined],
			['table-map', undefined],
			['xid', undefined],
			['transaction-payload', undefined],
			['gtid', `${A}:batch:9`],
			['query', undefined],
			['table-map', undefined],
			['xid', undefined],
		]);
		expect(events[0]).toMatchObject({serverVersion: '9.1.0', checksum: 'CRC32'});
	});
});
