/**
 * Reads the events of a binlog file in order, streaming: the next chunk is read while the current one is decoded,
 * and memory stays at a few chunks plus the largest event, whatever the file's size. A file that ends inside an
 * event is reported as truncated, with where; an event header that cannot be right (its size, its type, the first
 * event not a FORMAT_DESCRIPTION) as not a binlog or corrupt at its offset.
 */
import {createReadStream} from 'node:fs';
import {DecodeError} from '../errors.js';
import {EventType, eventTypeName} from './event-types.js';
import {HEADER_LENGTH, IGNORABLE_FLAG} from './header.js';

export const BINLOG_MAGIC = Buffer.from([0xfe, 0x62, 0x69, 0x6e]);

export type RawEvent = {readonly bytes: Buffer; readonly pos: number};

/**
 * Yields each whole event (header to checksum) with its start offset. Small chunks (256 KiB) measured fastest and
 * keep peak RSS lowest: the decoded rows hold views into their chunk, so fewer bytes are kept alive between
 * collections. An event larger than a chunk is gathered and copied once, not once per chunk.
 */
export async function* readBinlogFile(path: string, options: {chunkSize?: number; signal?: AbortSignal} = {}): AsyncGenerator<RawEvent> {
	const stream = createReadStream(path, {highWaterMark: options.chunkSize ?? 256 * 1024, signal: options.signal});
	let pending: Buffer = Buffer.alloc(0); // bytes not yet yielded
	let pendingStart = 0; // file offset of pending[0]
	let checkedMagic = false;
	const gathered: Buffer[] = []; // chunks of an event larger than what pending holds, not yet joined
	let missing = 0; // bytes the incomplete event at pending[0] still lacks, when its header is there
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		if (missing > chunk.length) {
			gathered.push(chunk);
			missing -= chunk.length;
			continue;
		}
		pending = pending.length === 0 && gathered.length === 0 ? chunk : Buffer.concat([pending, ...gathered, chunk]);
		gathered.length = 0;
		missing = 0;
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
			const wrong = headerProblem(pending, at, pendingStart + at === 4);
			if (wrong) throw corruptAt(path, pendingStart + at, pending[at + 4]!, wrong);
			if (pending.length - at < size) {
				missing = size - (pending.length - at);
				break;
			}
			yield {bytes: pending.subarray(at, at + size), pos: pendingStart + at};
			at += size;
		}
		// Keep only the incomplete tail; it is copied once when the event is complete.
		pending = pending.subarray(at);
		pendingStart += at;
	}
	if (gathered.length > 0) pending = Buffer.concat([pending, ...gathered]);
	if (!checkedMagic) throw notABinlog(path);
	if (pending.length > 0) {
		// A file cut short ends inside an event whose header is right. One whose header says where the next event
		// starts, and gets it wrong, is not a binlog event: the bytes are corrupt (or not a binlog at all).
		if (pending.length >= HEADER_LENGTH) {
			const size = pending.readUInt32LE(9);
			const next = pending.readUInt32LE(13);
			const end = (pendingStart + size) % 2 ** 32; // log_pos is 32 bits
			if (next !== 0 && next !== end) {
				throw corruptAt(
					path,
					pendingStart,
					pending[4]!,
					`the event header there gives a size of ${size} bytes but says the next event starts at ${next}, not ${end}`,
				);
			}
		}
		const message =
			pending.length < HEADER_LENGTH
				? `truncated binlog: the file ends ${pending.length} byte(s) into an event header`
				: `truncated binlog: the event says ${pending.readUInt32LE(9)} bytes but the file ends after ${pending.length}`;
		throw new DecodeError(
			message,
			{file: path, pos: pendingStart, eventType: pending.length > 4 ? pending[4] : undefined},
			{hint: 'the file ends in the middle of an event (copied while it was being written, or cut short): copy it again, whole'},
		);
	}
}

/** No server writes a larger event: max_allowed_packet is at most 1 GiB. */
const MAX_EVENT_SIZE = 2 ** 30;

/**
 * What cannot be right about the event header at `at`, if anything: a size smaller than the header or larger than any
 * server writes, a type no server defines and not marked ignorable (room is left for new ones: 1–63 and MariaDB's
 * 160–223), or, as the first
 * event, anything but FORMAT_DESCRIPTION (binlog v4) or START_EVENT_V3 (v3), which every binlog starts with.
 */
function headerProblem(bytes: Buffer, at: number, first: boolean): string | undefined {
	const size = bytes.readUInt32LE(at + 9);
	const type = bytes[at + 4]!;
	if (first && type !== EventType.FORMAT_DESCRIPTION && type !== EventType.START_V3) {
		return `a binlog starts with a FORMAT_DESCRIPTION event, but the event header there says ${eventTypeName(type)}`;
	}
	if (size < HEADER_LENGTH) return `the event header there gives a size of ${size} bytes, less than the header's ${HEADER_LENGTH}`;
	if (size > MAX_EVENT_SIZE) return `the event header there gives a size of ${size} bytes, over the 1 GiB any server writes`;
	// LOG_EVENT_IGNORABLE_F: any type may carry it (Aurora MySQL writes padding as type 100), and a reader skips it.
	const ignorable = (bytes.readUInt16LE(at + 17) & IGNORABLE_FLAG) !== 0;
	if (!ignorable && !((type >= 1 && type <= 63) || (type >= 160 && type <= 223)))
		return `the event header there says event type ${type}, which no server writes`;
	return undefined;
}

function corruptAt(path: string, pos: number, eventType: number, why: string): DecodeError {
	return new DecodeError(
		`not a binlog, or corrupt at offset ${pos}: ${why}`,
		{file: path, pos, eventType},
		{
			hint: 'the file is not a binlog, or is damaged from that offset on (the events before it were read): copy it again from the server, or read the changes through replication',
		},
	);
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
