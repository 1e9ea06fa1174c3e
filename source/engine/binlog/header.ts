/** The common event header: 19 bytes in binlog v3 and v4 (MySQL >= 4.0, every MariaDB). */
import type {ByteReader} from './byte-reader.js';

export const HEADER_LENGTH = 19;
/** LOG_EVENT_ARTIFICIAL_F: set on the fake ROTATE a server sends first in a dump. */
export const ARTIFICIAL_FLAG = 0x20;
/** LOG_EVENT_IGNORABLE_F: a reader that does not know the event type may skip it (mysql-server binlog_event.h). */
export const IGNORABLE_FLAG = 0x80;

export type EventHeader = {
	/** Seconds since the epoch when the statement began (UTC). */
	readonly timestamp: number;
	readonly type: number;
	readonly serverId: number;
	/** Length of the whole event: header, body and checksum. */
	readonly eventSize: number;
	/** Offset of the next event in the file (0 for artificial events and some relay-log events). */
	readonly nextPosition: number;
	readonly flags: number;
};

export function readHeader(reader: ByteReader): EventHeader {
	return {
		timestamp: reader.u32(),
		type: reader.u8(),
		serverId: reader.u32(),
		eventSize: reader.u32(),
		nextPosition: reader.u32(),
		flags: reader.u16(),
	};
}
