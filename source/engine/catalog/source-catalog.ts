/**
 * What the wizard asks of a source before a project exists: can we connect (and to what), which databases and
 * tables are there, and what does one table look like. Views and names with Chinese characters are listed but
 * marked unusable with the reason (OMS synchronizes physical tables whose names contain no Chinese characters).
 */
import mysql from 'mysql2/promise';
import {ConnectionError} from '../errors.js';
import {sqlEndpoint} from '../project/connections.js';
import type {SourceSettings} from '../project/project-schema.js';
import {resolveSecret, scrubSecrets} from '../project/secrets.js';
import {loadTableSchema} from '../schema/load-schema.js';
import type {TableSchema} from '../schema/table-schema.js';

export type CatalogOptions = {
	readonly env?: NodeJS.ProcessEnv;
	/** @default 10000 */
	readonly timeoutMs?: number;
};

export type SourceInfo = {
	readonly flavour: 'oceanbase' | 'mariadb' | 'mysql';
	readonly version: string;
	/** `host:port as user`. */
	readonly endpoint: string;
};

export type CatalogTable = {
	readonly database: string;
	readonly table: string;
	/** `BASE TABLE`, `VIEW`, `SYSTEM VIEW`… */
	readonly tableType: string;
	/** Why the table cannot be selected; absent when it can. */
	readonly disabledReason?: string;
};

const systemDatabases = new Set([
	'information_schema',
	'mysql',
	'performance_schema',
	'sys',
	'oceanbase',
	'__recyclebin',
	'LBACSYS',
	'ORAAUDITOR',
]);
const han = /\p{Script=Han}/u;

/** Tells what the server says about itself, from `VERSION()` and `@@version_comment`. */
export function flavourOf(version: string, comment: string): {flavour: SourceInfo['flavour']; version: string} {
	if (/oceanbase/i.test(version) || /oceanbase/i.test(comment)) {
		return {flavour: 'oceanbase', version: /-v([\d.]+)/.exec(version)?.[1] ?? /OceanBase\S*\s+([\d.]+)/i.exec(comment)?.[1] ?? version};
	}
	if (/mariadb/i.test(version)) return {flavour: 'mariadb', version: version.split('-')[0]!};
	return {flavour: 'mysql', version: version.split('-')[0]!};
}

async function withConnection<T>(source: SourceSettings, options: CatalogOptions, use: (db: mysql.Connection) => Promise<T>): Promise<T> {
	const endpoint = sqlEndpoint(source);
	const password = resolveSecret(endpoint.password, 'source.password', options.env);
	let db: mysql.Connection;
	try {
		db = await mysql.createConnection({
			...endpoint,
			password,
			connectTimeout: options.timeoutMs ?? 10_000,
			supportBigNumbers: true,
			bigNumberStrings: true,
		});
	} catch (error) {
		const text = (error as Error).message || String(error);
		const message = scrubSecrets(text, [password]);
		throw new ConnectionError(`cannot connect to ${endpoint.host}:${endpoint.port} as ${endpoint.user}: ${message}`, {
			cause: error,
			hint: /denied/i.test(message)
				? 'check the user and password (OceanBase through ODP: user@tenant#cluster)'
				: 'check the host and port, and that this machine can reach them',
		});
	}
	try {
		return await use(db);
	} finally {
		await db.end().catch(() => {});
	}
}

/** Connects, asks the server what it is, and disconnects. Fails with a ConnectionError that says what to check. */
export async function testSource(source: SourceSettings, options: CatalogOptions = {}): Promise<SourceInfo> {
	const endpoint = sqlEndpoint(source);
	return withConnection(source, options, async (db) => {
		const [rows] = await db.query('SELECT VERSION() AS version, @@version_comment AS comment');
		const row = (rows as Array<Record<string, unknown>>)[0];
		return {
			...flavourOf(String(row?.version ?? ''), String(row?.comment ?? '')),
			endpoint: `${endpoint.host}:${endpoint.port} as ${endpoint.user}`,
		};
	});
}

/** Every table and view the user can see outside the system databases, sorted by database then table. */
export async function listTables(source: SourceSettings, options: CatalogOptions = {}): Promise<CatalogTable[]> {
	return withConnection(source, options, async (db) => {
		const [rows] = await db.query(
			`SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME`,
		);
		const [hanColumns] = await db.query(
			`SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, COLUMN_NAME AS col FROM information_schema.COLUMNS`,
		);
		const withHanColumns = new Map<string, string[]>();
		for (const row of hanColumns as Array<{db: string; name: string; col: string}>) {
			if (!han.test(row.col)) continue;
			const key = `${row.db}.${row.name}`;
			withHanColumns.set(key, [...(withHanColumns.get(key) ?? []), row.col]);
		}
		return (rows as Array<{db: string; name: string; type: string}>)
			.filter((row) => !systemDatabases.has(row.db))
			.map((row) => {
				const reason =
					row.type !== 'BASE TABLE'
						? `a ${row.type.toLowerCase()}, not a physical table`
						: han.test(row.db) || han.test(row.name)
							? 'its name contains Chinese characters'
							: withHanColumns.has(`${row.db}.${row.name}`)
								? `column names with Chinese characters: ${withHanColumns.get(`${row.db}.${row.name}`)!.join(', ')}`
								: undefined;
				return {database: row.db, table: row.name, tableType: row.type, ...(reason ? {disabledReason: reason} : {})};
			});
	});
}

/** One table's columns and keys, as the engine will see them. */
export async function describeTable(
	source: SourceSettings,
	database: string,
	table: string,
	options: CatalogOptions = {},
): Promise<TableSchema> {
	return withConnection(source, options, (db) =>
		loadTableSchema(async (sql, values) => (await db.query(sql, values))[0] as Array<Record<string, unknown>>, database, table),
	);
}
