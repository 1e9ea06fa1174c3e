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

/** An event of `size` bytes: a 19-byte header with its size, then a body of a repeated byte. */
function event(size: number, fill: number): Buffer {
	const bytes = Buffer.alloc(size, fill);
	bytes.writeUInt32LE(0, 0); // timestamp
	bytes[4] = 0x1e; // WRITE_ROWS_V2, not decoded here
	bytes.writeUInt32LE(size, 9);
	return bytes;
}

const sizes = [19, 100, 8_097, 300_000, 1_500_000, 40, 262_144, 262_125, 5_000_000, 19];
const events = sizes.map((size, i) => event(size, i + 1));
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
