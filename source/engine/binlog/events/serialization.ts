/**
 * The MySQL serialization framework's binary format (mysql-server libs/mysql/serialization/readme.md,
 * variable_length_integers.h, serializer_default_impl.hpp), which GTID_TAGGED_LOG_EVENT and tagged GTID sets use.
 *
 * Variable-length integers take 1 to 9 bytes, little-endian: the number of trailing one bits of the first byte, plus
 * one, is the byte count; the value follows those bits (in 9 bytes, the 8 bytes after the first). Signed integers are
 * zigzag-encoded: the sign in the lowest bit.
 */
import type {ByteReader} from '../byte-reader.js';

export function readVarlenUnsigned(reader: ByteReader): bigint {
	const first = reader.u8();
	let count = 1;
	while (count < 9 && (first >> (count - 1)) & 1) count++;
	if (count === 1) return BigInt(first >> 1);
	let rest = 0n;
	const bytes = reader.bytes(count - 1);
	for (let i = bytes.length - 1; i >= 0; i--) rest = (rest << 8n) | BigInt(bytes[i]!);
	// Below 9 bytes the first byte keeps 8 - count value bits; in 9 bytes it holds only the length.
	return count === 9 ? rest : (rest << BigInt(8 - count)) | BigInt(first >> count);
}

export function readVarlenSigned(reader: ByteReader): bigint {
	const raw = readVarlenUnsigned(reader);
	return raw & 1n ? -(raw >> 1n) - 1n : raw >> 1n;
}

export function writeVarlenUnsigned(value: bigint): Buffer {
	const bits = value === 0n ? 0 : value.toString(2).length;
	const count = ((bits * 575) >> 12) + 1; // mysql-server get_size_integer_varlen_unsigned
	const out = Buffer.alloc(count);
	if (count === 9) {
		out[0] = 0xff;
		out.writeBigUInt64LE(value, 1);
		return out;
	}
	out[0] = ((1 << (count - 1)) - 1) | Number((value << BigInt(count)) & 0xffn);
	let rest = value >> BigInt(8 - count);
	for (let i = 1; i < count; i++, rest >>= 8n) out[i] = Number(rest & 0xffn);
	return out;
}

export function writeVarlenSigned(value: bigint): Buffer {
	return writeVarlenUnsigned(value < 0n ? ((-value - 1n) << 1n) | 1n : value << 1n);
}

/**
 * A top-level serializable message: format version (1), its size in bytes counted from its first byte, the last
 * non-ignorable field id (+1), then fields as (id, value). `readField` reads the value of a field it knows and
 * returns false for an unknown id, which ends the known fields: the rest of the message is skipped, as MySQL does,
 * unless the message says a field the reader does not know must not be ignored.
 */
/** A field the reader does not know and the message says must not be ignored: a newer format, not corruption. */
export class UnknownFieldError extends Error {
	override readonly name = 'UnknownFieldError';
}

export function readMessage(reader: ByteReader, knownFields: number, readField: (id: number) => void): void {
	const start = reader.offset;
	const version = readVarlenUnsigned(reader);
	// MySQL 8.3 to 9.6 write version 1 (checked on a GTID_TAGGED event of a MySQL 9.6.0 binlog).
	if (version !== 1n) throw new UnknownFieldError(`serialization format version ${version} (obsync reads version 1)`);
	const end = start + Number(readVarlenUnsigned(reader));
	const lastNonIgnorable = Number(readVarlenUnsigned(reader));
	if (lastNonIgnorable > knownFields) {
		throw new UnknownFieldError(`field ${lastNonIgnorable - 1} cannot be ignored, and obsync knows fields 0 to ${knownFields - 1}`);
	}
	if (end > reader.end) throw new RangeError(`message of ${end - start} bytes runs past the event`);
	while (reader.offset < end) {
		const id = Number(readVarlenUnsigned(reader));
		if (id >= knownFields) break;
		readField(id);
	}
	if (reader.offset > end) throw new RangeError(`message fields run ${reader.offset - end} bytes past its size`);
	reader.offset = end;
}
