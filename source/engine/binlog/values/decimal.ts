/**
 * MySQL's binary DECIMAL (NEWDECIMAL) to exact text: groups of 9 digits in 4 big-endian bytes, a shorter leading and
 * trailing group, the sign in the top bit, negative numbers stored as the bitwise complement
 * (mysql-server strings/decimal.cc bin2decimal). Never goes through a JS number.
 */
const digitsToBytes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

export function decimalBinaryLength(precision: number, scale: number): number {
	const intg = precision - scale;
	return Math.floor(intg / 9) * 4 + digitsToBytes[intg % 9]! + Math.floor(scale / 9) * 4 + digitsToBytes[scale % 9]!;
}

function readGroup(bytes: Buffer, offset: number, length: number, mask: number): number {
	let value = 0;
	for (let i = 0; i < length; i++) value = value * 256 + ((bytes[offset + i]! ^ mask) & 0xff);
	return value;
}

/** Decodes `decimalBinaryLength(precision, scale)` bytes at `offset` to text with exactly `scale` decimals. */
export function decodeDecimal(buffer: Buffer, offset: number, precision: number, scale: number): string {
	const intg = precision - scale;
	const intg0 = Math.floor(intg / 9);
	const intg0x = intg % 9;
	const frac0 = Math.floor(scale / 9);
	const frac0x = scale % 9;
	const length = decimalBinaryLength(precision, scale);
	const bytes = Buffer.from(buffer.subarray(offset, offset + length));
	if (bytes.length < length) throw new RangeError(`DECIMAL(${precision},${scale}) needs ${length} bytes`);
	const negative = (bytes[0]! & 0x80) === 0;
	bytes[0] = bytes[0]! ^ 0x80;
	const mask = negative ? 0xff : 0;
	let at = 0;
	let integer = '';
	if (intg0x > 0) {
		const size = digitsToBytes[intg0x]!;
		integer += String(readGroup(bytes, at, size, mask));
		at += size;
	}
	for (let i = 0; i < intg0; i++) {
		integer += String(readGroup(bytes, at, 4, mask)).padStart(9, '0');
		at += 4;
	}
	let fraction = '';
	for (let i = 0; i < frac0; i++) {
		fraction += String(readGroup(bytes, at, 4, mask)).padStart(9, '0');
		at += 4;
	}
	if (frac0x > 0) {
		const size = digitsToBytes[frac0x]!;
		fraction += String(readGroup(bytes, at, size, mask)).padStart(frac0x, '0');
	}
	integer = integer.replace(/^0+/, '') || '0';
	const text = scale > 0 ? `${integer}.${fraction}` : integer;
	const isZero = !/[1-9]/.test(text);
	return negative && !isZero ? `-${text}` : text;
}
