/**
 * HEARTBEAT_LOG_EVENT_V2 (41, MySQL 8.0.26+): (field, length, value) triples, the field one byte and the length a
 * length-encoded integer; 1 is the binlog file name, 2 the position (mysql-server control_events.h Heartbeat_event_v2).
 */
import {ByteReader} from '../byte-reader.js';

export function decodeHeartbeatV2(reader: ByteReader): {file: string; position: number | null} {
	let file = '';
	let position: number | null = null;
	while (reader.remaining > 0) {
		const field = reader.u8();
		if (field === 0) break;
		const value = new ByteReader(reader.bytes(reader.packedInt()));
		if (field === 1) file = value.rest().toString('utf8');
		else if (field === 2) position = value.packedInt();
	}
	return {file, position};
}
