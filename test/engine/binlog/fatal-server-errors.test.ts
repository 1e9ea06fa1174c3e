/**
 * Server errors no retry can fix stop the source at once, with the server's words and what to do: a start position
 * inside an event, past the end of a file or in a file the server does not have (MySQL error 1236), a wrong
 * password (1045). Before, the reconnecting source retried them for ever.
 */
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readChanges} from '../../../source/engine/binlog/binlog-source.js';
import {type BinlogStreamOptions, streamBinlog} from '../../../source/engine/binlog/binlog-stream.js';
import {ConfigError, ConnectionError} from '../../../source/engine/errors.js';
import {isRetriable} from '../../../source/engine/retry.js';
import {type MasterStatus, masterStatus, replicaOptions} from '../../helpers/binlog.js';
import {connectAdmin, mariadbService} from '../../helpers/services.js';

const HINT_1236 =
	'the checkpoint (or start position) points where the server cannot start (inside an event, past the end of the file, ' +
	'or in a file it does not have): run without --resume to start again from the start time (default: now), or fix ' +
	"`file`/`position` in the checkpoint file to the start of an event (SHOW BINLOG EVENTS IN 'file' lists them)";

/** Reads with the reconnecting source until it fails (or 20 s pass), counting its reconnects. */
async function readUntilFailure(options: BinlogStreamOptions): Promise<{error: unknown; reconnects: number; ms: number}> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), 20_000);
	const began = Date.now();
	let reconnects = 0;
	try {
		for await (const _ of readChanges({
			...options,
			signal: controller.signal,
			backoff: {initialMs: 100, maxMs: 200},
			onReconnect: () => reconnects++,
		})) {
			// reading on
		}
		return {error: undefined, reconnects, ms: Date.now() - began};
	} catch (error) {
		return {error, reconnects, ms: Date.now() - began};
	} finally {
		clearTimeout(timer);
	}
}

describe('server errors a retry cannot fix, from the live MariaDB', () => {
	let admin: mysql.Connection;
	let from: MasterStatus;

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS fatal_errors');
		await admin.query('CREATE TABLE fatal_errors (id INT PRIMARY KEY, note VARCHAR(100))');
		from = await masterStatus(admin);
		await admin.query("INSERT INTO fatal_errors VALUES (1, 'a row after the start position')");
	});

	afterAll(async () => {
		await admin?.end();
	});

	it('stops the reconnecting source at once, without a retry, when the start position is inside an event', async () => {
		const inside = {file: from.file, position: from.position + 5};
		const {error, reconnects, ms} = await readUntilFailure({...replicaOptions(from), start: inside});
		expect(error).toBeInstanceOf(ConfigError);
		expect(reconnects).toBe(0);
		expect(ms).toBeLessThan(5_000);
		const {message, hint} = error as ConfigError;
		expect(message).toMatch(
			new RegExp(
				`^127\\.0\\.0\\.1:${mariadbService.port} cannot send the binlog from binlog ${from.file} at position ${inside.position}: "binlog truncated in the middle of event; .*" \\(MySQL error 1236\\)$`,
			),
		);
		expect(hint).toBe(HINT_1236);
	});

	it('fails with the server words "impossible position" when the position is past the end of the file', async () => {
		const past = {file: from.file, position: 2_000_000_000};
		const failure = streamBinlog({...replicaOptions(from), start: past}).next();
		await expect(failure).rejects.toThrow(ConfigError);
		await expect(streamBinlog({...replicaOptions(from), start: past}).next()).rejects.toThrow(
			`cannot send the binlog from binlog ${from.file} at position 2000000000: "Client requested master to start replication from impossible position;`,
		);
	});

	it('fails with "Could not find first log file name" when the server does not have the file', async () => {
		const {error, reconnects} = await readUntilFailure({...replicaOptions(from), start: {file: 'mariadb-bin.999999', position: 4}});
		expect(reconnects).toBe(0);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message).toBe(
			`127.0.0.1:${mariadbService.port} cannot send the binlog from binlog mariadb-bin.999999 at position 4: "Could not find first log file name in binary log index file" (MySQL error 1236)`,
		);
	});

	it('stops at once on a wrong password, quoting the server and saying to check the user, password and grants', async () => {
		const {error, reconnects} = await readUntilFailure({...replicaOptions(from), password: 'wrong-password'});
		expect(reconnects).toBe(0);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).message).toBe(
			`127.0.0.1:${mariadbService.port} refused user obsync (opening a replication connection): "Access denied for user 'obsync'@'127.0.0.1' (using password: YES)" (MySQL error 1045)`,
		);
		expect((error as ConfigError).hint).toBe(
			"check the user and password in the project (source, or source.binlog for a separate binlog endpoint; OceanBase through ODP: user@tenant#cluster), and the user's grants on the server (SHOW GRANTS FOR the user)",
		);
	});
});

describe('which errors are retried', () => {
	/** An error as mysql2 makes it from a server's error packet. */
	const serverError = (errno: number, code: string, message: string) =>
		Object.assign(new Error(message), {errno, code, sqlState: 'HY000', sqlMessage: message});

	it('retries dropped connections and a server shutting down, but not a fatal server error, even wrapped in a ConnectionError', () => {
		expect(isRetriable(new ConnectionError('dropped', {cause: Object.assign(new Error('lost'), {code: 'PROTOCOL_CONNECTION_LOST'})}))).toBe(
			true,
		);
		expect(isRetriable(serverError(1053, 'ER_SERVER_SHUTDOWN', 'Server shutdown in progress'))).toBe(true);
		expect(isRetriable(Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED', errno: -111}))).toBe(true);
		for (const [errno, code] of [
			[1236, 'ER_MASTER_FATAL_ERROR_READING_BINLOG'],
			[1045, 'ER_ACCESS_DENIED_ERROR'],
			[1044, 'ER_DBACCESS_DENIED_ERROR'],
			[1227, 'ER_SPECIFIC_ACCESS_DENIED_ERROR'],
		] as const) {
			expect(isRetriable(new ConnectionError('wrapped', {cause: serverError(errno, code, 'refused')}))).toBe(false);
		}
	});
});
