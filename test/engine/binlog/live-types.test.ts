import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {EventDecoder} from '../../../source/engine/binlog/event-decoder.js';
import type {RowsEvent} from '../../../source/engine/binlog/events/rows.js';
import {readBinlogFile} from '../../../source/engine/binlog/file-reader.js';
import {inspectBinlogFile} from '../../../source/engine/binlog/inspect.js';
import {binlogPath as binlogFile, masterStatus} from '../../helpers/binlog.js';
import {alignPositions, runMariadbBinlog} from '../../helpers/mariadb-binlog-oracle.js';
import {connectAdmin} from '../../helpers/services.js';

/** Every column type MariaDB can log, with fractional seconds of every precision. */
const columns = `
	id INT PRIMARY KEY,
	t TINYINT, tu TINYINT UNSIGNED, s SMALLINT, su SMALLINT UNSIGNED, m MEDIUMINT, mu MEDIUMINT UNSIGNED,
	i INT, iu INT UNSIGNED, b BIGINT, bu BIGINT UNSIGNED,
	f FLOAT, d DOUBLE, dec65 DECIMAL(65,30), dec10 DECIMAL(10,2), dec5 DECIMAL(5,0), dec9 DECIMAL(18,9),
	y YEAR, dt DATE,
	tm TIME, tm1 TIME(1), tm2 TIME(2), tm3 TIME(3), tm4 TIME(4), tm5 TIME(5), tm6 TIME(6),
	dtt DATETIME, dtt1 DATETIME(1), dtt2 DATETIME(2), dtt3 DATETIME(3), dtt4 DATETIME(4), dtt5 DATETIME(5), dtt6 DATETIME(6),
	ts TIMESTAMP NULL, ts3 TIMESTAMP(3) NULL, ts6 TIMESTAMP(6) NULL,
	c CHAR(10), c300 CHAR(255), vc VARCHAR(300), vc10 VARCHAR(10) CHARACTER SET latin1,
	txt TEXT, ttxt TINYTEXT, mtxt MEDIUMTEXT, ltxt LONGTEXT,
	bin BINARY(4), vbin VARBINARY(10), bl BLOB, lb LONGBLOB,
	e ENUM('a','b','c'), st SET('x','y','z'), bt BIT(5), b64 BIT(64), j JSON, g GEOMETRY`;

const rows = [
	// minimums, negative values, zero dates, fractional seconds of 1-6 digits
	`(1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
	  -3.40282e38, -1.7976931348623157e308, '-99999999999999999999999999999999999.999999999999999999999999999999', -0.5, -99999, -0.000000001,
	  1901, '0000-00-00',
	  '-838:59:59', '-00:00:00.5', '-12:34:56.78', '-00:00:01.001', '-23:59:59.9999', '-100:00:00.00001', '-838:59:59.000000',
	  '0000-00-00 00:00:00', '1000-01-01 00:00:00.1', '2000-02-29 12:34:56.12', '1999-12-31 23:59:59.123', '2020-01-01 00:00:00.0001', '2038-01-19 03:14:07.12345', '9999-12-31 23:59:59.999999',
	  '1970-01-01 00:00:01', '2001-01-01 00:00:00.5', '2038-01-19 03:14:07.999999',
	  '', '', '', '', '', '', '', '',
	  '', '', '', '',
	  'a', '', b'00000', b'0', '[]', ST_GeomFromText('POINT(0 0)'))`,
	// maximums, 4-byte UTF-8, escapes, control characters and binary bytes
	`(2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615,
	  3.40282e38, 1.7976931348623157e308, '99999999999999999999999999999999999.999999999999999999999999999999', 12345678.90, 99999, 123456789.000000001,
	  2155, '9999-12-31',
	  '838:59:59', '00:00:00.1', '12:34:56.07', '23:59:59.999', '00:00:00.0001', '100:00:00.00001', '838:59:59.000000',
	  '9999-12-31 23:59:59', '2021-06-15 08:00:00.9', '2021-06-15 08:00:00.01', '2021-06-15 08:00:00.001', '2021-06-15 08:00:00.9999', '2021-06-15 08:00:00.00001', '2021-06-15 08:00:00.000001',
	  '2038-01-19 03:14:07', '2038-01-19 03:14:07.999', '1970-01-01 00:00:01.000001',
	  'ten chars!', REPEAT('長', 255), CONCAT('😀 emoji ', REPEAT('x', 200)), 'café',
	  'line1\\nline2\\ttab\\\\back''quote', 'tiny', REPEAT('m', 70000), '中文 text',
	  X'00FF7F80', X'0102', X'000102FEFF', X'DEADBEEF',
	  'c', 'x,y,z', b'10101', b'1111111111111111111111111111111111111111111111111111111111111111',
	  '{"a": 1, "b": [true, null, 2.5], "c": "s"}', ST_GeomFromText('LINESTRING(0 0, 1 1)'))`,
	// NULL in every nullable column
	`(3, ${Array.from({length: 53}, () => 'NULL').join(', ')})`,
	// ordinary values: negative zero decimals, small fractions, the unsigned reading of negative-looking bits
	`(4, 0, 128, 0, 32768, 0, 8388608, 0, 2147483648, 0, 9223372036854775808,
	  1.5, 0.1, '-0.000000000000000000000000000000', '-0.00', 0, '0.000000001',
	  0, '2024-02-29',
	  '00:00:00', '00:00:00.0', '00:00:00.00', '00:00:00.000', '00:00:00.0000', '00:00:00.00000', '00:00:00.000000',
	  '2024-02-29 00:00:00', '2024-02-29 00:00:00.0', '2024-02-29 00:00:00.00', '2024-02-29 00:00:00.000', '2024-02-29 00:00:00.0000', '2024-02-29 00:00:00.00000', '2024-02-29 00:00:00.000000',
	  NULL, NULL, NULL,
	  ' padded  ', 'x', 'trailing space ', '',
	  '', '', '', '',
	  X'00', X'', X'', X'',
	  'b', '', b'00001', b'1000000000000000000000000000000000000000000000000000000000000000', '"string"', NULL)`,
];

describe('decoding every column type from a live MariaDB binlog', () => {
	let connection: mysql.Connection;
	let binlogPath: string;
	let fromPos: number;

	beforeAll(async () => {
		connection = await connectAdmin();
		await connection.query("SET SESSION sql_mode = '', time_zone = '+00:00'");
		await connection.query('DROP TABLE IF EXISTS live_types');
		await connection.query(`CREATE TABLE live_types (${columns}) CHARACTER SET utf8mb4`);
		const status = await masterStatus(connection);
		binlogPath = await binlogFile(connection, status.file);
		fromPos = status.position;
		for (const row of rows) await connection.query(`INSERT INTO live_types VALUES ${row}`);
		await connection.query("UPDATE live_types SET vc = 'updated ✓', dec10 = 0.10, bu = bu - 1 WHERE id IN (2, 4)");
		await connection.query('DELETE FROM live_types WHERE id = 3');
		// Close the file so both readers see all of it.
		await connection.query('FLUSH BINARY LOGS');
	});

	afterAll(async () => {
		await connection?.end();
	});

	it('renders every row exactly as mariadb-binlog -v does', async () => {
		const oracle = runMariadbBinlog(binlogPath).changes.filter((c) => c.table === 'live_types' && c.pos >= fromPos);
		const ours = [];
		for await (const line of inspectBinlogFile(binlogPath)) {
			const row = JSON.parse(line);
			if (row.table === 'live_types' && row.pos >= fromPos) ours.push(row);
		}
		expect(oracle.map((c) => c.op)).toEqual(['insert', 'insert', 'insert', 'insert', 'update', 'update', 'delete']);
		expect(alignPositions(ours, oracle).map(({pos, op, db, table, before, after}) => ({pos, op, db, table, before, after}))).toEqual(
			oracle.map(({pos, op, db, table, before, after}) => ({pos, op, db, table, before, after})),
		);
	});

	it('keeps values exact: 64-bit integers, 65-digit decimals, microseconds, bytes, JSON', async () => {
		const decoder = new EventDecoder({file: binlogPath});
		const inserted: RowsEvent['rows'][number]['after'][] = [];
		let names: string[] = [];
		for await (const raw of readBinlogFile(binlogPath)) {
			const event = decoder.decode(raw.bytes, raw.pos);
			if (event.kind === 'rows' && event.rows.table.table === 'live_types' && event.rows.operation === 'insert') {
				inserted.push(...event.rows.rows.map((r) => r.after));
			}
		}
		names = columns.split(/,(?![^(]*\))/).map((c) => c.trim().split(/\s+/)[0]!);
		const value = (row: number, name: string) => inserted[row]![names.indexOf(name)];
		expect(value(0, 'b')).toBe(-9223372036854775808n);
		expect(value(1, 'bu')).toBe(-1n); // 18446744073709551615 read signed; the schema layer applies UNSIGNED
		expect(value(1, 'dec65')).toBe('99999999999999999999999999999999999.999999999999999999999999999999');
		expect(value(0, 'dec65')).toBe('-99999999999999999999999999999999999.999999999999999999999999999999');
		expect(value(1, 'dec10')).toBe('12345678.90');
		expect(value(1, 'dec9')).toBe('123456789.000000001');
		expect(value(3, 'dec10')).toBe('0.00');
		expect(value(0, 'tm2')).toBe('-12:34:56.78');
		expect(value(0, 'tm5')).toBe('-100:00:00.00001');
		expect(value(0, 'dtt6')).toBe('9999-12-31 23:59:59.999999');
		expect(value(1, 'ts6')).toBe('1.000001');
		expect(value(0, 'dt')).toBe('0000-00-00');
		expect(value(1, 'y')).toBe(2155);
		expect((value(1, 'vc') as Buffer).toString('utf8').startsWith('😀 emoji ')).toBe(true);
		expect(value(1, 'bin')).toEqual(Buffer.from([0x00, 0xff, 0x7f, 0x80]));
		expect(value(1, 'e')).toBe(3);
		expect(value(1, 'st')).toBe(7n);
		expect((value(1, 'mtxt') as Buffer).length).toBe(70000);
		expect(value(2, 'c')).toBeNull();
		expect(value(0, 'c')).toEqual(Buffer.alloc(0)); // empty string, not NULL
	});
});
