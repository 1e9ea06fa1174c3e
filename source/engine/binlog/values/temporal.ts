/**
 * Date and time values as exact text, from both the old (MySQL < 5.6) and the fractional "2" formats
 * (mysql-server sql-common/my_time.cc: my_datetime_packed_from_binary, my_time_packed_from_binary,
 * my_timestamp_from_binary). Fractions keep the column's digits (fsp), as the server prints them.
 */
const pad = (value: number, width: number) => String(value).padStart(width, '0');
/** '00' … '99': date and time parts are formatted millions of times a second. */
const two = Array.from({length: 100}, (_, i) => (i < 10 ? `0${i}` : String(i)));
const four = (value: number) => (value >= 1000 ? String(value) : pad(value, 4));

/** Reads the fractional part of a *2 type: `(fsp + 1) / 2` big-endian bytes, as microseconds. */
function fractionMicros(buffer: Buffer, offset: number, fsp: number): number {
	switch (fsp) {
		case 1:
		case 2:
			return buffer[offset]! * 10_000;
		case 3:
		case 4:
			return buffer.readUInt16BE(offset) * 100;
		case 5:
		case 6:
			return buffer.readUIntBE(offset, 3);
		default:
			return 0;
	}
}

export function fractionLength(fsp: number): number {
	return (fsp + 1) >> 1;
}

/** `.ffffff` cut to `fsp` digits (truncated, as the server does), or nothing for fsp 0. */
export function fractionText(micros: number, fsp: number): string {
	if (fsp <= 0) return '';
	return `.${pad(Math.floor(micros / 10 ** (6 - fsp)), fsp)}`;
}

/** DATE: 3 bytes little-endian, day:5 month:4 year:15. Returns `YYYY-MM-DD` (zero dates stay zero). */
export function decodeDate(buffer: Buffer, offset: number): string {
	const value = buffer[offset]! | (buffer[offset + 1]! << 8) | (buffer[offset + 2]! << 16);
	return `${four(value >>> 9)}-${two[(value >>> 5) & 15]}-${two[value & 31]}`;
}

/** DATETIME2: 5 bytes big-endian (sign, year*13+month, day, hour, minute, second) + fraction. */
export function decodeDatetime2(buffer: Buffer, offset: number, fsp: number): string {
	const packed = buffer.readUIntBE(offset, 5) - 0x8000000000;
	const ymdhms = packed < 0 ? -packed : packed;
	const ymd = Math.floor(ymdhms / 131072); // 2^17
	const ym = ymd >>> 5;
	const hms = ymdhms % 131072;
	const text = `${four(Math.floor(ym / 13))}-${two[ym % 13]}-${two[ymd & 31]} ${two[hms >>> 12]}:${two[(hms >>> 6) & 63]}:${two[hms & 63]}`;
	return fsp === 0 ? text : text + fractionText(fractionMicros(buffer, offset + 5, fsp), fsp);
}

/** Old DATETIME: 8 bytes little-endian, the decimal number YYYYMMDDhhmmss. */
export function decodeDatetime(buffer: Buffer, offset: number): string {
	const value = buffer.readBigUInt64LE(offset);
	const date = Number(value / 1_000_000n);
	const time = Number(value % 1_000_000n);
	return (
		`${pad(Math.floor(date / 10_000), 4)}-${pad(Math.floor((date % 10_000) / 100), 2)}-${pad(date % 100, 2)} ` +
		`${pad(Math.floor(time / 10_000), 2)}:${pad(Math.floor((time % 10_000) / 100), 2)}:${pad(time % 100, 2)}`
	);
}

/** TIMESTAMP2: 4 bytes big-endian seconds since the epoch (UTC) + fraction. Returns `seconds[.fraction]`. */
export function decodeTimestamp2(buffer: Buffer, offset: number, fsp: number): string {
	return `${buffer.readUInt32BE(offset)}${fractionText(fractionMicros(buffer, offset + 4, fsp), fsp)}`;
}

/**
 * TIME2: 3 bytes big-endian (sign, hours:10, minutes:6, seconds:6) with the fraction's sign folded in for negative
 * values, per my_time_packed_from_binary. Returns `[-]HH:MM:SS[.fraction]` (hours may exceed 99).
 */
export function decodeTime2(buffer: Buffer, offset: number, fsp: number): string {
	let packed: number;
	if (fsp >= 5) {
		packed = buffer.readUIntBE(offset, 6) - 0x800000000000;
	} else {
		let intPart = buffer.readUIntBE(offset, 3) - 0x800000;
		let frac = 0;
		if (fsp >= 1) {
			const [size, scale] = fsp <= 2 ? [1, 10_000] : [2, 100];
			frac = buffer.readUIntBE(offset + 3, size);
			if (intPart < 0 && frac !== 0) {
				intPart += 1;
				frac -= 256 ** size;
			}
			frac *= scale;
		}
		packed = intPart * 2 ** 24 + frac;
	}
	const negative = packed < 0;
	if (negative) packed = -packed;
	const hms = Math.floor(packed / 2 ** 24);
	const micros = packed % 2 ** 24;
	const hours = Math.floor(hms / 4096) % 1024;
	const text = `${negative ? '-' : ''}${pad(hours, 2)}:${pad(Math.floor(hms / 64) % 64, 2)}:${pad(hms % 64, 2)}`;
	return `${text}${fractionText(micros, fsp)}`;
}

/** Old TIME: 3 bytes little-endian signed, the decimal number [-]HHMMSS. */
export function decodeTime(buffer: Buffer, offset: number): string {
	const value = buffer.readIntLE(offset, 3);
	const abs = Math.abs(value);
	return `${value < 0 ? '-' : ''}${pad(Math.floor(abs / 10_000), 2)}:${pad(Math.floor((abs % 10_000) / 100), 2)}:${pad(abs % 100, 2)}`;
}
