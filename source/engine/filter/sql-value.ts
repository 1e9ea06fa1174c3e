/**
 * Values as MySQL compares them in a WHERE clause: numbers (exact where the column is), text (compared as the
 * default _ci collations do: case-insensitive, trailing spaces ignored), bytes (compared byte by byte), and NULL.
 */
import type {ColumnSchema} from '../schema/table-schema.js';
import type {SqlValue} from '../schema/typed-row.js';

export type Value =
	| {readonly t: 'null'}
	| {readonly t: 'num'; readonly v: number | bigint | string}
	| {readonly t: 'str'; readonly v: string}
	| {readonly t: 'bin'; readonly v: Buffer};

export const NULL: Value = {t: 'null'};
export const TRUE: Value = {t: 'num', v: 1};
export const FALSE: Value = {t: 'num', v: 0};
export const bool = (value: boolean | null): Value => (value === null ? NULL : value ? TRUE : FALSE);

const numericTypes = new Set([
	'tinyint',
	'smallint',
	'mediumint',
	'int',
	'integer',
	'bigint',
	'decimal',
	'numeric',
	'float',
	'double',
	'real',
	'year',
	'bit',
]);

/** A column's value as a comparable Value. TIMESTAMP (epoch seconds) compares as its UTC date-time text. */
export function fromColumn(value: SqlValue | undefined, column: ColumnSchema): Value {
	if (value === null || value === undefined) return NULL;
	if (column.dataType === 'bit' && Buffer.isBuffer(value)) return {t: 'num', v: BigInt(`0x${value.toString('hex') || '0'}`)};
	if (numericTypes.has(column.dataType)) return {t: 'num', v: value as number | bigint | string};
	if (column.dataType === 'timestamp' && typeof value === 'string') {
		const [seconds = '0', fraction] = value.split('.');
		const text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
		return {t: 'str', v: fraction ? `${text}.${fraction}` : text};
	}
	if (Buffer.isBuffer(value)) return column.charset === null ? {t: 'bin', v: value} : {t: 'str', v: value.toString('utf8')};
	return {t: 'str', v: String(value)};
}

/** MySQL's string-to-number conversion: the longest numeric prefix, 0 when there is none ('12abc' → 12). */
export function toNumber(value: Value): number | bigint | string | null {
	switch (value.t) {
		case 'null':
			return null;
		case 'num':
			return value.v;
		case 'str':
		case 'bin': {
			const text = value.t === 'bin' ? value.v.toString('latin1') : value.v;
			const match = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
			return match ? match[0].trim() : 0;
		}
	}
}

/** Exact comparison of two numbers given as number, bigint or decimal text. */
export function compareNumbers(a: number | bigint | string, b: number | bigint | string): number {
	if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
	const x = decimalParts(a);
	const y = decimalParts(b);
	if (x === null || y === null) {
		const [p, q] = [Number(a), Number(b)];
		return p < q ? -1 : p > q ? 1 : 0;
	}
	if (x.negative !== y.negative) return x.zero && y.zero ? 0 : x.negative ? -1 : 1;
	const sign = x.negative ? -1 : 1;
	if (x.integer.length !== y.integer.length) return sign * (x.integer.length < y.integer.length ? -1 : 1);
	if (x.integer !== y.integer) return sign * (x.integer < y.integer ? -1 : 1);
	const width = Math.max(x.fraction.length, y.fraction.length);
	const [f, g] = [x.fraction.padEnd(width, '0'), y.fraction.padEnd(width, '0')];
	return f === g ? 0 : sign * (f < g ? -1 : 1);
}

/** Sign, integer digits without leading zeros, fraction digits; null for exponents or non-finite numbers. */
function decimalParts(value: number | bigint | string): {negative: boolean; integer: string; fraction: string; zero: boolean} | null {
	const text = typeof value === 'number' ? (Number.isFinite(value) && !String(value).includes('e') ? String(value) : null) : String(value);
	if (text === null) return null;
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
	if (!match) return null;
	const integer = match[2]!.replace(/^0+/, '');
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	return {negative: match[1] === '-', integer, fraction, zero: integer === '' && fraction === ''};
}

/** `_ci` text comparison: case-insensitive, trailing spaces ignored (PAD SPACE). */
export function compareText(a: string, b: string): number {
	const [x, y] = [a.replace(/ +$/, '').toLowerCase(), b.replace(/ +$/, '').toLowerCase()];
	return x < y ? -1 : x > y ? 1 : 0;
}

/** MySQL comparison with its type coercion; null when either side is NULL. */
export function compare(a: Value, b: Value): number | null {
	if (a.t === 'null' || b.t === 'null') return null;
	if (a.t === 'num' || b.t === 'num') return compareNumbers(toNumber(a)!, toNumber(b)!);
	if (a.t === 'bin' || b.t === 'bin') {
		const x = a.t === 'bin' ? a.v : Buffer.from(a.v);
		const y = b.t === 'bin' ? b.v : Buffer.from(b.v);
		return Buffer.compare(x, y);
	}
	return compareText(a.v, b.v);
}

export function isTrue(value: Value): boolean {
	const n = toNumber(value);
	return n !== null && compareNumbers(n, 0) !== 0;
}
