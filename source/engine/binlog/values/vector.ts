/**
 * MySQL 9 VECTOR values (column type 242): stored like a BLOB (a length prefix of the metadata's byte count, then the
 * bytes), the bytes being little-endian float32 numbers, one per dimension (mysql-server sql/field.h Field_vector).
 * The decoder keeps the bytes; these render them.
 */

/** The float32 numbers of a VECTOR value; a length that is not a whole number of floats is corrupt. */
export function vectorFloats(bytes: Buffer): number[] {
	if (bytes.length % 4 !== 0) throw new RangeError(`a VECTOR value of ${bytes.length} bytes is not a whole number of float32s`);
	const floats: number[] = new Array(bytes.length / 4);
	for (let i = 0; i < floats.length; i++) floats[i] = bytes.readFloatLE(i * 4);
	return floats;
}

/**
 * As `mysqlbinlog -v` prints it and VECTOR_TO_STRING returns it: `[1.00000e+00,2.00000e+00]`, each number C's
 * `%.5e` (mysql-server sql/log_event.cc log_event_print_value; sql-common vector conversion from_vector_to_string).
 */
export function vectorMysqlText(bytes: Buffer): string {
	return `[${vectorFloats(bytes)
		.map((f) => formatE(f, 5))
		.join(',')}]`;
}

/**
 * Lossless text for messages: `[1,2.5,0.1]`, each number the shortest decimal that reads back as the same float32,
 * which STRING_TO_VECTOR accepts. `%.5e` keeps 6 significant digits and float32 needs up to 9, so it is not used.
 */
export function vectorText(bytes: Buffer): string {
	return `[${vectorFloats(bytes).map(shortestFloat32).join(',')}]`;
}

function shortestFloat32(f: number): string {
	if (!Number.isFinite(f)) return Number.isNaN(f) ? 'nan' : f < 0 ? '-inf' : 'inf';
	if (f === 0) return Object.is(f, -0) ? '-0' : '0';
	// The nearest p-digit decimal is the one that reads back as f when any p-digit decimal does; 9 always does.
	for (let p = 1; p < 9; p++) {
		const candidate = Number(f.toPrecision(p));
		if (Math.fround(candidate) === f) return String(candidate);
	}
	return String(Number(f.toPrecision(9)));
}

/**
 * C printf `%.{digits}e` as glibc prints it: rounded from the exact binary value, halves to even (JavaScript's
 * toExponential rounds halves up), exponent of at least two digits.
 */
export function formatE(value: number, digits: number): string {
	if (Number.isNaN(value)) return 'nan';
	const sign = value < 0 || Object.is(value, -0) ? '-' : '';
	if (!Number.isFinite(value)) return `${sign}inf`;
	if (value === 0) return `${sign}0.${'0'.repeat(digits)}e+00`;
	let [text, exponent] = exactDecimal(Math.abs(value));
	const keep = digits + 1;
	if (text.length > keep) {
		const rest = text.slice(keep);
		let kept = BigInt(text.slice(0, keep));
		const half = rest[0] === '5' && /^50*$/.test(rest);
		if (rest[0]! > '5' || (rest[0] === '5' && !half) || (half && kept % 2n === 1n)) kept += 1n;
		text = kept.toString();
		if (text.length > keep) {
			text = text.slice(0, keep);
			exponent++;
		}
	}
	text = text.padEnd(keep, '0');
	const e = Math.abs(exponent).toString().padStart(2, '0');
	return `${sign}${text[0]}${digits > 0 ? `.${text.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${e}`;
}

/** The exact decimal digits of a positive finite double and the power of ten of its first digit. */
function exactDecimal(value: number): [string, number] {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, value);
	const bits = view.getBigUint64(0);
	const biased = Number((bits >> 52n) & 0x7ffn);
	const fraction = bits & 0xf_ffff_ffff_ffffn;
	const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
	const power = (biased === 0 ? 1 : biased) - 1075; // value = mantissa * 2^power
	if (power >= 0) {
		const digits = (mantissa << BigInt(power)).toString();
		return [digits, digits.length - 1];
	}
	// mantissa / 2^n = mantissa * 5^n / 10^n
	const digits = (mantissa * 5n ** BigInt(-power)).toString();
	return [digits.replace(/0+$/, '') || '0', digits.length - 1 + power];
}
