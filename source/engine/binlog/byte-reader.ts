/**
 * A cursor over a Buffer for the little-endian integers, length-encoded integers and strings of the MySQL
 * binlog format. Reading past the end throws a RangeError, which the event decoder turns into a DecodeError.
 */
export class ByteReader {
	readonly buffer: Buffer;
	offset: number;
	/** Reads stop here (the event end, before any checksum). */
	readonly end: number;

	constructor(buffer: Buffer, offset = 0, end = buffer.length) {
		this.buffer = buffer;
		this.offset = offset;
		this.end = end;
	}

	get remaining(): number {
		return this.end - this.offset;
	}

	private take(length: number): number {
		const at = this.offset;
		if (length < 0 || at + length > this.end) {
			throw new RangeError(`needs ${length} byte(s) at offset ${at}, only ${this.end - at} left`);
		}
		this.offset = at + length;
		return at;
	}

	skip(length: number): void {
		this.take(length);
	}

	/** Moves past `length` bytes and returns where they start, for reading them in place. */
	advance(length: number): number {
		return this.take(length);
	}

	u8(): number {
		return this.buffer[this.take(1)]!;
	}

	u16(): number {
		return this.buffer.readUInt16LE(this.take(2));
	}

	u24(): number {
		return this.buffer.readUIntLE(this.take(3), 3);
	}

	u32(): number {
		return this.buffer.readUInt32LE(this.take(4));
	}

	/** Up to 6 bytes fit a JS number exactly. */
	uintLE(length: number): number {
		return length === 0 ? 0 : this.buffer.readUIntLE(this.take(length), length);
	}

	u64(): bigint {
		return this.buffer.readBigUInt64LE(this.take(8));
	}

	i64(): bigint {
		return this.buffer.readBigInt64LE(this.take(8));
	}

	/** A length-encoded integer (1, 3, 4 or 9 bytes); numbers above 2^53 are refused as corrupt. */
	packedInt(): number {
		const first = this.u8();
		if (first < 0xfb) return first;
		if (first === 0xfc) return this.u16();
		if (first === 0xfd) return this.u24();
		if (first === 0xfe) {
			const value = this.u64();
			if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`length-encoded integer ${value} is too large`);
			return Number(value);
		}
		throw new RangeError(`invalid length-encoded integer prefix 0x${first.toString(16)}`);
	}

	bytes(length: number): Buffer {
		const at = this.take(length);
		return this.buffer.subarray(at, at + length);
	}

	/** The rest of the event, up to `end`. */
	rest(): Buffer {
		return this.bytes(this.remaining);
	}

	/** Text in a known-length field (names, queries: utf8). */
	string(length: number): string {
		return this.bytes(length).toString('utf8');
	}

	/** A NUL-terminated string. */
	cString(): string {
		const start = this.offset;
		const nul = this.buffer.indexOf(0, start);
		if (nul < 0 || nul >= this.end) throw new RangeError(`unterminated string at offset ${start}`);
		this.offset = nul + 1;
		return this.buffer.toString('utf8', start, nul);
	}
}
