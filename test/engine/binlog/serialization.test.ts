/**
 * The MySQL serialization framework's integers and messages (GTID_TAGGED events, tagged GTID sets). The byte
 * examples are the ones in mysql-server libs/mysql/serialization/readme.md, "Variable-length integers".
 */
import {describe, expect, it} from 'vitest';
import {ByteReader} from '../../../source/engine/binlog/byte-reader.js';
import {
	readMessage,
	readVarlenSigned,
	readVarlenUnsigned,
	UnknownFieldError,
	writeVarlenSigned,
	writeVarlenUnsigned,
} from '../../../source/engine/binlog/events/serialization.js';
import {serializableMessage, varlen} from '../../helpers/mysql-binlog-builder.js';

const read = (bytes: number[], signed = false) => {
	const reader = new ByteReader(Buffer.from(bytes));
	const value = signed ? readVarlenSigned(reader) : readVarlenUnsigned(reader);
	return {value, used: reader.offset};
};

describe('variable-length integers', () => {
	it('reads the readme examples: 65535 unsigned, and 65535, -65535 and -65536 signed, each in 3 bytes', () => {
		// The readme writes them big-endian: "00000111 11111111 11111011" is the bytes fb ff 07.
		expect(read([0xfb, 0xff, 0x07])).toEqual({value: 65535n, used: 3});
		expect(read([0xf3, 0xff, 0x0f], true)).toEqual({value: 65535n, used: 3});
		expect(read([0xeb, 0xff, 0x0f], true)).toEqual({value: -65535n, used: 3});
		expect(read([0xfb, 0xff, 0x0f], true)).toEqual({value: -65536n, used: 3});
	});

	it('round-trips values of every byte count from 1 to 9, the largest 64-bit values included', () => {
		const values = [0n, 1n, 127n, 128n, 16383n, 16384n, 2n ** 56n - 1n, 2n ** 56n, 2n ** 63n, 2n ** 64n - 1n];
		for (const value of values) {
			const bytes = writeVarlenUnsigned(value);
			expect(bytes).toEqual(varlen(value));
			expect(readVarlenUnsigned(new ByteReader(bytes))).toBe(value);
		}
		expect(varlen(2n ** 64n - 1n)).toHaveLength(9);
		for (const value of [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, -65536n]) {
			expect(readVarlenSigned(new ByteReader(writeVarlenSigned(value)))).toBe(value);
		}
	});
});

describe('serialization messages', () => {
	it('reads the fields it knows and skips later ones it does not, to the end the message gives', () => {
		const fields = Buffer.concat([varlen(0), varlen(5), varlen(1), varlen(300), varlen(7), varlen(9)]);
		const message = Buffer.concat([serializableMessage(fields, 2), Buffer.from([0xaa])]);
		const reader = new ByteReader(message);
		const seen: Array<[number, bigint]> = [];
		readMessage(reader, 2, (id) => seen.push([id, readVarlenUnsigned(reader)]));
		expect(seen).toEqual([
			[0, 5n],
			[1, 300n],
		]);
		expect(reader.offset).toBe(message.length - 1);
	});

	it('refuses a message whose last non-ignorable field is one it does not know, as a newer format', () => {
		const message = serializableMessage(Buffer.concat([varlen(0), varlen(5), varlen(3), varlen(1)]), 4);
		const reader = new ByteReader(message);
		expect(() => readMessage(reader, 2, () => readVarlenUnsigned(reader))).toThrow(UnknownFieldError);
	});
});
