/**
 * Where reading starts: now (the end of the binlog), the first transaction at or after a time, or a checkpoint.
 * Every answer is checked against what the server still has: a time before the oldest retained binlog, or a
 * checkpoint in a purged file, fails with the earliest position available and what to do.
 */
import mysql from 'mysql2';
import {ConfigError, ConnectionError} from '../errors.js';
import {fatalServerError, unreachableHint} from '../server-errors.js';
import {type BinlogStart, type BinlogStreamOptions, streamBinlog} from './binlog-stream.js';

export type StartSpec =
	| {readonly kind: 'now'}
	/** Seconds since the epoch. */
	| {readonly kind: 'timestamp'; readonly at: number}
	| {readonly kind: 'checkpoint'; readonly file: string; readonly position: number};

export type ServerOptions = Omit<BinlogStreamOptions, 'start' | 'nonBlocking'>;

type Row = Record<string, unknown>;

async function rowsOf(options: ServerOptions, sql: string): Promise<Row[]> {
	const connection = mysql.createConnection({host: options.host, port: options.port, user: options.user, password: options.password});
	try {
		return await new Promise<Row[]>((resolve, reject) =>
			connection.query(sql, (error, rows) => (error ? reject(error) : resolve(Array.isArray(rows) ? (rows as Row[]) : []))),
		);
	} catch (error) {
		throw (
			fatalServerError(error, options, sql) ??
			new ConnectionError(`${sql} failed on ${options.host}:${options.port}: ${(error as Error).message}`, {
				cause: error,
				hint: unreachableHint(error, options),
			})
		);
	} finally {
		connection.destroy();
	}
}

/** SHOW MASTER STATUS, checked for a real result (OceanBase's Binlog Service answers OK to what it does not know). */
export async function currentPosition(options: ServerOptions): Promise<{file: string; position: number}> {
	const [row] = await rowsOf(options, 'SHOW MASTER STATUS');
	if (!row || typeof row.File !== 'string') {
		throw new ConfigError(`${options.host}:${options.port} answered SHOW MASTER STATUS without a binlog position`, {
			hint: 'enable the binary log (log_bin) or, for OceanBase, create a Binlog Service for the tenant and connect through ODP',
		});
	}
	return {file: row.File, position: Number(row.Position)};
}

/** The retained binlog files, oldest first. */
export async function binaryLogs(options: ServerOptions): Promise<string[]> {
	const rows = await rowsOf(options, 'SHOW BINARY LOGS');
	return rows.map((row) => String(row.Log_name));
}

/**
 * A short non-blocking read registers as server id 0, as mysqlbinlog does: a server kills a replica's earlier
 * connection when another registers with the same id, and then waits for it, which a probe must never cause.
 */
function probe(options: ServerOptions, start: BinlogStart) {
	return streamBinlog({...options, serverId: 0, start, nonBlocking: true});
}

/** When a file was created (its FORMAT_DESCRIPTION's timestamp), read through replication. */
async function fileStartTime(options: ServerOptions, file: string): Promise<number> {
	for await (const {event} of probe(options, {file, position: 4})) {
		if (event.kind === 'format-description') return event.header.timestamp;
	}
	throw new ConnectionError(`could not read the beginning of binlog ${file}`);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The first transaction (or DDL) whose first event is at or after `at`, by scanning the newest file that began
 * before it. Reading from there replays nothing older than `at`.
 */
async function positionAt(options: ServerOptions, at: number): Promise<BinlogStart> {
	const files = await binaryLogs(options);
	if (files.length === 0) throw new ConfigError('the server keeps no binary logs', {hint: 'enable log_bin on the source'});
	const earliest = await fileStartTime(options, files[0]!);
	if (at < earliest) {
		throw new ConfigError(`the start time ${iso(at)} is before the oldest binlog the server keeps (${files[0]}, from ${iso(earliest)})`, {
			hint: `choose a start time at or after ${iso(earliest)}, or keep binlogs longer (expire_logs_days / binlog_expire_logs_seconds)`,
		});
	}
	// Binary search for the newest file that began at or before `at`: a handful of probes however many files.
	let low = 0;
	let high = files.length - 1;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if ((await fileStartTime(options, files[middle]!)) <= at) low = middle;
		else high = middle - 1;
	}
	const chosen = files[low]!;
	for await (const {file: current, event} of probe(options, {file: chosen, position: 4})) {
		const opensTransaction =
			event.kind === 'mariadb-gtid' || event.kind === 'gtid' || (event.kind === 'query' && !/^\s*(COMMIT|ROLLBACK)\b/i.test(event.query));
		if (opensTransaction && event.pos > 0 && event.header.timestamp >= at) return {file: current, position: event.pos};
	}
	// Nothing that recent yet: start at the end.
	return currentPosition(options);
}

export async function resolveStart(options: ServerOptions, spec: StartSpec): Promise<BinlogStart> {
	switch (spec.kind) {
		case 'now':
			return currentPosition(options);
		case 'timestamp': {
			const now = Date.now() / 1000;
			if (spec.at > now + 60) throw new ConfigError(`the start time ${iso(spec.at)} is in the future`, {hint: 'choose now or a past time'});
			return positionAt(options, spec.at);
		}
		case 'checkpoint': {
			const files = await binaryLogs(options);
			if (!files.includes(spec.file)) {
				throw new ConfigError(
					`the checkpoint is in binlog ${spec.file} at position ${spec.position}, which the server no longer has (oldest kept: ${files[0] ?? 'none'})`,
					{
						hint: 'changes after the checkpoint may be lost: start again from a timestamp (obsync run without --resume) and reconcile downstream',
					},
				);
			}
			return {file: spec.file, position: spec.position};
		}
	}
}
