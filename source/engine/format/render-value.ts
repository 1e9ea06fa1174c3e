/**
 * Column values as OMS renders them in message bodies (OMS "Data formats", value table; shared/reference/
 * oms-formats.md §2): integers and DECIMAL as exact JSON numbers (trailing zeros kept), FLOAT with 7 and DOUBLE with
 * 16 significant digits, text, ENUM and SET as strings, binary strings and BIT as Base64, DATE `YYYY-MM-DD`, TIME and
 * DATETIME with fractional digits but no trailing zeros, TIMESTAMP as epoch seconds `"1606233662.012345"`.
 * Decisions where OMS is silent (documented in the README): JSON columns as their JSON text in a string, GEOMETRY as
 * Base64 of the stored bytes (SRID + WKB), MySQL 9 VECTOR as the text `[1,2.5,0.1]` (schema/typed-row.ts: each
 * float32 as the shortest decimal that reads back as it, so lossless; STRING_TO_VECTOR accepts it), NULL as null.
 */
import type {ColumnSchema} from '../schema/table-schema.js';
import type {SqlValue} from '../schema/typed-row.js';
import {type JsonValue, num} from './json-writer.js';

const integerTypes = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'year', 'bool', 'boolean']);
const binaryTypes = new Set([
	'tinyblob',
	'blob',
	'mediumblob',
	'longblob',
	'binary',
	'varbinary',
	'bit',
	'geometry',
	'point',
	'linestring',
	'polygon',
	'multipoint',
	'multilinestring',
	'multipolygon',
	'geometrycollection',
]);

/** Drops trailing zeros of a fraction, and the point when nothing is left: `00:01:02.500000` → `00:01:02.5`. */
function trimFraction(text: string): string {
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * `digits` significant digits, trailing zeros dropped, Java-style exponent (`1.5E-7`), as a JSON number literal.
 * Works on the text of toPrecision: parsing it back could overflow (DOUBLE's maximum rounds up to Infinity).
 */
function significant(value: number, digits: number): string {
	const [mantissa = '', exponent] = value.toPrecision(digits).split('e');
	const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
	return exponent === undefined ? trimmed : `${trimmed}E${exponent.replace('+', '')}`;
}

export function renderValue(value: SqlValue | undefined, column: ColumnSchema): JsonValue {
	if (value === null || value === undefined) return null;
	const type = column.dataType;
	if (integerTypes.has(type)) return num(value as number | bigint);
	if (type === 'decimal' || type === 'numeric') return num(value as string);
	if (type === 'float') return num(significant(value as number, 7));
	if (type === 'double' || type === 'real') return num(significant(value as number, 16));
	if (binaryTypes.has(type) || (Buffer.isBuffer(value) && column.charset === null)) return (value as Buffer).toString('base64');
	if (type === 'time' || type === 'datetime') return trimFraction(value as string);
	if (type === 'json' && Buffer.isBuffer(value)) return value.toString('utf8');
	return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
