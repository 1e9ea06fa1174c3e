/**
 * Renders decoded values the way `mysqlbinlog -v` / `mariadb-binlog -v` print them in their `###   @N=` lines,
 * without the quotes (MariaDB server sql/log_event_client.cc log_event_print_value):
 * integers signed, with the unsigned reading in parentheses when negative; FLOAT `%-20g`; DOUBLE `%.20g`;
 * DATE `YYYY:MM:DD`; TIMESTAMP epoch seconds; YEAR raw + 1900; BIT and SET `b'0101'`; ENUM the index; strings with
 * bytes below 0x20 as `\xNN`. Text that is not valid UTF-8 shows its invalid bytes as `\xNN` too.
 */
import {type BinlogColumn, ColumnType} from './column-types.js';
import type {CellValue} from './values/read-value.js';

const integerBits: Record<number, number> = {
	[ColumnType.TINY]: 8,
	[ColumnType.SHORT]: 16,
	[ColumnType.INT24]: 24,
	[ColumnType.LONG]: 32,
};

export function mysqlbinlogText(value: CellValue | undefined, column: BinlogColumn): string | null {
	if (value === null || value === undefined) return null;
	switch (column.type) {
		case ColumnType.TINY:
		case ColumnType.SHORT:
		case ColumnType.INT24:
		case ColumnType.LONG: {
			const n = value as number;
			return n < 0 ? `${n} (${n + 2 ** integerBits[column.type]!})` : String(n);
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
		default:
			return Buffer.isBuffer(value) ? escapeBytes(value) : String(value);
	}
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

/** Bytes as text: valid UTF-8 as characters, bytes below 0x20 and invalid bytes as `\xNN`. */
export function escapeBytes(bytes: Buffer): string {
	let text = '';
	let i = 0;
	while (i < bytes.length) {
		const byte = bytes[i]!;
		if (byte >= 0x20 && byte < 0x80) {
			text += String.fromCharCode(byte);
			i++;
			continue;
		}
		const length = byte < 0x20 ? 0 : utf8SequenceLength(bytes, i);
		if (length === 0) {
			text += `\\x${byte.toString(16).padStart(2, '0')}`;
			i++;
		} else {
			text += bytes.toString('utf8', i, i + length);
			i += length;
		}
	}
	return text;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
	const b0 = bytes[i]!;
	const cont = (k: number) => {
		const b = bytes[i + k];
		return b !== undefined && (b & 0xc0) === 0x80;
	};
	if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
	if (b0 >= 0xe0 && b0 <= 0xef) {
		const b1 = bytes[i + 1] ?? 0;
		if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return 0;
		return cont(1) && cont(2) ? 3 : 0;
	}
	if (b0 >= 0xf0 && b0 <= 0xf4) {
		const b1 = bytes[i + 1] ?? 0;
		if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return 0;
		return cont(1) && cont(2) && cont(3) ? 4 : 0;
	}
	return 0;
}
