/**
 * A stand-in for OceanBase's Binlog Service (obbinlog) on its direct port, built on mysql2.createServer(), serving an
 * OceanBase-shaped stream (oceanbase-shape.ts) with the quirks documented in shared/reference/oceanbase-source.md §1:
 * - handshake version 5.7.35-obs, any credentials accepted (authentication is ODP's job);
 * - unsupported or unparsable SQL answered with OK, not an error (SET, SELECT VERSION(), ...);
 * - system variables from a static table without binlog_format / binlog_row_image / binlog_checksum: `SELECT @@name`
 *   (only the first select item counts) and `SHOW [GLOBAL] VARIABLES [LIKE 'name']` answer with a result set, or for
 *   an unknown name with the column definitions and then ERR 1236 "Unknown system variable name" (oblogproxy's
 *   SelectProcessor / ShowVarProcessor, src/binlog/sys_var.h);
 * - the artificial ROTATE carries a checksum when @master_binlog_checksum was never set (obbinlog's own binlog_checksum
 *   setting decides then; its default is on) or was set to the literal 'CRC32' (any case), and none when it was set to
 *   anything else, `@@global.binlog_checksum` included: that sets the text "binlog_checksum", not CRC32
 *   (BinlogDumper::init_binlog_checksum, Expr::get_value);
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

/** A few rows of oblogproxy's static variable table (src/binlog/sys_var.h, v2.0.x); binlog_* are not in it. */
const SYSTEM_VARIABLES: Readonly<Record<string, string>> = {
	autocommit: 'ON',
	character_set_client: 'utf8mb4',
	character_set_server: 'utf8mb4',
	enforce_gtid_consistency: 'OFF',
	gtid_mode: 'ON',
	log_bin: 'OFF',
	max_binlog_size: '1073741824',
	server_id: '0',
	server_uuid: '',
	version: '8.0.23',
	version_comment: 'MySQL Community Server - GPL',
};

const UNKNOWN_VARIABLE = 1236; // BINLOG_FATAL_ERROR, oblogproxy's code for every SQL error

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
		/** What SET put in @master_binlog_checksum (a variable is stored by its name), if anything. */
		let checksumSetting: string | undefined;
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
			authCallback: (_params: unknown, done: (error: null) => void) => {
				done(null);
				conn.sequenceId = 0; // the first command after the handshake starts a new sequence
			},
		});
		// Every command starts a new sequence: its answer's packets are numbered from 1 (mysql2's server side keeps
		// counting across commands; mysql-binlog-connector-java checks the numbers), and the next command is 0.
		const answer = (sql: string) => {
			conn.sequenceId = 1;
			try {
				answerQuery(sql);
			} finally {
				conn.sequenceId = 0;
			}
		};
		const answerQuery = (sql: string) => {
			statements.push(sql);
			if (/^\s*SET\b/i.test(sql)) {
				const set = /@master_binlog_checksum\s*=\s*(?:'([^']*)'|"([^"]*)"|@@(?:global\.|session\.)?(\w+)|([^\s,;]+))/i.exec(sql);
				if (set) checksumSetting = set[1] ?? set[2] ?? set[3] ?? set[4];
				conn.writeOk();
			} else if (/^\s*SHOW\s+MASTER\s+STATUS/i.test(sql)) {
				writeRows(
					conn,
					['File', 'Position', 'Binlog_Do_DB', 'Binlog_Ignore_DB', 'Executed_Gtid_Set'],
					[[stream.file, endPosition, '', '', `${OB_SERVER_UUID}:1-${stream.lastGno}`]],
				);
			} else if (/^\s*SHOW\s+BINARY\s+LOGS/i.test(sql)) {
				writeRows(conn, ['Log_name', 'File_size'], [[stream.file, endPosition]]);
			} else if (/^\s*SELECT\s+@@/i.test(sql)) {
				// The first select item only; the column is named after it; an error comes after the column definitions.
				const [, scope, name = ''] = /^\s*SELECT\s+@@(?:(global|session|local)\.)?(\w+)/i.exec(sql) ?? [];
				const variable = name.toLowerCase();
				conn.writeColumns([column(`@@${name}`)]);
				const value = SYSTEM_VARIABLES[variable];
				const global = !scope || scope.toLowerCase() === 'global';
				if (!global && value !== undefined)
					conn.writeError({code: UNKNOWN_VARIABLE, message: `Variable '${variable}' is a GLOBAL variable `});
				else if (global && value === undefined) conn.writeError({code: UNKNOWN_VARIABLE, message: `Unknown system variable ${variable}`});
				else {
					conn.writeTextRow([global ? value : '']); // a session variable: only what SET put there (nothing here)
					conn.writeEof();
				}
			} else if (/^\s*SHOW\s+(GLOBAL\s+|SESSION\s+|LOCAL\s+)?VARIABLES\b/i.test(sql)) {
				// Global scope only here (sessions hold just what SET put there). LIKE takes the name literally.
				const like = /\bLIKE\s+'([^']*)'/i.exec(sql)?.[1]?.toLowerCase();
				conn.writeColumns([column('Variable_name'), column('Value')]);
				if (like === undefined) {
					for (const [name, value] of Object.entries(SYSTEM_VARIABLES)) conn.writeTextRow([name, value]);
					conn.writeEof();
				} else if (SYSTEM_VARIABLES[like] === undefined) {
					conn.writeError({code: UNKNOWN_VARIABLE, message: `Unknown system variable ${like}`});
				} else {
					conn.writeTextRow([like, SYSTEM_VARIABLES[like]]);
					conn.writeEof();
				}
			} else {
				conn.writeOk(); // the quirk: anything else, understood or not, is OK
			}
		};
		conn.on('query', answer);
		conn.on('stmt_prepare', answer);
		conn.on('packet', (packet: {buffer: Buffer; start: number; end: number}, _known: boolean, code: number) => {
			const payload = packet.buffer.subarray(packet.start + 4, packet.end);
			if (code !== 0x12 && code !== 0x1e && code !== 0x15) return;
			conn.sequenceId = 1;
			if (code === 0x15) {
				conn.writeOk();
				conn.sequenceId = 0;
				return;
			}
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
			const rotateChecksum = checksumSetting === undefined || checksumSetting.toUpperCase() === 'CRC32';
			sendEvent(conn, rawEvent(EventType.ROTATE, 0, rotateBody, 0, 0x20, rotateChecksum));
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
