/**
 * Reads the events of a binlog file in order, streaming: the next chunk is read while the current one is decoded,
 * and memory stays at a few chunks plus the largest event, whatever the file's size. A file that ends inside an
 * event is reported as truncated, with where.
 */
import {createReadStream} from 'node:fs';
import {DecodeError} from '../errors.js';
import {HEADER_LENGTH} from './header.js';

export const BINLOG_MAGIC = Buffer.from([0xfe, 0x62, 0x69, 0x6e]);

export type RawEvent = {readonly bytes: Buffer; readonly pos: number};

/** Yields each whole event (header to checksum) with its start offset. */
export async function* readBinlogFile(path: string, options: {chunkSize?: number; signal?: AbortSignal} = {}): AsyncGenerator<RawEvent> {
	const stream = createReadStream(path, {highWaterMark: options.chunkSize ?? 4 * 1024 * 1024, signal: options.signal});
	let pending: Buffer = Buffer.alloc(0); // bytes not yet yielded
	let pendingStart = 0; // file offset of pending[0]
	let checkedMagic = false;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		if (!checkedMagic) {
			if (pending.length < 4) continue;
			if (!pending.subarray(0, 4).equals(BINLOG_MAGIC)) throw notABinlog(path);
			checkedMagic = true;
			pending = pending.subarray(4);
			pendingStart = 4;
		}
		let at = 0;
		while (pending.length - at >= HEADER_LENGTH) {
			const size = pending.readUInt32LE(at + 9);
			if (size < HEADER_LENGTH) {
				throw new DecodeError(`corrupt event header: event size ${size} is smaller than the header`, {
					file: path,
					pos: pendingStart + at,
					eventType: pending[at + 4],
				});
			}
			if (pending.length - at < size) break;
			yield {bytes: pending.subarray(at, at + size), pos: pendingStart + at};
			at += size;
		}
		// Keep only the incomplete tail; it is copied once when the next chunk arrives.
		pending = pending.subarray(at);
		pendingStart += at;
	}
	if (!checkedMagic) throw notABinlog(path);
	if (pending.length > 0) {
		const message =
			pending.length < HEADER_LENGTH
				? `truncated binlog: the file ends ${pending.length} byte(s) into an event header`
				: `truncated binlog: the event says ${pending.readUInt32LE(9)} bytes but the file ends after ${pending.length}`;
		throw new DecodeError(message, {file: path, pos: pendingStart, eventType: pending.length > 4 ? pending[4] : undefined});
	}
}

function notABinlog(path: string): DecodeError {
	return new DecodeError(
		'not a binlog file: it does not start with the binlog magic bytes fe 62 69 6e',
		{file: path, pos: 0},
		{
			hint: 'give obsync a binary log file (e.g. mysql-bin.000001), not a text dump',
		},
	);
}
