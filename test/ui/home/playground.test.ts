import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {PLAYGROUND} from '../../../source/playground/playground-settings.js';
import {type PlaygroundProgress, type PlaygroundRun, runPlayground} from '../../../source/playground/run-playground.js';
import {ProjectStore} from '../../../source/store/project-store.js';
import {createServices, type UiServices} from '../../../source/ui/services.js';
import {connectAdmin} from '../../helpers/services.js';
import {memorySink} from '../helpers/memory-sink.js';
import {eventually} from './harness.js';
import {countOrders, dropPlaygroundDatabase, fakeClone, installedPackage, removeFixtures} from './playground-fixtures.js';

const homes: string[] = [];
function services(): {services: UiServices; sink: ReturnType<typeof memorySink>} {
	const home = mkdtempSync(path.join(tmpdir(), 'obsync-ui-home-pg-'));
	homes.push(home);
	const sink = memorySink();
	return {services: createServices({store: new ProjectStore({directory: home}), sink: sink.factory, timeoutMs: 5000}), sink};
}

let runs: PlaygroundRun[] = [];
beforeAll(dropPlaygroundDatabase);
afterEach(async () => {
	for (const run of runs) {
		await run.engine.stop();
		await run.workload.stop();
	}
	runs = [];
});
afterAll(async () => {
	await dropPlaygroundDatabase();
	removeFixtures();
	for (const home of homes) rmSync(home, {recursive: true, force: true});
});

describe('the playground (source/playground)', () => {
	it('brings the services up, creates the sample table, saves the data sources and project, starts it and a workload', async () => {
		const {services: runner, sink} = services();
		const progress: PlaygroundProgress[] = [];
		const run = await runPlayground({runner, workloadIntervalMs: 100, onProgress: (step) => progress.push(step)});
		runs.push(run);

		expect(progress.filter((step) => step.state === 'done').map((step) => step.step)).toEqual([
			'services',
			'table',
			'project',
			'start',
			'workload',
		]);
		expect(progress.some((step) => step.step === 'services' && /mariadb: already running, reused/.test(step.detail ?? ''))).toBe(true);
		expect(progress.find((step) => step.step === 'table' && step.state === 'done')?.detail).toBe('created');
		expect(readFileSync(path.join(runner.store.directory, 'playground.log'), 'utf8')).toMatch(/rocketmq: already running, reused/);

		const admin = await connectAdmin();
		const [columns] = await admin.query(
			`SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, COLUMN_KEY AS k, EXTRA AS extra FROM information_schema.COLUMNS
			 WHERE TABLE_SCHEMA = 'obsync_playground' AND TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION`,
		);
		await admin.end();
		expect((columns as Array<{name: string; type: string}>).map((column) => `${column.name} ${column.type}`)).toEqual([
			'id bigint(20)',
			'customer varchar(64)',
			'amount decimal(12,2)',
			"status enum('new','paid','shipped','delivered','cancelled')",
			'updated_at datetime(3)',
		]);
		expect(columns).toContainEqual(expect.objectContaining({name: 'id', k: 'PRI', extra: 'auto_increment'}));

		const store = runner.store;
		expect(store.dataSources('source')).toEqual([
			expect.objectContaining({name: 'playground-mariadb', flavor: 'mariadb', port: 23306, user: 'obsync'}),
		]);
		expect(store.dataSources('destination')).toEqual([
			expect.objectContaining({name: 'playground-rocketmq', endpoints: '127.0.0.1:28081', nameServer: '127.0.0.1:29876'}),
		]);
		expect(store.get('playground')).toMatchObject({
			tags: ['playground'],
			objects: [{database: 'obsync_playground', table: 'orders', topic: 'obsync_test_fifo'}],
		});
		expect(store.tags()).toContain('playground');
		expect(runner.running('playground')?.engine.state).toBe('running');

		await eventually(() => run.workload.counts.insert >= 3, 'three inserts by the workload');
		expect(await countOrders()).toBeGreaterThan(0);
		await eventually(
			() => sink.messages.filter((message) => message.topic === PLAYGROUND.topic).length >= 3,
			'the workload’s rows reaching the topic through the engine',
			20_000,
		);
		expect(run.workload.lastError).toBeNull();
	});

	it('reuses what exists when run again: the table, the saved project and the engine running here', async () => {
		const {services: runner} = services();
		const first = await runPlayground({runner, workloadIntervalMs: 200});
		runs.push(first);
		await first.workload.stop();
		const progress: PlaygroundProgress[] = [];
		const second = await runPlayground({runner, workloadIntervalMs: 200, onProgress: (step) => progress.push(step)});
		runs.push(second);
		const done = Object.fromEntries(progress.filter((step) => step.state === 'done').map((step) => [step.step, step.detail]));
		expect(done.table).toMatch(/^already there \(\d+ rows\), kept$/);
		expect(done.project).toBe('already saved, kept as it is; data sources playground-mariadb, playground-rocketmq');
		expect(done.start).toBe('already running here, kept');
		expect(second.engine).toBe(first.engine);
	});

	it('stops the workload when the project stops', async () => {
		const {services: runner} = services();
		const run = await runPlayground({runner, workloadIntervalMs: 100});
		runs.push(run);
		await eventually(() => run.workload.counts.insert > 0, 'a first insert');
		await run.engine.stop();
		await run.workload.done;
		expect(run.workload.running).toBe(false);
		const inserts = run.workload.counts.insert;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(run.workload.counts.insert).toBe(inserts);
	});

	it('resumes from the checkpoint when the playground ran before', async () => {
		const {services: runner} = services();
		const first = await runPlayground({runner, workloadIntervalMs: 200});
		await first.engine.stop();
		await first.workload.done;
		expect(runner.hasCheckpoint('playground')).toBe(true);
		const progress: PlaygroundProgress[] = [];
		const second = await runPlayground({runner, workloadIntervalMs: 200, onProgress: (step) => progress.push(step)});
		runs.push(second);
		expect(progress.find((step) => step.step === 'start' && step.state === 'done')?.detail).toBe('running, resumed from its checkpoint');
	});

	it('says an installed package needs a clone, before doing anything', async () => {
		const {services: runner} = services();
		const progress: PlaygroundProgress[] = [];
		await expect(runPlayground({runner, root: installedPackage(), onProgress: (step) => progress.push(step)})).rejects.toThrow(
			/the playground needs a clone of the obsync repository/,
		);
		expect(progress).toEqual([{step: 'services', state: 'failed', detail: expect.stringMatching(/git clone the repository/)}]);
		expect(runner.store.names()).toEqual([]);
	});

	it('reports a services script that fails with its last error line and the log file', async () => {
		const {services: runner} = services();
		const root = fakeClone(
			"process.stderr.write('mariadb: starting\\nerror: port 23306 is taken by another process\\n'); process.exit(1);\n",
		);
		const progress: PlaygroundProgress[] = [];
		const failure = runPlayground({runner, root, onProgress: (step) => progress.push(step)});
		await expect(failure).rejects.toThrow('the test services did not start (exit code 1): error: port 23306 is taken by another process');
		expect(progress.at(-1)).toMatchObject({step: 'services', state: 'failed', detail: expect.stringContaining('playground.log')});
		expect(progress).toContainEqual({step: 'services', state: 'running', detail: 'mariadb: starting'});
		expect(readFileSync(path.join(runner.store.directory, 'playground.log'), 'utf8')).toContain('error: port 23306 is taken');
		expect(runner.store.names()).toEqual([]);
	});

	it('is cancelled through its signal while the services start, ending the script', async () => {
		const {services: runner} = services();
		const root = fakeClone("process.stderr.write('rocketmq: downloading\\n'); setTimeout(() => {}, 60_000);\n");
		const controller = new AbortController();
		const progress: PlaygroundProgress[] = [];
		const failure = runPlayground({
			runner,
			root,
			signal: controller.signal,
			onProgress: (step) => {
				progress.push(step);
				if (step.detail === 'rocketmq: downloading') controller.abort();
			},
		});
		await expect(failure).rejects.toThrow();
		expect(progress.at(-1)).toEqual({step: 'services', state: 'failed', detail: 'cancelled'});
		expect(runner.store.names()).toEqual([]);
	});
});
