/**
 * `obsync binlog inspect` (the built CLI) on a binlog with a MySQL JSON partial update (PARTIAL_UPDATE_ROWS, written
 * with binlog_row_value_options=PARTIAL_JSON): each row shows the whole JSON after value, the before value with the
 * logged diffs applied, as a plain update would show it. The file is written by test/helpers/mysql-binlog-builder.ts.
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
	JSON_COLUMN,
	jsonBinary,
	jsonDiffs,
	jsonValue,
	partialUpdateRows,
	query,
	tableMap,
	xid,
} from '../helpers/mysql-binlog-builder.js';
import {projectRoot} from '../services/settings.mjs';

const cli = path.join(projectRoot, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-inspect-json-partial-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

const file = path.join(dir, 'mysql-bin.000003');
const whole = (value: Parameters<typeof jsonBinary>[0]) => jsonValue(jsonBinary(value));
fs.writeFileSync(
	file,
	binlogFile([
		formatDescription('8.4.3'),
		query('BEGIN'),
		tableMap(80, 'shop', 'carts', [INT_COLUMN, JSON_COLUMN, JSON_COLUMN]),
		partialUpdateRows(80, 3, [
			{
				// UPDATE carts SET items = JSON_SET(items, '$.qty', 3, '$.note', 'gift'), tags = JSON_REMOVE(tags, '$[0]')
				before: [intValue(1), whole({sku: 'A-1', qty: 1}), whole(['new', 'sale'])],
				after: [
					intValue(1),
					jsonDiffs([
						{op: 'replace', path: '$.qty', value: 3},
						{op: 'insert', path: '$.note', value: 'gift'},
					]),
					jsonDiffs([{op: 'remove', path: '$[0]'}]),
				],
				partial: [true, true],
			},
			{
				// The second JSON column logged whole (a JSON_SET that could not be done in place).
				before: [intValue(2), whole({sku: 'B-2', qty: 5, lines: []}), whole([])],
				after: [intValue(2), jsonDiffs([{op: 'insert', path: '$.lines[0]', value: {n: 1}}]), whole(['vip'])],
				partial: [true, false],
			},
		]),
		xid(21),
	]),
);
const bytes = fs.readFileSync(file);
let rowsPos = 4;
while (bytes[rowsPos + 4] !== 39) rowsPos += bytes.readUInt32LE(rowsPos + 9);

describe('obsync binlog inspect on a binlog with a JSON partial update', () => {
	it('prints each update with the whole JSON after value and exits 0', () => {
		const result = spawnSync(process.execPath, [cli, 'binlog', 'inspect', file], {encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const row = {file, pos: rowsPos, op: 'update', db: 'shop', table: 'carts'};
		expect(result.stdout.trim().split('\n')).toEqual([
			JSON.stringify({
				...row,
				before: ['1', '{"qty": 1, "sku": "A-1"}', '["new", "sale"]'],
				after: ['1', '{"qty": 3, "sku": "A-1", "note": "gift"}', '["sale"]'],
			}),
			JSON.stringify({
				...row,
				before: ['2', '{"qty": 5, "sku": "B-2", "lines": []}', '[]'],
				after: ['2', '{"qty": 5, "sku": "B-2", "lines": [{"n": 1}]}', '["vip"]'],
			}),
		]);
	});
});
