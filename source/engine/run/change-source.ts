/**
 * Where the engine's changes come from, injectable like the sink (go-mysql's canal takes its handler the same way
 * round): the product reads the MySQL replication protocol and types rows by the schema read over SQL; tests of the
 * coordinator hand it arrays of items.
 */
import mysql from 'mysql2/promise';
import {readChanges} from '../binlog/binlog-source.js';
import {resolveStart, type StartSpec} from '../binlog/start-position.js';
import type {BinlogPosition} from '../binlog/transactions.js';
import {ConfigError} from '../errors.js';
import {preflight} from '../preflight.js';
import {replicationOptions, sqlEndpoint} from '../project/connections.js';
import type {Project} from '../project/project-schema.js';
import {type TypedOutput, withSchema} from '../schema/apply-schema.js';
import {SchemaCache} from '../schema/schema-cache.js';

export type ReadOptions = {
	readonly start: BinlogPosition;
	readonly signal: AbortSignal;
	/** Told of each reconnection of the source. */
	readonly onReconnect: (info: {attempt: number; error: unknown}) => void;
};

export type ChangeSource = {
	/** Where reading starts for the spec (a checkpoint is checked to be still on the server). */
	resolveStart(spec: StartSpec, signal: AbortSignal): Promise<BinlogPosition>;
	/** Compiles every object against the live schema; rejects with a ConfigError naming what cannot run. */
	check(signal: AbortSignal): Promise<void>;
	read(options: ReadOptions): AsyncIterable<TypedOutput>;
	close(): Promise<void>;
};

export type SourceContext = {
	/** Whether rows of a table are wanted (others are dropped before their schema is read). */
	readonly select: (database: string, table: string) => boolean;
	readonly heartbeatSeconds: number;
};

/** Makes the source of a project whose secrets are resolved. */
export type SourceFactory = (project: Project, context: SourceContext) => ChangeSource;

/** The binlog of the project's source, read over the replication protocol, rows typed by the schema read over SQL. */
export const binlogSource: SourceFactory = (project, context) => {
	const server = replicationOptions(project);
	let pool: mysql.Pool | undefined;
	const query = async (sql: string, values?: unknown[]) => {
		pool ??= mysql.createPool({...sqlEndpoint(project.source), connectionLimit: 2, supportBigNumbers: true, bigNumberStrings: true});
		return (await pool.query(sql, values))[0] as Array<Record<string, unknown>>;
	};
	const cache = new SchemaCache(query);
	return {
		async resolveStart(spec) {
			const start = await resolveStart(server, spec);
			if (!('file' in start)) throw new ConfigError('a GTID start is not supported by the engine');
			return {file: start.file, position: start.position};
		},
		// The schemas it loads stay in the cache for the first rows.
		check: (signal) => preflight(project, {query, signal, tables: (database, table) => cache.get(database, table)}),
		read({start, signal, onReconnect}) {
			const items = readChanges({...server, start, signal, heartbeatSeconds: context.heartbeatSeconds, onReconnect});
			return withSchema(items, cache, {select: context.select});
		},
		async close() {
			await pool?.end().catch(() => {});
		},
	};
};
