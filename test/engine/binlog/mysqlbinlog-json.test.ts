/**
 * `obsync binlog inspect` writes each value with mysqlbinlogJson, a fast path for JSON.stringify(mysqlbinlogText(...)).
 * The two must give the same text for every kind of value, including the ones that need escaping.
 */
import {describe, expect, it} from 'vitest';
import {type BinlogColumn, ColumnType} from '../../../source/engine/binlog/column-types.js';
import {mysqlbinlogJson, mysqlbinlogText} from '../../../source/engine/binlog/mysqlbinlog-text.js';
import type {CellValue} from '../../../source/engine/binlog/values/read-value.js';

function column(type: number, extra: Partial<BinlogColumn> = {}): BinlogColumn {
	return {
		type,
		loggedType: type,
		meta: 0,
		nullable: true,
		maxLength: 255,
		lengthBytes: 2,
		precision: 10,
		scale: 2,
		fsp: 0,
		bits: 8,
		...extra,
	};
}

const cases: Array<[string, CellValue, BinlogColumn]> = [
	['plain ASCII bytes', Buffer.from('name-1-c4ca4238'), column(ColumnType.VARCHAR)],
	['empty bytes', Buffer.alloc(0), column(ColumnType.VARCHAR)],
	['a double quote', Buffer.from('say "hi"'), column(ColumnType.VARCHAR)],
	['a backslash', Buffer.from('C:\\temp\\'), column(ColumnType.BLOB)],
	['control bytes', Buffer.from([0x61, 0x00, 0x09, 0x0a, 0x1f, 0x62]), column(ColumnType.STRING)],
	['DEL, printed raw', Buffer.from([0x61, 0x7f, 0x62]), column(ColumnType.VARCHAR)],
	['4-byte UTF-8', Buffer.from('表情 😀 ü'), column(ColumnType.VARCHAR)],
	['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x41, 0x80]), column(ColumnType.BLOB)],
	['latin1 mixed with a quote', Buffer.from([0xe9, 0x22, 0x5c]), column(ColumnType.STRING)],
	['geometry', Buffer.from([0, 0, 0, 0, 1, 1, 0, 0, 0]), column(ColumnType.GEOMETRY)],
	['BIT', Buffer.from([0b0101]), column(ColumnType.BIT, {bits: 4})],
	['JSON with quotes and a backslash', '{"a": "x\\"y", "b": [1, 2.5]}', column(ColumnType.JSON)],
	['negative INT', -5, column(ColumnType.LONG)],
	['BIGINT UNSIGNED read as negative', -1n, column(ColumnType.LONGLONG)],
	['FLOAT, padded', 1.5, column(ColumnType.FLOAT)],
	['DOUBLE', 0.1, column(ColumnType.DOUBLE)],
	['DECIMAL with trailing zeros', '-0.00', column(ColumnType.NEWDECIMAL)],
	['DATE', '0000-00-00', column(ColumnType.DATE)],
	['DATETIME(6)', '2024-01-01 00:00:01.123456', column(ColumnType.DATETIME2, {fsp: 6})],
	['TIME', '-838:59:59', column(ColumnType.TIME2)],
	['TIMESTAMP', '1700000000.5', column(ColumnType.TIMESTAMP2, {fsp: 1})],
	['YEAR zero', 0, column(ColumnType.YEAR)],
	['ENUM index', 2, column(ColumnType.ENUM, {maxLength: 1})],
	['SET bitmask', 5n, column(ColumnType.SET, {maxLength: 1})],
	['NULL', null, column(ColumnType.VARCHAR)],
];

describe('mysqlbinlogJson', () => {
	it.each(cases)('gives JSON.stringify of the mysqlbinlog text: %s', (_name, value, col) => {
		expect(mysqlbinlogJson(value, col)).toBe(JSON.stringify(mysqlbinlogText(value, col)));
	});

	it('escapes what JSON must escape in byte strings', () => {
		expect(mysqlbinlogJson(Buffer.from('a"b\\c'), column(ColumnType.VARCHAR))).toBe('"a\\"b\\\\c"');
		expect(JSON.parse(mysqlbinlogJson(Buffer.from([0x01]), column(ColumnType.VARCHAR)))).toBe('\\x01');
	});
});
