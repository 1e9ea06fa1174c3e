/**
 * Turns a binlog row (values by position, as the binlog stores them) into SQL values by the table's schema:
 * UNSIGNED integers read as unsigned, text decoded by its character set, ENUM/SET as their member names.
 * Values stay exact: integers beyond 2^53 are bigint, DECIMAL and temporal values text, binary strings Buffers,
 * VECTOR text `[1,2.5,0.1]` (each float32 as the shortest decimal that reads back as it: lossless).
 */
import {TextDecoder} from 'node:util';
import {type BinlogColumn, ColumnType, integerWidth} from '../binlog/column-types.js';
import type {Row} from '../binlog/events/rows.js';
import type {TableMap} from '../binlog/events/table-map.js';
import {vectorText} from '../binlog/values/vector.js';
import {CdcError} from '../errors.js';
import type {TableSchema} from './table-schema.js';

export type SqlValue = null | number | bigint | string | Buffer;

/** A binlog row whose columns do not match the table's current schema (the table changed since). */
export class SchemaMismatchError extends CdcError {
	override readonly name = 'SchemaMismatchError';
}

/** Node's names for MySQL character sets; others are decoded with TextDecoder when it knows them. */
const nodeEncodings: Record<string, BufferEncoding> = {utf8mb4: 'utf8', utf8mb3: 'utf8', utf8: 'utf8', ascii: 'latin1', latin1: 'latin1'};
const webEncodings: Record<string, string> = {
	gbk: 'gbk',
	gb2312: 'gbk',
	gb18030: 'gb18030',
	big5: 'big5',
	sjis: 'shift_jis',
	cp932: 'shift_jis',
	ujis: 'euc-jp',
	eucjpms: 'euc-jp',
	euckr: 'euc-kr',
	ucs2: 'utf-16be',
	utf16: 'utf-16be',
	utf16le: 'utf-16le',
	cp1250: 'windows-1250',
	cp1251: 'windows-1251',
	cp1256: 'windows-1256',
	cp1257: 'windows-1257',
	greek: 'iso-8859-7',
	hebrew: 'iso-8859-8',
	latin2: 'iso-8859-2',
	koi8r: 'koi8-r',
	koi8u: 'koi8-u',
};
const decoders = new Map<string, TextDecoder>();

export function decodeText(bytes: Buffer, charset: string): string {
	const node = nodeEncodings[charset];
	if (node) return bytes.toString(node);
	const label = webEncodings[charset];
	if (!label) return bytes.toString('utf8');
	let decoder = decoders.get(label);
	if (!decoder) {
		decoder = new TextDecoder(label);
		decoders.set(label, decoder);
	}
	return decoder.decode(bytes);
}

/** Binlog column types each SQL data type may be logged as. */
const loggedAs: Record<string, number[]> = {
	tinyint: [ColumnType.TINY],
	smallint: [ColumnType.SHORT],
	mediumint: [ColumnType.INT24],
	int: [ColumnType.LONG],
	integer: [ColumnType.LONG],
	bigint: [ColumnType.LONGLONG],
	float: [ColumnType.FLOAT, ColumnType.DOUBLE],
	double: [ColumnType.DOUBLE],
	decimal: [ColumnType.NEWDECIMAL, ColumnType.DECIMAL],
	date: [ColumnType.DATE, ColumnType.NEWDATE],
	time: [ColumnType.TIME, ColumnType.TIME2],
	datetime: [ColumnType.DATETIME, ColumnType.DATETIME2],
	timestamp: [ColumnType.TIMESTAMP, ColumnType.TIMESTAMP2],
	year: [ColumnType.YEAR],
	bit: [ColumnType.BIT],
	enum: [ColumnType.ENUM],
	set: [ColumnType.SET],
	vector: [ColumnType.VECTOR],
};
const strings = [ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING];
for (const type of ['char', 'varchar', 'binary', 'varbinary']) loggedAs[type] = strings;
const blobs = [ColumnType.BLOB, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.JSON];
for (const type of ['tinytext', 'text', 'mediumtext', 'longtext', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'json'])
	loggedAs[type] = blobs;

function compatible(binlog: BinlogColumn, column: TableSchema['columns'][number]): boolean {
	const types = loggedAs[column.dataType];
	return types === undefined || types.includes(binlog.type);
}

/**
 * Checks that a table map fits a schema. It fits when the columns match one for one, or when the binlog has fewer
 * columns and they match the first ones of the schema: rows logged before an `ADD COLUMN` at the end, read after
 * it. Anything else (a column dropped, moved or retyped since) cannot be mapped by position and is refused.
 */
export function checkFits(map: TableMap, schema: TableSchema): void {
	const fits = map.columns.length <= schema.columns.length && map.columns.every((column, i) => compatible(column, schema.columns[i]!));
	if (!fits) {
		throw new SchemaMismatchError(
			`the binlog's columns for \`${map.database}\`.\`${map.table}\` (${map.columns.length}) do not match the table's current columns (${schema.columns.length}): the table changed after this binlog position`,
			{hint: 'start from a binlog position after the table change, or restore the column layout'},
		);
	}
}

/** The row's values in schema order; absent columns (partial images) stay undefined. */
export function typeRow(row: Row, map: TableMap, schema: TableSchema): Array<SqlValue | undefined> {
	const out: Array<SqlValue | undefined> = new Array(row.length);
	for (let i = 0; i < row.length; i++) {
		const value = row[i];
		out[i] = value === undefined || value === null ? value : typeValue(value, map.columns[i]!, schema.columns[i]!);
	}
	return out;
}

function typeValue(value: Exclude<SqlValue, null>, binlog: BinlogColumn, column: TableSchema['columns'][number]): SqlValue {
	switch (binlog.type) {
		case ColumnType.TINY:
		case ColumnType.SHORT:
		case ColumnType.INT24:
		case ColumnType.LONG:
			return column.unsigned && (value as number) < 0 ? (value as number) + 2 ** integerWidth(binlog.type) : value;
		case ColumnType.LONGLONG: {
			const n = value as bigint;
			const unsigned = column.unsigned && n < 0n ? n + 2n ** 64n : n;
			// Within 2^53 a plain number is exact; beyond, bigint keeps every digit.
			return unsigned >= BigInt(Number.MIN_SAFE_INTEGER) && unsigned <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(unsigned) : unsigned;
		}
		case ColumnType.ENUM:
			return (value as number) === 0 ? '' : (column.members[(value as number) - 1] ?? String(value));
		case ColumnType.SET: {
			const names: string[] = [];
			column.members.forEach((member, i) => {
				if (((value as bigint) >> BigInt(i)) & 1n) names.push(member);
			});
			return names.join(',');
		}
		case ColumnType.VECTOR:
			return vectorText(value as Buffer);
		default:
			if (Buffer.isBuffer(value) && column.charset !== null && column.charset !== 'binary') return decodeText(value, column.charset);
			return value;
	}
}
