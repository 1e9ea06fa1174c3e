/**
 * A replication connection that reads the binlog as a replica does, on mysql2's connection: it registers with a
 * server id, negotiates checksums, asks for heartbeats, sends COM_BINLOG_DUMP (file and position) or
 * COM_BINLOG_DUMP_GTID, and yields decoded events. Backpressure: when the consumer falls behind, the socket is
 * paused, so memory stays flat however fast the server writes. An AbortSignal ends it cleanly.
 */
import {EventEmitter} from 'node:events';
import mysql from 'mysql2';
import {CdcError, ConfigError, ConnectionError} from '../errors.js';
import {ER_BINLOG_FATAL, fatalServerError, type ServerError, serverErrorIn, serverWords, unreachableHint} from '../server-errors.js';
import type {BinlogEvent} from './binlog-event.js';
import {binlogDumpGtidPayload, binlogDumpPayload, DUMP_NON_BLOCK, registerReplicaPayload} from './dump-packets.js';
import {EventDecoder} from './event-decoder.js';

export type BinlogStart = {readonly file: string; readonly position: number} | {readonly gtidSet: string};

export type BinlogStreamOptions = {
	readonly host: string;
	readonly port: number;
	readonly user: string;
	readonly password: string;
	/** The replica server id obsync registers with; unique among the server's replicas. */
	readonly serverId: number;
	readonly start: BinlogStart;
	/** Heartbeat period asked of the server while idle. @default 5 */
	readonly heartbeatSeconds?: number;
	/** Stop at the end of the binlog instead of waiting for more (BINLOG_DUMP_NON_BLOCK). @default false */
	readonly nonBlocking?: boolean;
	/** The socket is paused while this many bytes of undecoded events wait. @default 8 MiB */
	readonly highWaterMark?: number;
	readonly connectTimeoutMs?: number;
	readonly signal?: AbortSignal;
	/** Told how many undecoded bytes wait, whenever that changes the socket's state (for metrics and tests). */
	readonly onBuffer?: (state: {queuedBytes: number; paused: boolean}) => void;
};

/** A decoded event with the binlog file it came from. */
export type StreamedEvent = {readonly file: string; readonly event: BinlogEvent};

/** The parts of mysql2's connection a replication command uses (public in JS, absent from its types). */
type RawConnection = mysql.Connection & {
	addCommand(command: unknown): void;
	write(buffer: Buffer): void;
	pause(): void;
	resume(): void;
	sequenceId: number;
	_resetSequenceId(): void;
	_bumpSequenceId(count: number): void;
	serverEncoding?: string;
};

type Packet = {buffer: Buffer; start: number; end: number; isError(): boolean; asError(encoding?: string): Error};

/** The mysql2 command that sends one request and then receives binlog events until EOF or error. */
class DumpCommand extends EventEmitter {
	private started = false;
	constructor(private readonly payload: Buffer) {
		super();
	}

	execute(packet: Packet | undefined, connection: RawConnection): boolean {
		if (!this.started) {
			this.started = true;
			connection._resetSequenceId();
			const header = Buffer.alloc(4);
			header.writeUIntLE(this.payload.length, 0, 3);
			header[3] = connection.sequenceId;
			connection._bumpSequenceId(1);
			connection.write(Buffer.concat([header, this.payload]));
			return false;
		}
		if (!packet) return false;
		if (packet.isError()) {
			this.emit('error', packet.asError(connection.serverEncoding));
			return true;
		}
		const marker = packet.buffer[packet.start + 4];
		if (marker === 0xfe && packet.end - packet.start - 4 < 9) {
			this.emit('end');
			return true;
		}
		// OK marker (0x00), then the whole event. The slice is a view into the socket's chunk.
		this.emit('event', packet.buffer.subarray(packet.start + 5, packet.end));
		return false;
	}
}

function query(connection: mysql.Connection, sql: string): Promise<unknown> {
	return new Promise((resolve, reject) => connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows))));
}

/** Runs a statement whose failure is acceptable (a server that lacks the variable, OceanBase's OK-for-anything). */
async function tryQuery(connection: mysql.Connection, sql: string): Promise<void> {
	await query(connection, sql).catch(() => undefined);
}

export async function* streamBinlog(options: BinlogStreamOptions): AsyncGenerator<StreamedEvent> {
	const {signal} = options;
	signal?.throwIfAborted();
	const connection = mysql.createConnection({
		host: options.host,
		port: options.port,
		user: options.user,
		password: options.password,
		connectTimeout: options.connectTimeoutMs ?? 10_000,
		supportBigNumbers: true,
		bigNumberStrings: true,
	}) as RawConnection;
	const queue: Buffer[] = [];
	let socketEnded = false;
	let queuedBytes = 0;
	let paused = false;
	let finished = false;
	let failure: Error | undefined;
	let wake: (() => void) | undefined;
	const notify = () => {
		wake?.();
		wake = undefined;
	};
	const highWaterMark = options.highWaterMark ?? 8 * 1024 * 1024;
	const onAbort = () => {
		finished = true;
		connection.destroy();
		notify();
	};
	signal?.addEventListener('abort', onAbort, {once: true});
	// Socket-level errors are surfaced in order, after the packets received before them (see the loop).
	let socketError: Error | undefined;
	connection.on('error', (error: Error) => {
		socketError ??= error;
		socketEnded = true;
		notify();
	});
	let mariadb = false;
	// A destroyed connection does not always settle the command it was waiting for (connect, a query, the register),
	// so each setup step also ends when the signal aborts: a stop during setup never hangs.
	const aborted = new Promise<never>((_, reject) => {
		if (signal) signal.addEventListener('abort', () => reject(signal.reason), {once: true});
	});
	aborted.catch(() => {});
	const setup = <T>(step: Promise<T>): Promise<T> => Promise.race([step, aborted]);
	try {
		try {
			await setup(new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve()))));
			const version = String(((await setup(query(connection, 'SELECT VERSION() AS v'))) as Array<{v: string}>)[0]?.v ?? '');
			mariadb = /mariadb/i.test(version);
			await setup(tryQuery(connection, 'SET @master_binlog_checksum = @@global.binlog_checksum'));
			await setup(tryQuery(connection, `SET @master_heartbeat_period = ${Math.round((options.heartbeatSeconds ?? 5) * 1e9)}`));
			if (mariadb) {
				// 4 = MARIA_SLAVE_CAPABILITY_MINE: send GTID and annotate events as they are.
				await setup(tryQuery(connection, 'SET @mariadb_slave_capability = 4'));
				if ('gtidSet' in options.start) {
					await setup(query(connection, `SET @slave_connect_state = ${connection.escape(options.start.gtidSet)}`));
					await setup(query(connection, 'SET @slave_gtid_strict_mode = 0, @slave_gtid_ignore_duplicates = 0'));
				}
			}
			await setup(
				new Promise<void>((resolve, reject) => {
					const register = new DumpCommand(registerReplicaPayload(options.serverId));
					// COM_REGISTER_SLAVE answers OK (end of command) or ERR.
					register.execute = function (this: DumpCommand, packet, conn) {
						if (!packet) return DumpCommand.prototype.execute.call(this, packet, conn);
						if (packet.isError()) reject(packet.asError(conn.serverEncoding));
						else resolve();
						return true;
					};
					connection.addCommand(register);
				}),
			);
		} catch (error) {
			if (signal?.aborted) return;
			throw (
				fatalServerError(error, options, 'opening a replication connection') ??
				new ConnectionError(`could not open a replication connection to ${options.host}:${options.port}: ${(error as Error).message}`, {
					cause: error,
					hint: unreachableHint(error, options),
				})
			);
		}
		const flags = options.nonBlocking ? DUMP_NON_BLOCK : 0;
		const {start} = options;
		// MariaDB takes the GTID position from @slave_connect_state and an empty file name.
		const dump = new DumpCommand(
			!('gtidSet' in start)
				? binlogDumpPayload(start.file, start.position, options.serverId, flags)
				: mariadb
					? binlogDumpPayload('', 4, options.serverId, flags)
					: binlogDumpGtidPayload(start.gtidSet, options.serverId, flags),
		);
		dump.on('event', (bytes: Buffer) => {
			queue.push(bytes);
			queuedBytes += bytes.length;
			if (!paused && queuedBytes >= highWaterMark) {
				paused = true;
				connection.pause();
			}
			options.onBuffer?.({queuedBytes, paused});
			notify();
		});
		dump.on('end', () => {
			// EOF is the normal end only of a non-blocking dump; otherwise the server ended it (shutdown, KILL).
			if (options.nonBlocking) finished = true;
			else failure ??= new ConnectionError(`${options.host}:${options.port} ended the binlog dump (server shutdown or connection killed)`);
			notify();
		});
		// The socket can end while packets received before it still wait in the paused connection; its end is a
		// failure only once everything received has been consumed without an EOF (checked in the loop below).
		connection.on('end', () => {
			socketEnded = true;
			notify();
		});
		dump.on('error', (error: Error) => {
			failure ??= error;
			notify();
		});
		connection.addCommand(dump);

		let file = 'file' in options.start ? options.start.file : '';
		const decoder = new EventDecoder({file, checksumBeforeFormat: 'auto'});
		for (;;) {
			const bytes = queue.shift();
			if (bytes === undefined) {
				if (failure) throw classifyFailure(failure, options);
				if (finished) return;
				if (socketError) throw classifyFailure(socketError, options);
				if (socketEnded) throw new ConnectionError(`${options.host}:${options.port} closed the replication connection`);
				await new Promise<void>((resolve) => {
					wake = resolve;
				});
				continue;
			}
			queuedBytes -= bytes.length;
			if (paused && queuedBytes <= highWaterMark / 2) {
				paused = false;
				connection.resume();
				options.onBuffer?.({queuedBytes, paused});
			}
			const size = bytes.readUInt32LE(9);
			const next = bytes.readUInt32LE(13);
			const event = decoder.decode(bytes, next === 0 ? 0 : next - size);
			if (event.kind === 'rotate') {
				file = event.nextFile;
				decoder.file = file;
			}
			yield {file, event};
			if (signal?.aborted) return;
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		finished = true;
		connection.destroy();
	}
}

/**
 * What a failed dump becomes: a server error no retry can fix is a ConfigError (MySQL error 1236, the position
 * refused, names the position asked for); anything else is a ConnectionError, which the source retries.
 */
function classifyFailure(error: Error, options: BinlogStreamOptions): Error {
	if (error instanceof CdcError) return error;
	const server = serverErrorIn(error);
	if (server?.errno === ER_BINLOG_FATAL) return positionRefused(server, options);
	return fatalServerError(error, options, 'reading the binlog') ?? asConnectionError(error, options);
}

/** MySQL error 1236: the server will not read its binlog from where it was asked (or stopped reading it). */
function positionRefused(error: ServerError, options: BinlogStreamOptions): ConfigError {
	const {start} = options;
	const from = 'file' in start ? `binlog ${start.file} at position ${start.position}` : `the GTID set ${start.gtidSet}`;
	return new ConfigError(`${options.host}:${options.port} cannot send the binlog from ${from}: ${serverWords(error)}`, {
		cause: error,
		hint:
			'the checkpoint (or start position) points where the server cannot start (inside an event, past the end of the file, ' +
			'or in a file it does not have): run without --resume to start again from the start time (default: now), or fix ' +
			"`file`/`position` in the checkpoint file to the start of an event (SHOW BINLOG EVENTS IN 'file' lists them)",
	});
}

function asConnectionError(error: Error, options: BinlogStreamOptions): Error {
	if (error instanceof ConnectionError) return error;
	const code = (error as {code?: string}).code;
	return new ConnectionError(
		`replication connection to ${options.host}:${options.port} failed: ${error.message}${code ? ` (${code})` : ''}`,
		{
			cause: error,
		},
	);
}
