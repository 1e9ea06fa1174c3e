/**
 * Replication command packets (payloads, without the 4-byte packet header): COM_REGISTER_SLAVE, COM_BINLOG_DUMP and
 * COM_BINLOG_DUMP_GTID (MySQL and OceanBase's Binlog Service; MariaDB takes GTIDs through @slave_connect_state).
 */
import {encodeGtidSet as encodeGtidSetBinary, parseGtidSet} from './events/gtid-set.js';

export const Command = {REGISTER_SLAVE: 0x15, BINLOG_DUMP: 0x12, BINLOG_DUMP_GTID: 0x1e} as const;

/** BINLOG_DUMP_NON_BLOCK: the server sends EOF at the end of the binlog instead of waiting for more. */
export const DUMP_NON_BLOCK = 0x01;

export function registerReplicaPayload(serverId: number): Buffer {
	const payload = Buffer.alloc(18);
	payload[0] = Command.REGISTER_SLAVE;
	payload.writeUInt32LE(serverId, 1);
	// empty host, user and password (1-byte lengths), port 0, rank 0, master id 0
	return payload;
}

export function binlogDumpPayload(file: string, position: number, serverId: number, flags: number): Buffer {
	const name = Buffer.from(file, 'utf8');
	const payload = Buffer.alloc(11 + name.length);
	payload[0] = Command.BINLOG_DUMP;
	payload.writeUInt32LE(position, 1);
	payload.writeUInt16LE(flags, 5);
	payload.writeUInt32LE(serverId, 7);
	name.copy(payload, 11);
	return payload;
}

/**
 * Parses a MySQL GTID set (`uuid:1-5:7,uuid2:3`, with tags from MySQL 8.3: `uuid:1-5:blue:1-2`) into the block
 * COM_BINLOG_DUMP_GTID carries: in the tagged format only when the set has a tag, so older servers still read it.
 */
export function encodeGtidSet(set: string): Buffer {
	return encodeGtidSetBinary(parseGtidSet(set));
}

export function binlogDumpGtidPayload(gtidSet: string, serverId: number, flags: number, file = '', position = 4): Buffer {
	const name = Buffer.from(file, 'utf8');
	const sids = encodeGtidSet(gtidSet);
	const payload = Buffer.alloc(1 + 2 + 4 + 4 + name.length + 8 + 4 + sids.length);
	let at = 0;
	payload[at++] = Command.BINLOG_DUMP_GTID;
	at = payload.writeUInt16LE(flags | 0x04, at); // BINLOG_THROUGH_GTID
	at = payload.writeUInt32LE(serverId, at);
	at = payload.writeUInt32LE(name.length, at);
	at += name.copy(payload, at);
	at = payload.writeBigUInt64LE(BigInt(position), at);
	at = payload.writeUInt32LE(sids.length, at);
	sids.copy(payload, at);
	return payload;
}
