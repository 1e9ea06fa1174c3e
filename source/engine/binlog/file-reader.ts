/**
 * Reads the events of a binlog file in order, streaming: memory stays at one read chunk plus the largest event,
 * whatever the file's size. A file that ends inside an event is reported as truncated, with where.
 */
import {open} from 'node:fs/promises';
import {DecodeError} from '../errors.js';
import {HEADER_LENGTH} from './header.js';

export const BINLOG_MAGIC = Buffer.from([0xfe, 0x62, 0x69, 0x6e]);

export type RawEvent = {readonly bytes: Buffer; readonly pos: number};

/** Yields each whole event (header to checksum) with its start offset. */
export async function* readBinlogFile(path: string, options: {chunkSize?: number; signal?: AbortSignal} = {}): AsyncGenerator<RawEvent> {
	const chunkSize = options.chunkSize ?? 4 * 1024 * 1024;
	const handle = await open(path, 'r');
	try {
		let buffer = Buffer.alloc(0);
		let bufferStart = 0; // file offset of buffer[0]
		let fileOffset = 0;
		let ended = false;
		const fill = async (needed: number) => {
			// Ensures buffer holds `needed` bytes from its start, unless the file ends first.
			while (buffer.length < needed && !ended) {
				const chunk = Buffer.allocUnsafe(Math.max(chunkSize, needed - buffer.length));
				const {bytesRead} = await handle.read(chunk, 0, chunk.length, fileOffset);
				if (bytesRead === 0) ended = true;
				fileOffset += bytesRead;
				buffer = buffer.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([buffer, chunk.subarray(0, bytesRead)]);
			}
		};
		await fill(4);
		if (buffer.length < 4 || !buffer.subarray(0, 4).equals(BINLOG_MAGIC)) {
			throw new DecodeError(
				'not a binlog file: it does not start with the binlog magic bytes fe 62 69 6e',
				{file: path, pos: 0},
				{
					hint: 'give obsync a binary log file (e.g. mysql-bin.000001), not a text dump',
				},
			);
		}
		buffer = buffer.subarray(4);
		bufferStart = 4;
		for (;;) {
			options.signal?.throwIfAborted();
			await fill(HEADER_LENGTH);
			if (buffer.length === 0) return;
			if (buffer.length < HEADER_LENGTH) {
				throw new DecodeError(`truncated binlog: the file ends ${buffer.length} byte(s) into an event header`, {
					file: path,
					pos: bufferStart,
				});
			}
			const size = buffer.readUInt32LE(9);
			if (size < HEADER_LENGTH) {
				throw new DecodeError(`corrupt event header: event size ${size} is smaller than the header`, {
					file: path,
					pos: bufferStart,
					eventType: buffer[4],
				});
			}
			await fill(size);
			if (buffer.length < size) {
				throw new DecodeError(`truncated binlog: the event says ${size} bytes but the file ends after ${buffer.length}`, {
					file: path,
					pos: bufferStart,
					eventType: buffer[4],
				});
			}
			yield {bytes: buffer.subarray(0, size), pos: bufferStart};
			buffer = buffer.subarray(size);
			bufferStart += size;
		}
	} finally {
		await handle.close();
	}
}
