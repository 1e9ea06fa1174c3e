import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {inspectBinlogFile} from '../../../source/engine/binlog/inspect.js';
import type {DecodeError} from '../../../source/engine/errors.js';
import {alignPositions, type OracleChange, runMariadbBinlog} from '../../helpers/mariadb-binlog-oracle.js';

/** Debian's mariadb-test-data (installed by the services script) ships the MariaDB test suite's binlog files. */
const testData = '/usr/share/mysql/mysql-test';
const magic = Buffer.from([0xfe, 0x62, 0x69, 0x6e]);

function binlogFiles(dir: string): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) found.push(...binlogFiles(full));
		else if (entry.isFile()) {
			const fd = fs.openSync(full, 'r');
			const head = Buffer.alloc(4);
			const read = fs.readSync(fd, head, 0, 4, 0);
			fs.closeSync(fd);
			if (read === 4 && head.equals(magic)) found.push(full);
		}
	}
	return found.sort();
}

type Decoded = {changes: OracleChange[]; error: Error | null};

async function inspect(file: string): Promise<Decoded> {
	const changes: OracleChange[] = [];
	try {
		for await (const line of inspectBinlogFile(file)) {
			const row = JSON.parse(line);
			const all = (values: unknown[] | null) => (values ? values.map((_, i) => i + 1) : null);
			changes.push({
				pos: row.pos,
				op: row.op,
				db: row.db,
				table: row.table,
				before: row.before,
				after: row.after,
				beforeColumns: row.before ? (row.beforeColumns ?? all(row.before)) : null,
				afterColumns: row.after ? (row.afterColumns ?? all(row.after)) : null,
			});
		}
		return {changes, error: null};
	} catch (error) {
		return {changes, error: error as Error};
	}
}

describe('obsync binlog inspect on the real binlog files of mariadb-test-data', () => {
	it('finds the test data installed', () => {
		expect(fs.existsSync(testData), `${testData} is missing: apt-get install mariadb-test-data`).toBe(true);
		expect(binlogFiles(testData).length).toBeGreaterThanOrEqual(30);
	});

	const files = fs.existsSync(testData) ? binlogFiles(testData) : [];
	for (const file of files) {
		const name = path.relative(testData, file);
		it(`agrees with mariadb-binlog on ${name}`, async () => {
			const oracle = runMariadbBinlog(file);
			const ours = await inspect(file);
			// mariadb-binlog reports some failures on stderr and still exits 0 (an encrypted rest, a decryption error).
			const oracleDecodedAll = oracle.exitCode === 0 && !/ERROR:|is encrypted/.test(oracle.stderr + oracle.stdoutTail);
			if (ours.error && /^truncated binlog/.test(ours.error.message)) {
				// mariadb-binlog stops quietly at a file that ends inside an event (it may be in use); obsync says so.
				// Check the claim against the bytes: the last event really runs past the end of the file.
				const pos = (ours.error as DecodeError).location.pos!;
				const bytes = fs.readFileSync(file);
				expect(bytes.length - pos).toBeLessThan(bytes.length - pos >= 13 ? bytes.readUInt32LE(pos + 9) : 19);
				expect(alignPositions(ours.changes, oracle.changes)).toEqual(oracle.changes);
			} else if (oracleDecodedAll) {
				// mariadb-binlog decodes the whole file: so must we, row for row.
				expect(ours.error, `obsync failed where mariadb-binlog did not: ${ours.error?.message}`).toBeNull();
				expect(alignPositions(ours.changes, oracle.changes)).toEqual(oracle.changes);
			} else {
				// mariadb-binlog stops (corrupt, encrypted or unsupported): obsync agrees up to there and stops with a
				// message that says where, or decodes further where mariadb-binlog cannot (then its rows are a prefix).
				if (ours.error) expect(ours.error.message).toMatch(/position \d+|unsupported/);
				expect(alignPositions(ours.changes, oracle.changes).slice(0, oracle.changes.length)).toEqual(oracle.changes);
				// They stop at the same place, unless mariadb-binlog stopped at a compressed MySQL transaction, which it
				// cannot read and obsync can (pinned below).
				const oracleStoppedAtPayload = /TRANSACTION_PAYLOAD_EVENT/.test(oracle.stderr);
				if (ours.error && !oracleStoppedAtPayload) expect(ours.changes.length).toBe(oracle.changes.length);
			}
		});
	}

	it('reads the zstd-compressed MySQL 8.0.40 transaction that stops mariadb-binlog, with fzstd on Node 20', async () => {
		// MariaDB's test for MDEV-35643: MySQL 8.0 with binlog_transaction_compression=ON, 100 rows in one compressed
		// transaction at 1468, a plain insert after it, then a JSON partial update at 3403 (see below).
		const file = path.join(testData, 'std_data/mdev35643_mysql_80_binlog.000001');
		const ours = await inspect(file);
		const compressed = ours.changes.filter((change) => change.pos === 1468);
		expect(compressed.map((change) => change.after![0])).toEqual(Array.from({length: 100}, (_, i) => String(1000 + i)));
		expect(compressed[42]!.after![2]).toMatch(/^--42--\/+--$/);
		expect(ours.changes.at(-2)).toMatchObject({pos: 2506, after: ['5', '0', 'after compressed']});
		expect(ours.error).toBeNull();
	});

	it('applies the JSON partial update of the same MySQL 8.0.40 binlog to its before value, giving the whole after value', async () => {
		// The test's own comment gives the statement: UPDATE t2 SET b=JSON_REPLACE(b, '$.b', REPEAT("oOo", 50)), on a
		// row inserted with b = {"a": "hulu", "b": "[zyzzy]"×100, "c": "bulu"}; the event logs only that one diff.
		const ours = await inspect(path.join(testData, 'std_data/mdev35643_mysql_80_binlog.000001'));
		const update = ours.changes.at(-1)!;
		expect(update).toMatchObject({pos: 3403, op: 'update', before: ['1', `{"a": "hulu", "b": "${'[zyzzy]'.repeat(100)}", "c": "bulu"}`]});
		expect(update.after).toEqual(['1', `{"a": "hulu", "b": "${'oOo'.repeat(50)}", "c": "bulu"}`]);
	});
});
