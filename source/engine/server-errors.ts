/**
 * MySQL/MariaDB/OceanBase server errors, told apart by their error number: the ones a retry cannot fix (a refused
 * user, a missing privilege, a binlog position the server cannot start from) become a ConfigError that quotes the
 * server's words and says what to do; the others are left to the caller (a dropped connection is retried).
 */
import {ConfigError} from './errors.js';

/** ER_MASTER_FATAL_ERROR_READING_BINLOG: impossible position, a file the server does not have, a truncated event. */
export const ER_BINLOG_FATAL = 1236;

const ACCESS_DENIED = 1045;
const HOST_NOT_PRIVILEGED = 1130;
const HOST_BLOCKED = 1129;
const AUTH_NOT_SUPPORTED = 1251;
/** 1044 database access denied, 1142/1143 table/column access denied, 1227 a global privilege missing. */
const PRIVILEGE_MISSING = new Set([1044, 1142, 1143, 1227]);

/** Every server error number a retry cannot fix. */
export const FATAL_SERVER_ERRORS: ReadonlySet<number> = new Set([
	ER_BINLOG_FATAL,
	ACCESS_DENIED,
	HOST_NOT_PRIVILEGED,
	HOST_BLOCKED,
	AUTH_NOT_SUPPORTED,
	...PRIVILEGE_MISSING,
]);

/** An error the server sent (mysql2 gives it a numeric `errno` and an `ER_…` code or an SQL state). */
export type ServerError = Error & {readonly errno: number; readonly sqlMessage?: string};

/** The first server error in the cause chain, if any. */
export function serverErrorIn(error: unknown): ServerError | undefined {
	for (let current = error, depth = 0; current && depth < 10; depth++) {
		const {errno, code, sqlState} = current as {errno?: unknown; code?: unknown; sqlState?: unknown};
		const fromServer = (typeof code === 'string' && code.startsWith('ER_')) || typeof sqlState === 'string';
		if (typeof errno === 'number' && errno > 0 && fromServer) return current as ServerError;
		current = (current as {cause?: unknown}).cause;
	}
	return undefined;
}

/** Whether the cause chain holds a server error that a retry cannot fix. */
export function isFatalServerError(error: unknown): boolean {
	const found = serverErrorIn(error);
	return found !== undefined && FATAL_SERVER_ERRORS.has(found.errno);
}

/** The server's own words, quoted, with the error number. */
export function serverWords(error: ServerError): string {
	return `"${error.sqlMessage ?? error.message}" (MySQL error ${error.errno})`;
}

export type Endpoint = {readonly host: string; readonly port: number; readonly user: string};

/**
 * The ConfigError for a server error that a retry cannot fix, met while doing something (`reading the binlog`,
 * `SHOW MASTER STATUS`…), or undefined for any other error. 1236 is not handled here: only the caller knows the
 * position it asked for (see binlog-stream.ts).
 */
export function fatalServerError(error: unknown, endpoint: Endpoint, doing: string): ConfigError | undefined {
	const found = serverErrorIn(error);
	if (!found) return undefined;
	const where = `${endpoint.host}:${endpoint.port}`;
	const said = serverWords(found);
	if (found.errno === ACCESS_DENIED || found.errno === AUTH_NOT_SUPPORTED) {
		return new ConfigError(`${where} refused user ${endpoint.user} (${doing}): ${said}`, {
			cause: error,
			hint: "check the user and password in the project (source, or source.binlog for a separate binlog endpoint; OceanBase through ODP: user@tenant#cluster), and the user's grants on the server (SHOW GRANTS FOR the user)",
		});
	}
	if (found.errno === HOST_NOT_PRIVILEGED || found.errno === HOST_BLOCKED) {
		return new ConfigError(`${where} does not let this machine connect as ${endpoint.user} (${doing}): ${said}`, {
			cause: error,
			hint:
				found.errno === HOST_BLOCKED
					? 'too many failed connections from this host: fix the cause, then run FLUSH HOSTS on the server'
					: "create the user for this machine's address (CREATE USER 'user'@'host' …) or connect from a host it allows",
		});
	}
	if (PRIVILEGE_MISSING.has(found.errno)) {
		return new ConfigError(`user ${endpoint.user} lacks a privilege on ${where} (${doing}): ${said}`, {
			cause: error,
			hint: 'grant what the server names; reading the binlog needs REPLICATION SLAVE and REPLICATION CLIENT ON *.*, and SELECT on the tables',
		});
	}
	return undefined;
}

/** What to check when the server could not be reached at all, by the socket error's code. */
export function unreachableHint(error: unknown, endpoint: Pick<Endpoint, 'host' | 'port'>): string {
	let code: unknown;
	for (let current = error, depth = 0; current && !code && depth < 10; depth++) {
		code = (current as {code?: unknown}).code;
		current = (current as {cause?: unknown}).cause;
	}
	const where = `${endpoint.host}:${endpoint.port}`;
	switch (code) {
		case 'ECONNREFUSED':
			return `nothing listens on ${where}: check the host and port in the project, and that the server is running and listens there`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `the host name ${endpoint.host} does not resolve: check the host in the project`;
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return `${where} did not answer: check the host and port in the project, and that no firewall is in the way`;
		default:
			return 'check the host and port, and that this machine can reach them';
	}
}
