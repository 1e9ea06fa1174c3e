/**
 * readBinlogFile cuts a file into whole events whatever the chunk size: events that straddle chunks, events many
 * chunks long, and a file that ends inside an event (reported with where).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {BINLOG_MAGIC, readBinlogFile} from '../../../source/engine/binlog/file-reader.js';
import {DecodeError} from '../../../source/engine/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-file-reader-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

/**
 * An event of `size` bytes: a 19-byte header with its size and no next position (0, as in artificial events), then a
 * body of a repeated byte. The first is a FORMAT_DESCRIPTION, as in every binlog; the others WRITE_ROWS_V2. Neither
 * is decoded here.
 */
function event(size: number, fill: number, type = 0x1e): Buffer {
	const bytes = Buffer.alloc(size, fill);
	bytes.writeUInt32LE(0, 0); // timestamp
	bytes[4] = type;
	bytes.writeUInt32LE(size, 9);
	bytes.writeUInt32LE(0, 13);
	return bytes;
}

const sizes = [19, 100, 8_097, 300_000, 1_500_000, 40, 262_144, 262_125, 5_000_000, 19];
const events = sizes.map((size, i) => event(size, i + 1, i === 0 ? 0x0f : 0x1e));
const whole = Buffer.concat([BINLOG_MAGIC, ...events]);
const file = path.join(dir, 'events.bin');
fs.writeFileSync(file, whole);

async function read(name: string, chunkSize?: number): Promise<Array<{pos: number; size: number; fill: number}>> {
	const found: Array<{pos: number; size: number; fill: number}> = [];
	for await (const raw of readBinlogFile(name, chunkSize === undefined ? {} : {chunkSize})) {
		found.push({pos: raw.pos, size: raw.bytes.length, fill: raw.bytes[raw.bytes.length - 1]!});
	}
	return found;
}

describe('readBinlogFile', () => {
	const expected = events.map((bytes, i) => ({
		pos: 4 + sizes.slice(0, i).reduce((a, b) => a + b, 0),
		size: bytes.length,
		fill: i + 1,
	}));

	it.each([undefined, 1_000, 4096, 65_536, 1_000_000])(
		'yields every event whole, at its offset, with chunks of %s bytes',
		async (chunkSize) => {
			expect(await read(file, chunkSize)).toEqual(expected);
		},
	);

	it('keeps the bytes of an event that spans many chunks in order', async () => {
		let large: Buffer | undefined;
		for await (const raw of readBinlogFile(file, {chunkSize: 4096})) {
			if (raw.bytes.length === 5_000_000) large = Buffer.from(raw.bytes);
		}
		expect(large?.equals(events[8]!)).toBe(true);
	});

	it('reports a file that ends inside a large event, with the event offset', async () => {
		const truncated = path.join(dir, 'truncated.bin');
		const cut = 4 + sizes.slice(0, 8).reduce((a, b) => a + b, 0) + 3_000_000;
		fs.writeFileSync(truncated, whole.subarray(0, cut));
		const error = await read(truncated, 4096).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DecodeError);
		expect((error as DecodeError).message).toMatch(
			/^truncated binlog: the event says 5000000 bytes but the file ends after 3000000 \(at file /,
		);
		expect((error as DecodeError).location).toMatchObject({file: truncated, pos: cut - 3_000_000});
	});

	it('reports a file that ends inside an event header', async () => {
		const truncated = path.join(dir, 'header.bin');
		fs.writeFileSync(truncated, whole.subarray(0, 4 + 19 + 10));
		await expect(read(truncated, 7)).rejects.toThrow('truncated binlog: the file ends 10 byte(s) into an event header');
	});
});

/** Deterministic "random" bytes (mulberry32), so that a failure can be reproduced. */
function randomBytes(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	let state = seed >>> 0;
	for (let i = 0; i < length; i++) {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
	}
	return bytes;
}

describe('readBinlogFile on bytes that are not a binlog', () => {
	it('says random bytes after the magic are not a binlog or corrupt at an offset, never "truncated", for 200 files', async () => {
		for (let seed = 1; seed <= 200; seed++) {
			const name = path.join(dir, `random-${seed}.bin`);
			fs.writeFileSync(name, Buffer.concat([BINLOG_MAGIC, randomBytes(64 * 1024, seed)]));
			const error = await read(name).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(DecodeError);
			expect((error as DecodeError).message).toMatch(/^not a binlog, or corrupt at offset \d+: /);
			expect((error as DecodeError).hint).toBe(
				'the file is not a binlog, or is damaged from that offset on (the events before it were read): copy it again from the server, or read the changes through replication',
			);
		}
	});

	it('names the offset and what is wrong with the header there', async () => {
		const name = path.join(dir, 'random-first.bin');
		fs.writeFileSync(name, Buffer.concat([BINLOG_MAGIC, randomBytes(1000, 7)]));
		const type = randomBytes(1000, 7)[4]!;
		const error = (await read(name).catch((caught: unknown) => caught)) as DecodeError;
		expect(error.message).toBe(
			`not a binlog, or corrupt at offset 4: a binlog starts with a FORMAT_DESCRIPTION event, but the event header there says type ${type} (at file ${name}, position 4, event type ${type})`,
		);
		// Past the first event: a size over 1 GiB, a type no server writes, a size smaller than the header.
		const header = (type: number, size: number) => {
			const bytes = Buffer.alloc(19);
			bytes[4] = type;
			bytes.writeUInt32LE(size, 9);
			return Buffer.concat([bytes, Buffer.alloc(100)]);
		};
		const cases: Array<[Buffer, string]> = [
			[header(2, 3_000_000_000), 'the event header there gives a size of 3000000000 bytes, over the 1 GiB any server writes'],
			[header(99, 119), 'the event header there says event type 99, which no server writes'],
			[header(2, 12), "the event header there gives a size of 12 bytes, less than the header's 19"],
		];
		for (const [bytes, why] of cases) {
			const corrupt = path.join(dir, 'corrupt-later.bin');
			fs.writeFileSync(corrupt, Buffer.concat([BINLOG_MAGIC, events[0]!, events[1]!, bytes]));
			const later = (await read(corrupt).catch((caught: unknown) => caught)) as DecodeError;
			expect(later.message).toBe(
				`not a binlog, or corrupt at offset 123: ${why} (at file ${corrupt}, position 123, event type ${bytes[4]})`,
			);
		}
	});
});
