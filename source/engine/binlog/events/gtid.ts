/**
 * GTID events. MySQL: GTID (33), ANONYMOUS_GTID (34), PREVIOUS_GTIDS (35). MariaDB: GTID (162), which also
 * opens a transaction (no BEGIN query follows), GTID_LIST (163).
 */
import type {ByteReader} from '../byte-reader.js';

export type MysqlGtidEvent = {
	/** `uuid:gno`, or null for an anonymous GTID. */
	readonly gtid: string | null;
	readonly lastCommitted: bigint | null;
	readonly sequenceNumber: bigint | null;
};

function uuid(bytes: Buffer): string {
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function decodeMysqlGtid(reader: ByteReader, anonymous: boolean): MysqlGtidEvent {
	reader.skip(1); // flags (commit flag)
	const sid = uuid(reader.bytes(16));
	const gno = reader.i64();
	let lastCommitted: bigint | null = null;
	let sequenceNumber: bigint | null = null;
	if (reader.remaining >= 17 && reader.u8() === 2) {
		lastCommitted = reader.i64();
		sequenceNumber = reader.i64();
	}
	return {gtid: anonymous ? null : `${sid}:${gno}`, lastCommitted, sequenceNumber};
}

/** PREVIOUS_GTIDS as a GTID set text: `uuid:1-5:7-9,uuid2:1-3`. */
export function decodePreviousGtids(reader: ByteReader): string {
	const sids = Number(reader.u64());
	const parts: string[] = [];
	for (let i = 0; i < sids; i++) {
		const sid = uuid(reader.bytes(16));
		const intervals = Number(reader.u64());
		const ranges: string[] = [];
		for (let j = 0; j < intervals; j++) {
			const start = reader.i64();
			const end = reader.i64() - 1n; // stored half-open
			ranges.push(start === end ? `${start}` : `${start}-${end}`);
		}
		parts.push([sid, ...ranges].join(':'));
	}
	return parts.join(',');
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
