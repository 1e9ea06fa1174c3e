/** Helpers for tests that read the MariaDB test service's binlog. */
import path from 'node:path';
import type mysql from 'mysql2/promise';
import type {BinlogStreamOptions} from '../../source/engine/binlog/binlog-stream.js';
import type {SchemaQuery} from '../../source/engine/schema/load-schema.js';
import {mariadbService} from './services.js';

export type MasterStatus = {file: string; position: number};

export async function masterStatus(connection: mysql.Connection): Promise<MasterStatus> {
	const [[row]] = (await connection.query('SHOW MASTER STATUS')) as unknown as [[{File: string; Position: number | string}]];
	return {file: row.File, position: Number(row.Position)};
}

let nextServerId = 7000 + (process.pid % 1000) * 10;

/** Replication options for the test service, as the replication user, with a server id of its own per call. */
export function replicaOptions(
	start: MasterStatus | {gtidSet: string},
): Omit<BinlogStreamOptions, 'start'> & {start: BinlogStreamOptions['start']} {
	return {
		host: mariadbService.host,
		port: mariadbService.port,
		user: mariadbService.user,
		password: mariadbService.password,
		serverId: nextServerId++,
		start: 'gtidSet' in start ? start : {file: start.file, position: start.position},
	};
}

/** JSON with bigint and Buffer made comparable. */
export function comparable(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value, (_key, v) => {
			if (typeof v === 'bigint') return `${v}n`;
			if (v && typeof v === 'object' && (v as {type?: string}).type === 'Buffer')
				return `hex:${Buffer.from((v as {data: number[]}).data).toString('hex')}`;
			return v;
		}),
	);
}

/** The path of one of the server's binlog files (the test server runs on this machine). */
export async function binlogPath(connection: mysql.Connection, file: string): Promise<string> {
	const [[{datadir}]] = (await connection.query('SELECT @@datadir AS datadir')) as unknown as [[{datadir: string}]];
	return path.join(datadir, file);
}

/** A SchemaCache query function over a test connection. */
export function schemaQuery(connection: mysql.Connection): SchemaQuery {
	return async (sql, values) => (await connection.query(sql, values))[0] as Array<Record<string, unknown>>;
}
