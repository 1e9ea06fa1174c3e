/** Decodes a whole binlog file's bytes (as the test builders write them), event by event, as `obsync binlog inspect` does. */
import type {BinlogEvent} from '../../source/engine/binlog/binlog-event.js';
import {EventDecoder} from '../../source/engine/binlog/event-decoder.js';

export function decodeBinlogBytes(bytes: Buffer, file = 'mysql-bin.000001'): BinlogEvent[] {
	const decoder = new EventDecoder({file});
	const events: BinlogEvent[] = [];
	for (let at = 4; at < bytes.length; ) {
		const size = bytes.readUInt32LE(at + 9);
		events.push(decoder.decode(bytes.subarray(at, at + size), at));
		at += size;
	}
	return events;
}
