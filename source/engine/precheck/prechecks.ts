/**
 * The prechecks of a project, run before it starts (wizard step 5, `obsync precheck`): each says pass, warn, fail
 * or skip, with what was found and, when it fails, how to fix it. They run one after the other and report as they
 * go, so a screen can show a live list; a check whose premise failed (no connection) is skipped, not failed twice.
 */
import {access, constants, mkdir, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import {currentPosition, resolveStart} from '../binlog/start-position.js';
import {flavourOf} from '../catalog/source-catalog.js';
import {compilePlan} from '../pipeline/object-plan.js';
import {binlogEndpoint, replicationOptions, sqlEndpoint} from '../project/connections.js';
import type {Project} from '../project/project-schema.js';
import {literalSecrets, resolveSecrets, scrubSecrets} from '../project/secrets.js';
import {loadPhysicalTable} from '../schema/load-schema.js';
import {checkTopics} from './topic-checks.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type CheckResult = {
	readonly id: string;
	readonly title: string;
	readonly status: CheckStatus;
	readonly detail: string;
	readonly hint?: string | undefined;
	readonly durationMs: number;
};

export type PrecheckOptions = {
	readonly env?: NodeJS.ProcessEnv;
	/** The local store's directory (checked for writing). */
	readonly storeDirectory?: string;
	/** Told of each result as soon as it is known. */
	readonly onResult?: (result: CheckResult) => void;
	readonly timeoutMs?: number;
};

type Outcome = {status: CheckStatus; detail: string; hint?: string | undefined};

const han = /\p{Script=Han}/u;
const pass = (detail: string): Outcome => ({status: 'pass', detail});
const failWith = (detail: string, hint?: string): Outcome => ({status: 'fail', detail, hint});

function supported(flavour: string, version: string): boolean {
	const [major = 0, minor = 0] = version.split('.').map(Number);
	if (flavour === 'oceanbase') return major >= 4;
	if (flavour === 'mariadb') return major > 10 || (major === 10 && minor >= 3);
	return major > 5 || (major === 5 && minor >= 7);
}

export async function runPrechecks(project: Project, options: PrecheckOptions = {}): Promise<CheckResult[]> {
	const results: CheckResult[] = [];
	let secrets: string[] = [];
	const scrub = (text: string) => scrubSecrets(text, secrets);
	const check = async (id: string, title: string, run: () => Promise<Outcome>) => {
		const started = performance.now();
		let outcome: Outcome;
		try {
			outcome = await run();
		} catch (error) {
			const hint = (error as {hint?: unknown}).hint;
			outcome = failWith((error as Error).message ?? String(error), typeof hint === 'string' ? hint : undefined);
		}
		const result: CheckResult = {
			id,
			title,
			status: outcome.status,
			detail: scrub(outcome.detail),
			...(outcome.hint ? {hint: scrub(outcome.hint)} : {}),
			durationMs: Math.round(performance.now() - started),
		};
		results.push(result);
		options.onResult?.(result);
		return result;
	};
	const skip = (id: string, title: string, why: string) => check(id, title, async () => ({status: 'skip', detail: why}));

	// Secrets first: without them nothing can connect.
	let resolved: Project;
	try {
		resolved = resolveSecrets(project, options.env);
		secrets = literalSecrets(resolved);
	} catch (error) {
		await check('secrets', 'Passwords from the environment', async () => {
			throw error;
		});
		return results;
	}
	const timeout = options.timeoutMs ?? 10_000;

	// Source.
	const sql = sqlEndpoint(resolved.source);
	let connection: mysql.Connection | undefined;
	const connect = await check('source-connect', 'Source connectivity', async () => {
		connection = await mysql.createConnection({...sql, connectTimeout: timeout, supportBigNumbers: true, bigNumberStrings: true});
		return pass(`connected to ${sql.host}:${sql.port} as ${sql.user}`);
	});
	try {
		if (connect.status !== 'pass') {
			for (const [id, title] of [
				['source-version', 'Source flavour and version'],
				['binlog-endpoint', 'Binlog endpoint answers SHOW MASTER STATUS'],
				['binlog-settings', 'binlog_format=ROW and binlog_row_image=FULL'],
				['privileges', 'Replication and SELECT privileges'],
			] as const)
				await skip(id, title, 'the source is not reachable');
			for (const object of resolved.objects)
				await skip(`object:${object.database}.${object.table}`, `${object.database}.${object.table}`, 'the source is not reachable');
		} else {
			const db = connection!;
			const rows = async (query: string) => (await db.query(query))[0] as Array<Record<string, unknown>>;
			await check('source-version', 'Source flavour and version', async () => {
				const [row] = await rows('SELECT VERSION() AS version, @@version_comment AS comment');
				const found = flavourOf(String(row?.version ?? ''), String(row?.comment ?? ''));
				if (!supported(found.flavour, found.version)) {
					return failWith(
						`${found.flavour} ${found.version} is not supported`,
						'obsync supports OceanBase CE 4.x, MySQL 5.7/8.x and MariaDB 10.3+',
					);
				}
				if (found.flavour !== resolved.source.flavor) {
					return {
						status: 'warn',
						detail: `the source is ${found.flavour} ${found.version}, the project says ${resolved.source.flavor}`,
						hint: `set source.flavor to "${found.flavour}" (it decides the dbType in messages)`,
					};
				}
				return pass(`${found.flavour} ${found.version}`);
			});
			const binlog = binlogEndpoint(resolved.source);
			await check('binlog-endpoint', 'Binlog endpoint answers SHOW MASTER STATUS', async () => {
				const position = await currentPosition({...replicationOptions(resolved), connectTimeoutMs: timeout});
				return pass(`${binlog.host}:${binlog.port} is at ${position.file}:${position.position}`);
			});
			await check('binlog-settings', 'binlog_format=ROW and binlog_row_image=FULL', async () => {
				const [row] = await rows('SELECT @@binlog_format AS format, @@binlog_row_image AS image');
				const format = String(row?.format ?? '').toUpperCase();
				const image = String(row?.image ?? '').toUpperCase();
				if (format !== 'ROW' || image !== 'FULL') {
					return failWith(
						`binlog_format=${format || '?'}, binlog_row_image=${image || '?'}`,
						'set binlog_format=ROW and binlog_row_image=FULL on the source (my.cnf or SET GLOBAL) and restart writers',
					);
				}
				return pass('ROW, FULL');
			});
			await check('privileges', 'Replication and SELECT privileges', async () => {
				const grants = (await rows('SHOW GRANTS')).map((row) => String(Object.values(row)[0]));
				const replication = grants.some((grant) => /ALL PRIVILEGES|REPLICATION (SLAVE|REPLICA)/i.test(grant) && / ON \*\.\*/i.test(grant));
				const denied: string[] = [];
				for (const object of resolved.objects) {
					try {
						await db.query(`SELECT * FROM \`${object.database.replaceAll('`', '``')}\`.\`${object.table.replaceAll('`', '``')}\` LIMIT 0`);
					} catch (error) {
						if ((error as {code?: string}).code !== 'ER_NO_SUCH_TABLE') denied.push(`${object.database}.${object.table}`);
					}
				}
				if (denied.length > 0) return failWith(`no SELECT on ${denied.join(', ')}`, `GRANT SELECT ON <db>.* TO ${sql.user}`);
				if (!replication && resolved.source.flavor !== 'oceanbase') {
					return failWith(
						`${sql.user} lacks REPLICATION SLAVE (grants: ${grants.join('; ')})`,
						`GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO ${sql.user}`,
					);
				}
				return pass(
					resolved.source.flavor === 'oceanbase'
						? 'SELECT on every object (the Binlog Service authorises the dump itself)'
						: 'REPLICATION SLAVE, and SELECT on every object',
				);
			});
			const query = async (text: string, values: unknown[]) => (await db.query(text, values))[0] as Array<Record<string, unknown>>;
			for (const object of resolved.objects) {
				const name = `${object.database}.${object.table}`;
				await check(`object:${name}`, name, async () => {
					const schema = await loadPhysicalTable(query, object.database, object.table);
					const chinese = [object.database, object.table, ...schema.columns.map((c) => c.name)].filter((n) => han.test(n));
					if (chinese.length > 0)
						return failWith(
							`names with Chinese characters: ${chinese.join(', ')}`,
							'rename them, or leave this table out (OMS does not synchronize them either)',
						);
					const plan = compilePlan(object, schema);
					const parts = [`key ${plan.shardingColumns.join(', ')}`, `topic ${plan.topic}`];
					if (plan.rowFilter) parts.push(`filter valid`);
					if (plan.columnIndexes) parts.push(`${plan.columnIndexes.length} of ${schema.columns.length} columns`);
					return pass(parts.join('; '));
				});
			}
		}
	} finally {
		await connection?.end().catch(() => {});
	}

	// Destination.
	await checkTopics(resolved, check, timeout);

	// Start point.
	const at = resolved.options.startTimestamp;
	if (at === undefined)
		await check('start', 'Start timestamp within binlog retention', async () => pass('starts now (the end of the binlog)'));
	else if (connect.status !== 'pass') await skip('start', 'Start timestamp within binlog retention', 'the source is not reachable');
	else {
		await check('start', 'Start timestamp within binlog retention', async () => {
			const start = await resolveStart({...replicationOptions(resolved), connectTimeoutMs: timeout}, {kind: 'timestamp', at});
			return pass(`${new Date(at * 1000).toISOString()} is at ${'file' in start ? `${start.file}:${start.position}` : 'a GTID set'}`);
		});
	}

	// Local store.
	await check('store', 'Local store is writable', async () => {
		const directory = options.storeDirectory;
		if (!directory) return {status: 'skip', detail: 'no store directory given'};
		await mkdir(directory, {recursive: true, mode: 0o700});
		await access(directory, constants.W_OK);
		const probe = path.join(directory, `.precheck-${process.pid}`);
		await writeFile(probe, 'ok', {mode: 0o600});
		await rm(probe);
		return pass(directory);
	});
	return results;
}

export function summarize(results: readonly CheckResult[]): {passed: boolean; counts: Record<CheckStatus, number>} {
	const counts: Record<CheckStatus, number> = {pass: 0, warn: 0, fail: 0, skip: 0};
	for (const result of results) counts[result.status]++;
	// A skip only follows a failure (or a check that needs a setting the project leaves out), so fails decide.
	return {passed: counts.fail === 0, counts};
}
