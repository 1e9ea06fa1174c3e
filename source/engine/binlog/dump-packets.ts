/**
 * Replication command packets (payloads, without the 4-byte packet header): COM_REGISTER_SLAVE, COM_BINLOG_DUMP and
 * COM_BINLOG_DUMP_GTID (MySQL and OceanBase's Binlog Service; MariaDB takes GTIDs through @slave_connect_state).
 */
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

/** Parses a MySQL GTID set (`uuid:1-5:7,uuid2:3`) into the SID block COM_BINLOG_DUMP_GTID carries. */
export function encodeGtidSet(set: string): Buffer {
	const sids = set
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [uuid, ...ranges] = part.split(':');
			const hex = (uuid ?? '').replaceAll('-', '');
			if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`invalid GTID set: "${part}" does not start with a server UUID`);
			const intervals = ranges.map((range) => {
				const [start, end] = range.split('-');
				const from = BigInt(start ?? '');
				return [from, (end === undefined ? from : BigInt(end)) + 1n] as const; // stored half-open
			});
			return {hex, intervals};
		});
	const size = 8 + sids.reduce((total, sid) => total + 16 + 8 + sid.intervals.length * 16, 0);
	const block = Buffer.alloc(size);
	let at = block.writeBigUInt64LE(BigInt(sids.length), 0);
	for (const sid of sids) {
		at += Buffer.from(sid.hex, 'hex').copy(block, at);
		at = block.writeBigUInt64LE(BigInt(sid.intervals.length), at);
		for (const [start, end] of sid.intervals) {
			at = block.writeBigInt64LE(start, at);
			at = block.writeBigInt64LE(end, at);
		}
	}
	return block;
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
