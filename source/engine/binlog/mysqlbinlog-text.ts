/**
 * Renders decoded values the way `mysqlbinlog -v` / `mariadb-binlog -v` print them in their `###   @N=` lines,
 * without the quotes (MariaDB server sql/log_event_client.cc log_event_print_value):
 * integers signed, with the unsigned reading in parentheses when negative; FLOAT `%-20g`; DOUBLE `%.20g`;
 * DATE `YYYY:MM:DD`; TIMESTAMP epoch seconds; YEAR raw + 1900; BIT and SET `b'0101'`; ENUM the index; strings with
 * bytes below 0x20 as `\xNN`; VECTOR `[1.00000e+00,2.00000e+00]` (MySQL's log_event_print_value, `%.5e` each). A
 * value that is not valid UTF-8 shows its bytes from 0x80 up as `\xNN` too.
 */
import {isUtf8} from 'node:buffer';
import {type BinlogColumn, ColumnType, integerWidth} from './column-types.js';
import type {CellValue} from './values/read-value.js';
import {vectorMysqlText} from './values/vector.js';

export function mysqlbinlogText(value: CellValue | undefined, column: BinlogColumn): string | null {
	if (value === null || value === undefined) return null;
	switch (column.type) {
		case ColumnType.TINY:
		case ColumnType.SHORT:
		case ColumnType.INT24:
		case ColumnType.LONG: {
			const n = value as number;
			return n < 0 ? `${n} (${n + 2 ** integerWidth(column.type)})` : String(n);
		}
		case ColumnType.LONGLONG: {
			const n = value as bigint;
			return n < 0n ? `${n} (${n + 2n ** 64n})` : String(n);
		}
		case ColumnType.FLOAT:
			return formatG(value as number, 6).padEnd(20, ' ');
		case ColumnType.DOUBLE:
			return formatG(value as number, 20);
		case ColumnType.YEAR:
			return value === 0 ? '1900' : String(value);
		case ColumnType.DATE:
		case ColumnType.NEWDATE:
			return (value as string).replaceAll('-', ':');
		case ColumnType.ENUM:
			return String(value);
		case ColumnType.SET: {
			const bytes = Buffer.alloc(column.maxLength);
			let mask = value as bigint;
			for (let i = 0; i < bytes.length; i++, mask >>= 8n) bytes[i] = Number(mask & 0xffn);
			return bitText(bytes, bytes.length * 8);
		}
		case ColumnType.BIT:
			return bitText(value as Buffer, column.bits);
		case ColumnType.VECTOR:
			return vectorMysqlText(value as Buffer);
		default:
			return Buffer.isBuffer(value) ? escapeBytes(value) : String(value);
	}
}

/** Bytes that JSON or mysqlbinlog would escape, or that need a UTF-8 check (read as latin1, one char per byte). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are exactly what mysqlbinlog escapes
const NOT_PLAIN = /[\x00-\x1f"\\\x80-\xff]/;

/**
 * The same text as a JSON string literal (or `null`): what JSON.stringify(mysqlbinlogText(value, column)) gives,
 * without escaping what cannot need it. Only byte strings and JSON documents can hold a quote, a backslash or a
 * control character; plain ASCII bytes (most of them) skip the UTF-8 check too.
 */
export function mysqlbinlogJson(value: CellValue | undefined, column: BinlogColumn): string {
	if (value === null || value === undefined) return 'null';
	if (Buffer.isBuffer(value) && column.type !== ColumnType.BIT && column.type !== ColumnType.VECTOR) {
		const latin1 = value.toString('latin1');
		return NOT_PLAIN.test(latin1) ? JSON.stringify(escapeBytes(value)) : `"${latin1}"`;
	}
	const text = mysqlbinlogText(value, column)!;
	return column.type === ColumnType.JSON ? JSON.stringify(text) : `"${text}"`;
}

/** `b'...'` of the last `bits` bits of big-endian `bytes`, as my_b_write_bit prints. */
function bitText(bytes: Buffer, bits: number): string {
	const total = bytes.length * 8;
	let text = '';
	for (let bit = total - bits; bit < total; bit++) text += (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1 ? '1' : '0';
	return `b'${text}'`;
}

/** C printf `%.{precision}g`, as glibc prints it (exponent with at least two digits). */
export function formatG(value: number, precision: number): string {
	if (Number.isNaN(value)) return value < 0 ? '-nan' : 'nan';
	if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
	if (value === 0) return Object.is(value, -0) ? '-0' : '0';
	const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(precision)))));
	if (exponent < -4 || exponent >= precision) {
		const [mantissa, exp] = value.toExponential(precision - 1).split('e') as [string, string];
		const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
		const sign = exp.startsWith('-') ? '-' : '+';
		return `${trimmed}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
	}
	const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
	return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * Bytes as text: a value that is valid UTF-8 as a whole shows as characters, any other value shows its bytes from
 * 0x80 up as `\xNN` (binary data stays readable and unambiguous); bytes below 0x20 are `\xNN` either way, as in
 * mysqlbinlog.
 */
export function escapeBytes(bytes: Buffer): string {
	const text = isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1').replace(/[\x80-\xff]/g, hex);
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are exactly what mysqlbinlog escapes
	return /[\x00-\x1f]/.test(text) ? text.replace(/[\x00-\x1f]/g, hex) : text;
}

function hex(char: string): string {
	return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
