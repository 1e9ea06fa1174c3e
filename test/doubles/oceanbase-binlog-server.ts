/**
 * A stand-in for OceanBase's Binlog Service (obbinlog) on its direct port, built on mysql2.createServer(), serving an
 * OceanBase-shaped stream (oceanbase-shape.ts) with the quirks documented in shared/reference/oceanbase-source.md §1:
 * - handshake version 5.7.35-obs, any credentials accepted (authentication is ODP's job);
 * - unsupported or unparsable SQL answered with OK, not an error (SET, SELECT VERSION(), ...);
 * - no binlog_format / binlog_row_image / binlog_checksum variables (ERR 1193);
 * - the artificial ROTATE carries a checksum only when @master_binlog_checksum was set to the literal 'CRC32';
 * - heartbeats (27) while idle whose timestamp is the last event's, not 0;
 * - COM_REGISTER_SLAVE always OK; COM_BINLOG_DUMP and COM_BINLOG_DUMP_GTID served; BINLOG_DUMP_NON_BLOCK honoured.
 * A test double only: OceanBase itself cannot be installed on the build machines.
 */
import type {AddressInfo} from 'node:net';
import mysql from 'mysql2';
import {crc32} from '../../source/engine/binlog/checksum.js';
import {EventType} from '../../source/engine/binlog/event-types.js';
import {OB_SERVER_ID, OB_SERVER_UUID, type OceanBaseStream} from './oceanbase-shape.js';

type ServerConnection = mysql.Connection & {
	serverHandshake(args: object): void;
	writeOk(args?: object): void;
	writeError(args: {code: number; message: string}): void;
	writeColumns(columns: object[]): void;
	writeTextRow(values: unknown[]): void;
	writeEof(): void;
	write(buffer: Buffer): void;
	sequenceId: number;
	_bumpSequenceId(count: number): void;
	stream: import('node:net').Socket;
};

export type ReplayServer = {
	readonly port: number;
	/** Every statement the clients sent, for assertions. */
	readonly statements: string[];
	close(): Promise<void>;
};

const column = (name: string) => ({
	catalog: 'def',
	schema: '',
	table: '',
	orgTable: '',
	name,
	orgName: name,
	characterSet: 33,
	columnLength: 255,
	columnType: 253,
	flags: 0,
	decimals: 0,
});

function writeRows(conn: ServerConnection, names: string[], rows: unknown[][]): void {
	conn.writeColumns(names.map(column));
	for (const row of rows) conn.writeTextRow(row.map((value) => (value === null ? null : String(value))));
	conn.writeEof();
}

/** A raw packet: header with the connection's sequence id, then the payload. */
function writePacket(conn: ServerConnection, payload: Buffer): void {
	const header = Buffer.alloc(4);
	header.writeUIntLE(payload.length, 0, 3);
	header[3] = conn.sequenceId;
	conn._bumpSequenceId(1);
	conn.write(Buffer.concat([header, payload]));
}

const sendEvent = (conn: ServerConnection, event: Buffer) => writePacket(conn, Buffer.concat([Buffer.from([0]), event]));

function rawEvent(type: number, timestamp: number, body: Buffer, nextPosition: number, flags: number, checksum: boolean): Buffer {
	const size = 19 + body.length + (checksum ? 4 : 0);
	const bytes = Buffer.alloc(size);
	bytes.writeUInt32LE(timestamp, 0);
	bytes[4] = type;
	bytes.writeUInt32LE(OB_SERVER_ID, 5);
	bytes.writeUInt32LE(size, 9);
	bytes.writeUInt32LE(nextPosition, 13);
	bytes.writeUInt16LE(flags, 17);
	body.copy(bytes, 19);
	if (checksum) bytes.writeUInt32LE(crc32(bytes.subarray(0, size - 4)), size - 4);
	return bytes;
}

/** The highest GNO of OceanBase's server UUID in a GTID set sent with COM_BINLOG_DUMP_GTID. */
function executedGno(payload: Buffer): number {
	let at = 1 + 2 + 4;
	const nameLength = payload.readUInt32LE(at);
	at += 4 + nameLength + 8 + 4;
	const sids = Number(payload.readBigUInt64LE(at));
	at += 8;
	let gno = 0;
	for (let i = 0; i < sids; i++) {
		const uuid = payload.subarray(at, at + 16).toString('hex');
		at += 16;
		const intervals = Number(payload.readBigUInt64LE(at));
		at += 8;
		for (let j = 0; j < intervals; j++) {
			const end = Number(payload.readBigInt64LE(at + 8)) - 1;
			if (uuid === OB_SERVER_UUID.replaceAll('-', '')) gno = Math.max(gno, end);
			at += 16;
		}
	}
	return gno;
}

export async function startOceanBaseReplay(stream: OceanBaseStream, options: {heartbeatMs?: number} = {}): Promise<ReplayServer> {
	const statements: string[] = [];
	const endPosition = stream.events.at(-1)!.pos + stream.events.at(-1)!.bytes.length;
	const lastTimestamp = stream.events.at(-1)!.timestamp;
	const server = (mysql.createServer as unknown as () => unknown)() as {
		on(event: 'connection', listener: (connection: unknown) => void): void;
		listen(port: number, host: string, callback: () => void): void;
		close(callback: () => void): void;
		_server: {address(): AddressInfo};
	};
	const sockets = new Set<import('node:net').Socket>();
	let connectionId = 1;
	server.on('connection', (raw) => {
		const conn = raw as unknown as ServerConnection;
		sockets.add(conn.stream);
		conn.stream.on('close', () => sockets.delete(conn.stream));
		let literalCrc = false;
		let timer: NodeJS.Timeout | undefined;
		conn.stream.on('close', () => clearInterval(timer));
		// Clients hang up mid-stream (that is how a dump ends); the server side just stops.
		(conn as unknown as import('node:events').EventEmitter).on('error', () => clearInterval(timer));
		conn.serverHandshake({
			protocolVersion: 10,
			serverVersion: '5.7.35-obs',
			connectionId: connectionId++,
			statusFlags: 2,
			characterSet: 33,
			capabilityFlags: 0xffffff & ~0x800, // no SSL
			authCallback: (_params: unknown, done: (error: null) => void) => done(null),
		});
		const answer = (sql: string) => {
			statements.push(sql);
			if (/^\s*SET\b/i.test(sql)) {
				if (/@master_binlog_checksum\s*=\s*'CRC32'/i.test(sql)) literalCrc = true;
				conn.writeOk();
			} else if (/^\s*SHOW\s+MASTER\s+STATUS/i.test(sql)) {
				writeRows(
					conn,
					['File', 'Position', 'Binlog_Do_DB', 'Binlog_Ignore_DB', 'Executed_Gtid_Set'],
					[[stream.file, endPosition, '', '', `${OB_SERVER_UUID}:1-${stream.lastGno}`]],
				);
			} else if (/^\s*SHOW\s+BINARY\s+LOGS/i.test(sql)) {
				writeRows(conn, ['Log_name', 'File_size'], [[stream.file, endPosition]]);
			} else if (/^\s*SELECT\s+@@(global\.|session\.)?binlog_/i.test(sql)) {
				const name = /@@(?:global\.|session\.)?(binlog_\w+)/i.exec(sql)![1];
				conn.writeError({code: 1193, message: `Unknown system variable '${name}'`});
			} else {
				conn.writeOk(); // the quirk: anything else, understood or not, is OK
			}
		};
		conn.on('query', answer);
		conn.on('stmt_prepare', answer);
		conn.on('packet', (packet: {buffer: Buffer; start: number; end: number}, _known: boolean, code: number) => {
			const payload = packet.buffer.subarray(packet.start + 4, packet.end);
			if (code === 0x15) return conn.writeOk();
			if (code !== 0x12 && code !== 0x1e) return;
			let position: number;
			let flags: number;
			if (code === 0x12) {
				position = payload.readUInt32LE(1);
				flags = payload.readUInt16LE(5);
				const file = payload.subarray(11).toString('utf8');
				if (file !== stream.file || position < 4) {
					return conn.writeError({code: 1236, message: `failed to open binlog file ${file}`});
				}
			} else {
				flags = payload.readUInt16LE(1);
				const done = executedGno(payload);
				// Start at the first GTID event beyond the executed set.
				let gno = 0;
				const firstNew = stream.events.find((event) => event.type === EventType.GTID && ++gno > done);
				position = firstNew?.pos ?? endPosition;
			}
			const fileName = Buffer.from(stream.file);
			const rotateBody = Buffer.alloc(8 + fileName.length);
			rotateBody.writeBigUInt64LE(BigInt(position), 0);
			fileName.copy(rotateBody, 8);
			sendEvent(conn, rawEvent(EventType.ROTATE, 0, rotateBody, 0, 0x20, literalCrc));
			const [fde] = stream.events;
			sendEvent(conn, fde!.bytes);
			for (const event of stream.events)
				if (event.pos >= position && event.type !== EventType.FORMAT_DESCRIPTION) sendEvent(conn, event.bytes);
			if (flags & 1) {
				writePacket(conn, Buffer.from([0xfe, 0, 0, 2, 0]));
				return;
			}
			timer = setInterval(() => {
				sendEvent(conn, rawEvent(EventType.HEARTBEAT, lastTimestamp, fileName, endPosition, 0, true));
			}, options.heartbeatMs ?? 1000);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = server._server.address().port;
	return {
		port,
		statements,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
