/**
 * An independent reader of the OceanBase Binlog Service double: mysql-binlog-connector-java (com.zendesk, the binlog
 * client Debezium and so Flink CDC's MySQL connector use; OceanBase documents that connector for obbinlog) connects
 * to the replay server as it would to obbinlog's port (test/java/BinlogReader.java), and must read the same rows as
 * obsync: same tables, operations and values, in order. A quirk of the double that no real client copes with, or a
 * shape that only obsync's decoder accepts, shows up here as a disagreement.
 */
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {streamBinlog} from '../../../source/engine/binlog/binlog-stream.js';
import {type BinlogColumn, ColumnType} from '../../../source/engine/binlog/column-types.js';
import type {Row} from '../../../source/engine/binlog/events/rows.js';
import {type ReplayServer, startOceanBaseReplay} from '../../doubles/oceanbase-binlog-server.js';
import {OB_SERVER_UUID, type OceanBaseStream, toOceanBaseShape} from '../../doubles/oceanbase-shape.js';
import {binlogPath, masterStatus} from '../../helpers/binlog.js';
import {type IndependentRow, javaToolsBuild, readBinlogIndependently} from '../../helpers/java-tools.js';
import {connectAdmin} from '../../helpers/services.js';

/** A value as BinlogReader.java prints it (see its class comment), from what obsync decoded. */
function asConnectorJava(value: Row[number], column: BinlogColumn): string | null {
	if (value === null || value === undefined) return null;
	if (Buffer.isBuffer(value)) return `hex:${value.toString('hex')}`;
	switch (column.type) {
		case ColumnType.STRING:
		case ColumnType.VARCHAR:
		case ColumnType.VAR_STRING:
			// CHAR_AND_BINARY_AS_BYTE_ARRAY: the client leaves the bytes undecoded (the TABLE_MAP names no charset).
			return `hex:${Buffer.from(String(value), 'utf8').toString('hex')}`;
		case ColumnType.TIMESTAMP2: {
			// obsync: seconds since the epoch with the fraction ("1709210096.789"); the client: microseconds.
			const [seconds = '', fraction = ''] = String(value).split('.');
			return String(BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0')));
		}
		case ColumnType.DATETIME2:
		case ColumnType.DATE: {
			// DATE_AND_TIME_AS_LONG_MICRO: microseconds since the epoch, the wall clock read as UTC.
			if (typeof value !== 'string') return String(value);
			const match = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?$/.exec(value);
			if (!match) return `unparsed:${value}`;
			const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = match;
			const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
			return String(BigInt(millis) * 1000n + BigInt(fraction.padEnd(6, '0')));
		}
		default:
			return String(value);
	}
}

describe('an independent binlog client (mysql-binlog-connector-java) reading the OceanBase Binlog Service double', () => {
	let admin: mysql.Connection;
	let stream: OceanBaseStream;
	let replay: ReplayServer;
	let obsyncRows: IndependentRow[];
	const host = '127.0.0.1';

	/** What obsync reads from the double, from the start of its file, in BinlogReader.java's terms. */
	async function readWithObsync(start: {file: string; position: number} | {gtidSet: string}): Promise<IndependentRow[]> {
		const rows: IndependentRow[] = [];
		const options = {host, port: replay.port, user: 'obsync@tenant#cluster', password: 'anything', serverId: 4101, start};
		for await (const {event} of streamBinlog({...options, nonBlocking: true})) {
			if (event.kind !== 'rows') continue;
			const {table, operation} = event.rows;
			const render = (row: Row | null) => (row ? row.map((value, i) => asConnectorJava(value, table.columns[i]!)) : null);
			for (const change of event.rows.rows)
				rows.push({table: `${table.database}.${table.table}`, op: operation, before: render(change.before), after: render(change.after)});
		}
		return rows;
	}

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS ir_orders, ir_kinds');
		await admin.query(
			'CREATE TABLE ir_orders (id BIGINT UNSIGNED PRIMARY KEY, amount DECIMAL(30,10), at DATETIME(6), note TEXT, tag ENUM("a","b"))',
		);
		await admin.query(
			'CREATE TABLE ir_kinds (id INT PRIMARY KEY, name VARCHAR(20), code CHAR(3), score DOUBLE, born DATE, seen TIMESTAMP(3) NULL, data BLOB, small TINYINT, mid MEDIUMINT, y YEAR)',
		);
		const from = await masterStatus(admin);
		await admin.query(
			"INSERT INTO ir_orders VALUES (1, 1.5, '2024-01-01 00:00:00.000001', 'one', 'a'), (2, -2.25, NULL, '二', 'b'), (18446744073709551615, 0, '2025-06-30 23:59:59.999999', '', NULL)",
		);
		await admin.query(
			"INSERT INTO ir_kinds VALUES (1, 'héllo', 'abc', 1.5, '1999-12-31', '2024-02-29 12:34:56.789', X'00ff10', -128, -8388608, 2024), (2, NULL, '', -0.25, NULL, NULL, NULL, 127, 8388607, NULL)",
		);
		await admin.query("UPDATE ir_orders SET note = CONCAT(note, '!') WHERE id IN (1, 2)");
		await admin.query("UPDATE ir_kinds SET name = 'wörld', data = X'' WHERE id = 1");
		await admin.query('DELETE FROM ir_orders WHERE id = 2');
		await admin.query('DELETE FROM ir_kinds WHERE id = 2');
		await admin.query('FLUSH BINARY LOGS');
		stream = await toOceanBaseShape(await binlogPath(admin, from.file), from.position);
		replay = await startOceanBaseReplay(stream, {heartbeatMs: 200});
		obsyncRows = await readWithObsync({file: stream.file, position: 4});
		// On a fresh machine this resolves the client's jars with mvn and compiles the tools: within the hook's time.
		await javaToolsBuild();
	});

	afterAll(async () => {
		await replay?.close();
		await admin?.end();
	});

	it('reads the same tables, operations and row values in the same order as obsync, from the start of the file', async () => {
		expect(obsyncRows).toHaveLength(10); // 5 inserts, 3 updates, 2 deletes: one row event each
		const read = await readBinlogIndependently({host, port: replay.port, start: {file: stream.file, position: 4}, rows: 10});
		expect(read.summary).toEqual({reason: 'count', rows: 10, error: null});
		expect(read.rows).toEqual(obsyncRows);
		expect(read.rotates[0]).toEqual({file: stream.file, position: 4}); // the artificial ROTATE, checksum and all
	});

	it('resumes after an executed GTID set with COM_BINLOG_DUMP_GTID, as obsync does', async () => {
		const gtidSet = `${OB_SERVER_UUID}:1-${stream.lastGno - 2}`;
		const expected = await readWithObsync({gtidSet});
		expect(expected.map((row) => `${row.table} ${row.op}`)).toEqual(['obsync_test.ir_orders delete', 'obsync_test.ir_kinds delete']);
		const read = await readBinlogIndependently({host, port: replay.port, start: {gtidSet}, rows: expected.length});
		expect(read.rows).toEqual(expected);
	});

	it('stops a stock client at its binlog_checksum query, since obbinlog has no such variable and answers with an error', async () => {
		const read = await readBinlogIndependently({host, port: replay.port, start: {file: stream.file, position: 4}, rows: 1, setup: 'stock'});
		expect(read.summary.rows).toBe(0);
		expect(read.summary.error).toMatch(/Unknown system variable binlog_checksum/);
		expect(replay.statements).toContain("show global variables like 'binlog_checksum'");
	});

	it('reads a CRC32 on the artificial ROTATE as part of its file name when it never set @master_binlog_checksum', async () => {
		// obbinlog then follows its own binlog_checksum setting (on by default) for the ROTATE it makes up; the client
		// expects no checksum before the FORMAT_DESCRIPTION event. The rows are read all the same.
		const read = await readBinlogIndependently({host, port: replay.port, start: {file: stream.file, position: 4}, rows: 10, setup: 'none'});
		expect(read.rows).toEqual(obsyncRows);
		expect(read.rotates[0]?.file).toHaveLength(stream.file.length + 4);
		expect(read.rotates[0]?.file.startsWith(stream.file)).toBe(true);
	});
});
