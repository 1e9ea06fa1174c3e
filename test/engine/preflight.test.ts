/**
 * The start check of a run against the test services: MariaDB for the schemas, RocketMQ 5.3.3 (and 4.9.7) for the
 * topics. Each refusal is checked word for word, message and hint, as `obsync run` prints them.
 */
import mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CdcError, ConfigError, ConnectionError} from '../../source/engine/errors.js';
import {preflight} from '../../source/engine/preflight.js';
import {parseProject} from '../../source/engine/project/parse-project.js';
import type {Project} from '../../source/engine/project/project-schema.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmq4Service, rocketmqService} from '../helpers/services.js';

const ns = rocketmqService.namesrv;
const manyTables = Array.from({length: 20}, (_, i) => `pf_many_${i}`);

let pool: mysql.Pool;
const query = async (sql: string, values?: unknown[]) => (await pool.query(sql, values))[0] as Array<Record<string, unknown>>;

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('DROP VIEW IF EXISTS pf_view');
	await admin.query('DROP TABLE IF EXISTS pf_orders, pf_nokey, pf_missing');
	await admin.query('CREATE TABLE pf_orders (id INT PRIMARY KEY, status VARCHAR(10), amount INT)');
	await admin.query('CREATE TABLE pf_nokey (v INT)');
	await admin.query('CREATE VIEW pf_view AS SELECT id FROM pf_orders');
	for (const table of manyTables) await admin.query(`CREATE TABLE IF NOT EXISTS ${table} (id INT PRIMARY KEY, v VARCHAR(10))`);
	await admin.end();
	pool = mysql.createPool({...mariadbService, connectionLimit: 2});
});

afterAll(async () => {
	await pool?.end();
});

const orders = {database: 'obsync_test', table: 'pf_orders', topic: 'obsync_test_fifo'};

function project(name: string, objects: object[], extra: Record<string, unknown> = {}): Project {
	return parseProject(
		{name, source: {flavor: 'mariadb', ...mariadbSource}, destination: {nameServer: ns}, objects, ...extra},
		'test project',
	);
}

/** The ConfigError preflight throws, as message and hint. */
async function refusal(tried: Project, options: {query?: typeof query} = {}): Promise<{message: string; hint: string | undefined}> {
	const error = await preflight(tried, {query: options.query ?? query}).then(
		() => new Error('preflight let the project start'),
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(ConfigError);
	return {message: (error as ConfigError).message, hint: (error as ConfigError).hint};
}

describe('preflight, the start check of a run', () => {
	it('lets a project start whose tables compile against the live schema and whose topics exist and are FIFO', async () => {
		const sound = project(
			'pf-sound',
			[
				{...orders, where: "status = 'paid' AND amount > 10", columns: ['id', 'status'], shardingColumns: ['id']},
				{database: 'obsync_test', table: 'pf_nokey', topic: 'obsync_test_fifo_b', shardingColumns: ['v']},
			],
			{options: {messageTracing: true, traceTopic: 'obsync_test_trace'}},
		);

		await expect(preflight(sound, {query})).resolves.toBeUndefined();
	});

	it('stops a table mapped to a NORMAL topic, naming the topic and the table, with the command that makes it FIFO', async () => {
		const normal = project('pf-normal', [{...orders, topic: 'obsync_test_normal'}]);

		expect(await refusal(normal)).toEqual({
			message: 'project pf-normal cannot start: topic obsync_test_normal (mapped from obsync_test.pf_orders) is NORMAL, not FIFO',
			hint: `per-key order needs FIFO topics: mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_normal -a +message.type=FIFO, or map the tables to FIFO topics`,
		});
	});

	it('stops a table that has no key when no sharding columns are chosen, and says to choose them', async () => {
		const keyless = project('pf-keyless', [{database: 'obsync_test', table: 'pf_nokey', topic: 'obsync_test_fifo'}]);

		expect(await refusal(keyless)).toEqual({
			message:
				'project pf-keyless cannot start: `obsync_test`.`pf_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key',
			hint: 'choose sharding columns for it in the object settings (rows with equal values in them keep their order)',
		});
	});

	it('stops a row filter that names a column the table does not have, listing the columns it has', async () => {
		const badFilter = project('pf-filter', [{...orders, where: "nope = 1 AND status = 'paid'"}]);

		expect(await refusal(badFilter)).toEqual({
			message: 'project pf-filter cannot start: the row filter of obsync_test.pf_orders names column(s) the table does not have: nope',
			hint: 'the columns are: id, status, amount',
		});
	});

	it('stops a row filter that is not a WHERE condition', async () => {
		const badFilter = project('pf-syntax', [{...orders, where: 'status = = 1'}]);

		expect(await refusal(badFilter)).toMatchObject({
			message: expect.stringMatching(
				/^project pf-syntax cannot start: the row filter of obsync_test.pf_orders is not a valid WHERE clause: /,
			),
			hint: "write a condition as after WHERE in MySQL, e.g. `status` = 'paid' AND amount > 100; quote reserved words with backticks",
		});
	});

	it('stops a table that does not exist', async () => {
		const missing = project('pf-missing-table', [{...orders, table: 'pf_missing'}]);

		expect(await refusal(missing)).toEqual({
			message: 'project pf-missing-table cannot start: table `obsync_test`.`pf_missing` does not exist or is not visible to this user',
			hint: 'check the name, and grant SELECT on it to the source user',
		});
	});

	it('stops a topic that does not exist at the name server, with the command that creates it', async () => {
		const missing = project('pf-missing-topic', [{...orders, topic: 'obsync_test_nope'}]);

		expect(await refusal(missing)).toEqual({
			message: `project pf-missing-topic cannot start: topic obsync_test_nope (mapped from obsync_test.pf_orders) does not exist at the name server ${ns}`,
			hint: `create it with message.type=FIFO (mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_nope -a +message.type=FIFO), or map the tables to existing FIFO topics`,
		});
	});

	it('reports every problem at once, numbered, each with its fix: several tables, several problems of one table, topics and the trace topic', async () => {
		const broken = project(
			'pf-broken',
			[
				{database: 'obsync_test', table: 'pf_nokey', topic: 'obsync_test_fifo', where: 'nope = 1'},
				{database: 'obsync_test', table: 'pf_view', topic: 'obsync_test_fifo'},
				{...orders, topic: 'obsync_test_normal', columns: ['id', 'ghost']},
				{database: 'obsync_test', table: 'pf_missing', topic: 'obsync_test_nope'},
			],
			{options: {messageTracing: true, traceTopic: 'obsync_test_fifo'}},
		);

		expect(await refusal(broken)).toEqual({
			message: [
				'project pf-broken cannot start, 8 problems:',
				'  1. the row filter of obsync_test.pf_nokey names column(s) the table does not have: nope',
				'  2. `obsync_test`.`pf_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key',
				'  3. obsync_test.pf_view is a view, not a physical table',
				'  4. the selected column(s) ghost do not exist in obsync_test.pf_orders',
				'  5. table `obsync_test`.`pf_missing` does not exist or is not visible to this user',
				`  6. topic obsync_test_nope (mapped from obsync_test.pf_missing) does not exist at the name server ${ns}`,
				'  7. topic obsync_test_normal (mapped from obsync_test.pf_orders) is NORMAL, not FIFO',
				'  8. the message trace topic obsync_test_fifo is FIFO, not NORMAL',
			].join('\n'),
			hint: [
				'1. the columns are: v',
				'        2. choose sharding columns for it in the object settings (rows with equal values in them keep their order)',
				'        3. select physical tables only',
				'        4. choose among: id, status, amount',
				'        5. check the name, and grant SELECT on it to the source user',
				`        6. create it with message.type=FIFO (mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_nope -a +message.type=FIFO), or map the tables to existing FIFO topics`,
				`        7. per-key order needs FIFO topics: mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_normal -a +message.type=FIFO, or map the tables to FIFO topics`,
				'        8. trace records are NORMAL messages: use a NORMAL topic',
			].join('\n'),
		});
	});

	it('names every table mapped to a topic it refuses', async () => {
		const shared = project('pf-shared', [
			{...orders, topic: 'obsync_test_normal'},
			{database: 'obsync_test', table: 'pf_many_0', topic: 'obsync_test_normal'},
		]);

		expect((await refusal(shared)).message).toBe(
			'project pf-shared cannot start: topic obsync_test_normal (mapped from obsync_test.pf_orders, obsync_test.pf_many_0) is NORMAL, not FIFO',
		);
	});

	it("looks the topics up in the project's namespace, as the transports send to them", async () => {
		const namespaced = project('pf-namespace', [orders], {destination: {nameServer: ns, namespace: 'pf_ns'}});

		expect((await refusal(namespaced)).message).toBe(
			`project pf-namespace cannot start: topic obsync_test_fifo (mapped from obsync_test.pf_orders) does not exist at the name server ${ns} (namespace pf_ns)`,
		);
	});

	it('stops a missing trace topic when message tracing is on', async () => {
		const tracing = project('pf-trace', [orders], {options: {messageTracing: true, traceTopic: 'obsync_test_no_trace'}});

		expect(await refusal(tracing)).toEqual({
			message: `project pf-trace cannot start: the message trace topic obsync_test_no_trace does not exist at the name server ${ns}`,
			hint: `create it as a NORMAL topic: mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_no_trace -a +message.type=NORMAL`,
		});
	});

	it('accepts the topics of RocketMQ 4.x, which have no message type, as the precheck does, and still stops a missing one', async () => {
		const on4 = (name: string, topic: string) => project(name, [{...orders, topic}], {destination: {nameServer: rocketmq4Service.namesrv}});

		await expect(preflight(on4('pf-4x', 'obsync_test_fifo'), {query})).resolves.toBeUndefined();
		expect((await refusal(on4('pf-4x-missing', 'obsync_test_nope'))).message).toBe(
			`project pf-4x-missing cannot start: topic obsync_test_nope (mapped from obsync_test.pf_orders) does not exist at the name server ${rocketmq4Service.namesrv}`,
		);
	});

	it('does not judge topics without a name server (gRPC through the proxy alone), and still compiles the tables', async () => {
		const grpc = (objects: object[]) => project('pf-grpc', objects, {destination: {endpoints: rocketmqService.endpoints}});

		await expect(preflight(grpc([{...orders, topic: 'obsync_test_normal'}]), {query})).resolves.toBeUndefined();
		expect((await refusal(grpc([{...orders, where: 'nope = 1'}]))).message).toBe(
			'project pf-grpc cannot start: the row filter of obsync_test.pf_orders names column(s) the table does not have: nope',
		);
	});

	it('judges the topics through the name server on the gRPC transport when the project names one', async () => {
		const grpc = project('pf-grpc-ns', [{...orders, topic: 'obsync_test_normal'}], {
			destination: {transport: 'grpc', endpoints: rocketmqService.endpoints, nameServer: ns},
		});

		expect((await refusal(grpc)).message).toBe(
			'project pf-grpc-ns cannot start: topic obsync_test_normal (mapped from obsync_test.pf_orders) is NORMAL, not FIFO',
		);
	});

	it("rejects with the source's own error, not a configuration problem, when the source does not answer", async () => {
		const unreachable = mysql.createPool({...mariadbService, port: 1, connectionLimit: 2});
		try {
			const error = await preflight(project('pf-no-source', [orders]), {
				query: async (sql, values) => (await unreachable.query(sql, values))[0] as Array<Record<string, unknown>>,
			}).catch((thrown: unknown) => thrown);

			expect(error).not.toBeInstanceOf(CdcError);
			expect(error).toMatchObject({code: 'ECONNREFUSED'});
		} finally {
			await unreachable.end();
		}
	});

	it('still reports the problems it found when another check could not be made', async () => {
		const noNameServer = project('pf-partial', [{...orders, where: 'nope = 1'}], {destination: {nameServer: '127.0.0.1:1'}});

		expect((await refusal(noNameServer)).message).toBe(
			'project pf-partial cannot start: the row filter of obsync_test.pf_orders names column(s) the table does not have: nope',
		);
	});

	it('stops at once with the reason of the signal that aborts it', async () => {
		const reason = new Error('stopping');

		await expect(preflight(project('pf-abort', [orders]), {query, signal: AbortSignal.abort(reason)})).rejects.toBe(reason);
	});

	it('gives up with a ConnectionError after timeoutMs', async () => {
		const error = await preflight(project('pf-timeout', [orders]), {query, timeoutMs: 1}).catch((thrown: unknown) => thrown);

		expect(error).toBeInstanceOf(ConnectionError);
		expect(error).toMatchObject({
			message: 'the start checks of project pf-timeout did not finish within 1 ms',
			hint: 'check that the source database and the RocketMQ name server answer from this machine',
		});
	});

	it('checks 20 tables and their topic in well under a second, on a fresh pool', async () => {
		const fresh = mysql.createPool({...mariadbService, connectionLimit: 2});
		try {
			const many = project(
				'pf-many',
				manyTables.map((table) => ({database: 'obsync_test', table, topic: 'obsync_test_fifo'})),
			);
			const started = performance.now();
			await preflight(many, {query: async (sql, values) => (await fresh.query(sql, values))[0] as Array<Record<string, unknown>>});
			const ms = performance.now() - started;

			expect(ms).toBeLessThan(1000);
		} finally {
			await fresh.end();
		}
	});
});
