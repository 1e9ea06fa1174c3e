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

/** A big-endian group of `length` bytes, complemented for negative numbers; the first byte's sign bit flipped. */
function readGroup(bytes: Buffer, offset: number, length: number, mask: number, first: boolean): number {
	let value = 0;
	for (let i = 0; i < length; i++) {
		let byte = bytes[offset + i]!;
		if (first && i === 0) byte ^= 0x80;
		value = value * 256 + ((byte ^ mask) & 0xff);
	}
	return value;
}

/** Decodes `decimalBinaryLength(precision, scale)` bytes at `offset` to text with exactly `scale` decimals. */
export function decodeDecimal(bytes: Buffer, offset: number, precision: number, scale: number): string {
	const intg = precision - scale;
	const intg0 = (intg / 9) | 0;
	const intg0x = intg % 9;
	const frac0 = (scale / 9) | 0;
	const frac0x = scale % 9;
	const length = decimalBinaryLength(precision, scale);
	if (offset + length > bytes.length) throw new RangeError(`DECIMAL(${precision},${scale}) needs ${length} bytes`);
	const negative = (bytes[offset]! & 0x80) === 0;
	const mask = negative ? 0xff : 0;
	let at = offset;
	let first = true;
	let integer = '';
	if (intg0x > 0) {
		const size = digitsToBytes[intg0x]!;
		const group = readGroup(bytes, at, size, mask, first);
		if (group !== 0) integer = String(group);
		at += size;
		first = false;
	}
	for (let i = 0; i < intg0; i++) {
		const group = readGroup(bytes, at, 4, mask, first);
		integer = integer === '' ? (group === 0 ? '' : String(group)) : integer + String(group).padStart(9, '0');
		at += 4;
		first = false;
	}
	if (integer === '') integer = '0';
	let fraction = '';
	for (let i = 0; i < frac0; i++) {
		fraction += String(readGroup(bytes, at, 4, mask, first)).padStart(9, '0');
		at += 4;
		first = false;
	}
	if (frac0x > 0) fraction += String(readGroup(bytes, at, digitsToBytes[frac0x]!, mask, first)).padStart(frac0x, '0');
	const text = scale > 0 ? `${integer}.${fraction}` : integer;
	return negative && (integer !== '0' || /[1-9]/.test(fraction)) ? `-${text}` : text;
}
