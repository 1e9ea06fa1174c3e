/**
 * MySQL 9 VECTOR columns (type 242): TABLE_MAP metadata of one byte (the length prefix size, like a BLOB), values of
 * little-endian float32s (mysql-server include/field_types.h MYSQL_TYPE_VECTOR, sql/field.h Field_vector). Rendered
 * for `binlog inspect` as mysqlbinlog -v prints them (sql/log_event.cc log_event_print_value: `[`, each float `%.5e`,
 * `,` between, `]`, the same text as VECTOR_TO_STRING), and for messages as lossless text. Events are built by
 * test/helpers/mysql-binlog-builder.ts.
 */
import {describe, expect, it} from 'vitest';
import {ColumnType} from '../../../source/engine/binlog/column-types.js';
import {mysqlbinlogJson, mysqlbinlogText} from '../../../source/engine/binlog/mysqlbinlog-text.js';
import {formatE, vectorText} from '../../../source/engine/binlog/values/vector.js';
import {renderValue} from '../../../source/engine/format/render-value.js';
import type {ColumnSchema, TableSchema} from '../../../source/engine/schema/table-schema.js';
import {checkFits, typeRow} from '../../../source/engine/schema/typed-row.js';
import {decodeBinlogBytes} from '../../helpers/decode-binlog-bytes.js';
import {
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
	tableMap,
	VECTOR_COLUMN,
	vectorValue,
	writeRows,
} from '../../helpers/mysql-binlog-builder.js';

const floats = [1, -17.8, 0.1, 3.4028234663852886e38, 1.401298464324817e-45, 1234565, -0];

function vectorRows() {
	const events = decodeBinlogBytes(
		binlogFile([
			formatDescription('9.1.0'),
			tableMap(90, 'shop', 'embeddings', [INT_COLUMN, VECTOR_COLUMN]),
			writeRows(90, 2, [
				[intValue(1), vectorValue(floats)],
				[intValue(2), null],
				[intValue(3), vectorValue([2.5])],
			]),
		]),
	);
	const rows = events[2]!;
	if (rows.kind !== 'rows') throw new Error(`expected rows, got ${rows.kind}`);
	return rows.rows;
}

describe('VECTOR columns', () => {
	it('decodes a VECTOR value to its float32 bytes, NULL as null, and the row after it intact', () => {
		const rows = vectorRows();
		expect(rows.table.columns[1]).toMatchObject({type: ColumnType.VECTOR, lengthBytes: 4});
		expect(rows.rows.map((row) => row.after![0])).toEqual([1, 2, 3]);
		expect((rows.rows[0]!.after![1] as Buffer).length).toBe(floats.length * 4);
		expect(rows.rows[1]!.after![1]).toBeNull();
	});

	it('renders it as mysqlbinlog -v does: %.5e per float, halves to even as glibc, in brackets', () => {
		const rows = vectorRows();
		const column = rows.table.columns[1]!;
		expect(mysqlbinlogText(rows.rows[0]!.after![1], column)).toBe(
			'[1.00000e+00,-1.78000e+01,1.00000e-01,3.40282e+38,1.40130e-45,1.23456e+06,-0.00000e+00]',
		);
		expect(mysqlbinlogJson(rows.rows[2]!.after![1], column)).toBe('"[2.50000e+00]"');
		expect(mysqlbinlogJson(null, column)).toBe('null');
	});

	it('formats %.5e like C printf, including exact halves and two-digit exponents', () => {
		// Expected texts from glibc: printf '%.5e' 1234565 0.5 1e-7 8.5e-310 1e300
		expect([1234565, 0.5, 1e-7, 8.5e-310, 1e300].map((n) => formatE(n, 5))).toEqual([
			'1.23456e+06',
			'5.00000e-01',
			'1.00000e-07',
			'8.50000e-310',
			'1.00000e+300',
		]);
	});

	it('gives messages lossless text: each float32 the shortest decimal that reads back as the same float32', () => {
		const bytes = vectorRows().rows[0]!.after![1] as Buffer;
		const text = vectorText(bytes);
		expect(text).toBe('[1,-17.8,0.1,3.4028235e+38,1e-45,1234565,-0]');
		const back = JSON.parse(text.replace('-0]', '-0.0]')) as number[];
		expect(back.map((n) => Math.fround(n))).toEqual(floats.map((n) => Math.fround(n)));
	});

	it('carries VECTOR through the schema to every OMS format as that text, in a JSON string', () => {
		const rows = vectorRows();
		const columns: ColumnSchema[] = [
			{name: 'id', dataType: 'int', columnType: 'int', unsigned: false, nullable: false, charset: null, members: []},
			{name: 'v', dataType: 'vector', columnType: 'vector(7)', unsigned: false, nullable: true, charset: null, members: []},
		];
		const schema: TableSchema = {
			database: 'shop',
			table: 'embeddings',
			tableType: 'BASE TABLE',
			columns,
			primaryKey: ['id'],
			uniqueKeys: [],
		};
		checkFits(rows.table, schema);
		const typed = typeRow(rows.rows[2]!.after!, rows.table, schema);
		expect(typed).toEqual([3, '[2.5]']);
		expect(renderValue(typed[1], columns[1]!)).toBe('[2.5]');
	});
});
