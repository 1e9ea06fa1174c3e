import {mkdtemp, readFile, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createEngine, type Engine} from '../../source/engine/engine.js';
import type {EngineEvent} from '../../source/engine/engine-events.js';
import {parseProject} from '../../source/engine/project/parse-project.js';
import {consumeUntil} from '../helpers/rocketmq.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';

/** A `${NAME}` password reference, as a user would write it in a project file. */
const envReference = (name: string) => `\${${name}}`;

let admin: mysql.Connection;
let directory: string;

beforeAll(async () => {
	admin = await connectAdmin();
	directory = await mkdtemp(path.join(tmpdir(), 'obsync-engine-'));
	await admin.query('DROP TABLE IF EXISTS engine_orders, engine_other, engine_nokey');
	await admin.query('CREATE TABLE engine_orders (id BIGINT UNSIGNED PRIMARY KEY, status VARCHAR(20), amount DECIMAL(12,4), note TEXT)');
	await admin.query('CREATE TABLE engine_other (id INT PRIMARY KEY, v INT)');
	await admin.query('CREATE TABLE engine_nokey (v INT)');
});

afterAll(async () => {
	await admin?.end();
});

const project = (run: string, extra: Record<string, unknown> = {}) =>
	parseProject(
		{
			name: `engine-${run}`,
			source: {flavor: 'mariadb', ...mariadbSource, password: envReference('OBSYNC_TEST_PW')},
			destination: {endpoints: rocketmqService.endpoints},
			objects: [
				{
					database: 'obsync_test',
					table: 'engine_orders',
					topic: 'obsync_test_fifo',
					renameTable: 'orders',
					where: `status <> 'draft' AND note = '${run}'`,
					columns: ['id', 'status', 'amount', 'note'],
				},
			],
			...extra,
		},
		'test project',
	);

async function waitFor(engine: Engine, test: (e: Engine) => boolean, ms = 20_000) {
	const deadline = Date.now() + ms;
	while (!test(engine)) {
		if (Date.now() > deadline) throw new Error(`timed out; snapshot ${JSON.stringify(engine.snapshot())}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('createEngine against MariaDB and RocketMQ', () => {
	it('sends the selected, filtered rows in the project format, checkpoints, and stops cleanly', async () => {
		const run = `r${Date.now()}`;
		const checkpointFile = path.join(directory, `${run}.json`);
		const events: EngineEvent[] = [];
		const engine = createEngine(project(run), {checkpointFile, env: {OBSYNC_TEST_PW: mariadbService.password}, statusIntervalMs: 200});
		const unsubscribe = engine.subscribe((event) => events.push(event));
		await waitFor(engine, (e) => e.state === 'running');

		await admin.query('BEGIN');
		await admin.query(`INSERT INTO engine_orders VALUES (18446744073709551615, 'paid', 10.5000, ?), (2, 'draft', 1, ?)`, [run, run]);
		await admin.query('INSERT INTO engine_other VALUES (1, 1)');
		await admin.query('COMMIT');
		await admin.query(`UPDATE engine_orders SET status = 'shipped' WHERE note = ?`, [run]);
		await admin.query(`DELETE FROM engine_orders WHERE note = ?`, [run]);

		// 1 insert (the draft is filtered out), 2 updates (both rows become 'shipped'), 2 deletes.
		await waitFor(engine, (e) => e.snapshot().totals.acked >= 5);
		await waitFor(engine, (e) => e.snapshot().lagSeconds === 0);
		const result = await engine.stop();
		unsubscribe();
		expect(result).toEqual({state: 'stopped'});

		const snapshot = engine.snapshot();
		expect(snapshot.tables['obsync_test.engine_orders']).toEqual({insert: 1, update: 2, delete: 2, ddl: 0, filtered: 1});
		expect(snapshot.tables['obsync_test.engine_other']).toBeUndefined();
		expect(snapshot.topics).toEqual({obsync_test_fifo: 5});
		expect(events.map((e) => e.type)).toContain('checkpoint');
		expect(events.filter((e) => e.type === 'state').map((e) => (e as {state: string}).state)).toEqual(['running', 'stopping', 'stopped']);

		// The checkpoint is at (or after) the last transaction, mode 0600.
		const saved = JSON.parse(await readFile(checkpointFile, 'utf8'));
		const [[status]] = (await admin.query('SHOW MASTER STATUS')) as unknown as [[{File: string; Position: number}]];
		expect(saved.file).toBe(status.File);
		expect(saved.position).toBe(Number(status.Position));
		expect((await stat(checkpointFile)).mode & 0o777).toBe(0o600);

		const bodies: Array<Record<string, unknown>> = [];
		const texts: string[] = [];
		await consumeUntil('obsync_test_fifo', (message) => {
			const text = message.body.toString('utf8');
			if (message.properties.get('obsync_table') === 'orders' && text.includes(run)) {
				texts.push(text);
				bodies.push(JSON.parse(text));
			}
			return bodies.length >= 5;
		});
		// Order holds per key (each key is its own message group); keys are independent.
		const byKey = new Map<string, unknown[]>();
		for (const body of bodies) {
			const key = String((body.allMetaData as {record_primary_value: unknown}).record_primary_value);
			byKey.set(key, [...(byKey.get(key) ?? []), body.recordType]);
		}
		expect(Object.fromEntries(byKey)).toEqual({'18446744073709551615': ['INSERT', 'UPDATE', 'DELETE'], '2': ['UPDATE', 'DELETE']});
		// Lossless BIGINT UNSIGNED, renamed table.
		expect(bodies[0]).toMatchObject({allMetaData: {table_name: 'orders', db: 'obsync_test'}});
		// Exact in the body text (JSON.parse would round them): BIGINT UNSIGNED, DECIMAL trailing zeros.
		expect(texts.find((text) => text.includes('"recordType":"INSERT"'))).toContain(
			'"postStruct":{"id":18446744073709551615,"status":"paid","amount":10.5000',
		);
	});

	it('resumes from the checkpoint, and says clearly when there is none', async () => {
		const run = `r${Date.now()}`;
		const checkpointFile = path.join(directory, `${run}.json`);
		const env = {OBSYNC_TEST_PW: mariadbService.password};
		const missing = createEngine(project(run), {checkpointFile, env, resume: true});
		const failed = await missing.done;
		expect(failed.state).toBe('failed');
		expect(failed.error?.message).toContain('has no checkpoint to resume from');
		expect(failed.error?.hint).toContain('without --resume');

		const first = createEngine(project(run), {checkpointFile, env});
		await waitFor(first, (e) => e.state === 'running');
		await first.stop();
		// Written while the engine is stopped: a resumed run must still see them.
		await admin.query(`INSERT INTO engine_orders VALUES (10, 'paid', 1, ?), (11, 'paid', 2, ?)`, [run, run]);
		const second = createEngine(project(run), {checkpointFile, env, resume: true});
		await waitFor(second, (e) => e.snapshot().totals.acked >= 2);
		expect(second.snapshot().totals.insert).toBe(2);
		await second.stop();
		await admin.query('DELETE FROM engine_orders WHERE note = ?', [run]);
	});

	it('fails at start, before reading, with what to do when a selected table has no key to order by', async () => {
		const run = `r${Date.now()}`;
		const engine = createEngine(project(run, {objects: [{database: 'obsync_test', table: 'engine_nokey', topic: 'obsync_test_fifo'}]}), {
			checkpointFile: path.join(directory, `${run}.json`),
			env: {OBSYNC_TEST_PW: mariadbService.password},
		});
		const states: string[] = [];
		engine.subscribe((event) => {
			if (event.type === 'state') states.push(event.state);
		});
		const result = await engine.done;
		expect(states).toEqual(['failed']); // never running
		expect(result.error).toMatchObject({name: 'ConfigError', hint: expect.stringContaining('sharding columns')});
		expect(result.error?.message).toContain('`obsync_test`.`engine_nokey` has no primary key');
	});

	it('fails with what to do when a table loses its key while it runs (schema changes are checked as they come)', async () => {
		const run = `r${Date.now()}`;
		await admin.query('DROP TABLE IF EXISTS engine_losekey');
		await admin.query('CREATE TABLE engine_losekey (id INT PRIMARY KEY, v INT)');
		const engine = createEngine(project(run, {objects: [{database: 'obsync_test', table: 'engine_losekey', topic: 'obsync_test_fifo'}]}), {
			checkpointFile: path.join(directory, `${run}.json`),
			env: {OBSYNC_TEST_PW: mariadbService.password},
		});
		await waitFor(engine, (e) => e.state === 'running');
		await admin.query('ALTER TABLE engine_losekey DROP PRIMARY KEY');
		await admin.query('INSERT INTO engine_losekey VALUES (1, 1)');
		const result = await engine.done;
		expect(result.state).toBe('failed');
		expect(result.error).toMatchObject({name: 'ConfigError', hint: expect.stringContaining('sharding columns')});
		expect(result.error?.message).toContain('`obsync_test`.`engine_losekey` has no primary key');
		await admin.query('DROP TABLE IF EXISTS engine_losekey');
	});

	it('never shows a literal password in its errors', async () => {
		const secret = 'wrong-Secret-123';
		const engine = createEngine(
			parseProject(
				{
					name: 'engine-secret',
					source: {flavor: 'mariadb', ...mariadbSource, password: secret},
					destination: {endpoints: rocketmqService.endpoints},
					objects: [{database: 'obsync_test', table: 'engine_orders', topic: 'obsync_test_fifo'}],
				},
				'test project',
			),
			{checkpointFile: path.join(directory, 'secret.json')},
		);
		const result = await engine.done;
		expect(result.state).toBe('failed');
		expect(result.error?.message).toMatch(/Access denied/);
		expect(JSON.stringify(engine.snapshot())).not.toContain(secret);
	});
});
