/**
 * GTID events. MySQL: GTID (33), ANONYMOUS_GTID (34), PREVIOUS_GTIDS (35), GTID_TAGGED (42, MySQL 8.3+). MariaDB:
 * GTID (162), which also opens a transaction (no BEGIN query follows), GTID_LIST (163).
 */
import type {ByteReader} from '../byte-reader.js';
import {decodeGtidSet, formatGtidSet, uuidText} from './gtid-set.js';
import {readMessage, readVarlenSigned, readVarlenUnsigned} from './serialization.js';

export type MysqlGtidEvent = {
	/** `uuid:gno`, `uuid:tag:gno` for a tagged GTID (as MySQL prints it), or null for an anonymous GTID. */
	readonly gtid: string | null;
	readonly lastCommitted: bigint | null;
	readonly sequenceNumber: bigint | null;
};

export function decodeMysqlGtid(reader: ByteReader, anonymous: boolean): MysqlGtidEvent {
	reader.skip(1); // flags (commit flag)
	const sid = uuidText(reader.bytes(16));
	const gno = reader.i64();
	let lastCommitted: bigint | null = null;
	let sequenceNumber: bigint | null = null;
	if (reader.remaining >= 17 && reader.u8() === 2) {
		lastCommitted = reader.i64();
		sequenceNumber = reader.i64();
	}
	return {gtid: anonymous ? null : `${sid}:${gno}`, lastCommitted, sequenceNumber};
}

/**
 * GTID_TAGGED_LOG_EVENT: the body is one serialization-framework message (serialization.ts) whose fields are, by id
 * (mysql-server libs/mysql/binlog/event/control_events.h, Gtid_event::define_fields): 0 flags, 1 the UUID as 16
 * variable-length bytes, 2 gno (signed), 3 tag (a string of up to 32 bytes), 4 last_committed, 5 sequence_number
 * (signed), 6 immediate and 7 original commit timestamps, 8 transaction length, 9 immediate and 10 original server
 * versions, 11 commit group ticket. Only 0-5 matter here; the later ones are read past.
 */
export function decodeTaggedGtid(reader: ByteReader): MysqlGtidEvent {
	const uuid = Buffer.alloc(16);
	let gno = 0n;
	let tag = '';
	let lastCommitted: bigint | null = null;
	let sequenceNumber: bigint | null = null;
	readMessage(reader, 12, (id) => {
		if (id === 1) for (let i = 0; i < 16; i++) uuid[i] = Number(readVarlenUnsigned(reader));
		else if (id === 2) gno = readVarlenSigned(reader);
		else if (id === 3) tag = reader.string(Number(readVarlenUnsigned(reader)));
		else if (id === 4) lastCommitted = readVarlenSigned(reader);
		else if (id === 5) sequenceNumber = readVarlenSigned(reader);
		else readVarlenUnsigned(reader); // 0 and 6-11: integers
	});
	const sid = uuidText(uuid);
	return {gtid: tag ? `${sid}:${tag}:${gno}` : `${sid}:${gno}`, lastCommitted, sequenceNumber};
}

/** PREVIOUS_GTIDS as GTID set text, `uuid:1-5:7-9,uuid2:1-3`, with tags (`uuid:1-5:blue:1-2`) from MySQL 8.3. */
export function decodePreviousGtids(reader: ByteReader): string {
	return formatGtidSet(decodeGtidSet(reader));
}

export type MariadbGtidEvent = {
	/** `domain-server-sequence`, MariaDB's GTID text. */
	readonly gtid: string;
	readonly domainId: number;
	readonly sequence: bigint;
	/** FL_STANDALONE: a DDL or non-transactional statement, no COMMIT follows. */
	readonly standalone: boolean;
	readonly commitId: bigint | null;
};

export function decodeMariadbGtid(reader: ByteReader, serverId: number): MariadbGtidEvent {
	const sequence = reader.u64();
	const domainId = reader.u32();
	const flags = reader.u8();
	const commitId = flags & 2 ? reader.u64() : null;
	return {gtid: `${domainId}-${serverId}-${sequence}`, domainId, sequence, standalone: (flags & 1) !== 0, commitId};
}

/** GTID_LIST: the last GTID of each replication domain before this file. */
export function decodeMariadbGtidList(reader: ByteReader): string[] {
	const count = reader.u32() & 0x0fffffff;
	const list: string[] = [];
	for (let i = 0; i < count; i++) {
		const domain = reader.u32();
		const server = reader.u32();
		list.push(`${domain}-${server}-${reader.u64()}`);
	}
	return list;
}
