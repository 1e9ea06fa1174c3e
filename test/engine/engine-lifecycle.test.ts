/**
 * The engine's lifecycle as a dashboard drives it: pause, resume, stop from paused; and lag that tells the truth
 * while only tables outside the project change (heartbeats and filtered transactions keep it at 0).
 */
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createEngine, type Engine} from '../../source/engine/engine.js';
import type {EngineState} from '../../source/engine/engine-events.js';
import {parseProject} from '../../source/engine/project/parse-project.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';

let admin: mysql.Connection;
let directory: string;

beforeAll(async () => {
	admin = await connectAdmin();
	directory = await mkdtemp(path.join(tmpdir(), 'obsync-lifecycle-'));
	await admin.query('DROP TABLE IF EXISTS life_selected, life_ignored');
	await admin.query('CREATE TABLE life_selected (id INT PRIMARY KEY, v INT)');
	await admin.query('CREATE TABLE life_ignored (id INT PRIMARY KEY AUTO_INCREMENT, v INT)');
});

afterAll(async () => {
	await admin?.query('DROP TABLE IF EXISTS life_selected, life_ignored');
	await admin?.end();
});

const project = parseProject(
	{
		name: 'engine-lifecycle',
		source: {flavor: 'mariadb', ...mariadbSource},
		destination: {endpoints: rocketmqService.endpoints},
		objects: [{database: 'obsync_test', table: 'life_selected', topic: 'obsync_test_fifo'}],
	},
	'test project',
);

async function until(engine: Engine, test: (e: Engine) => boolean, ms = 20_000) {
	const deadline = Date.now() + ms;
	while (!test(engine)) {
		if (Date.now() > deadline) throw new Error(`timed out; snapshot ${JSON.stringify(engine.snapshot())}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('engine lifecycle', () => {
	it('pauses, resumes, and stops from paused with every state announced in order', async () => {
		const states: EngineState[] = [];
		const engine = createEngine(project, {checkpointFile: path.join(directory, 'pause.json'), statusIntervalMs: 100});
		engine.subscribe((event) => {
			if (event.type === 'state') states.push(event.state);
		});
		await until(engine, (e) => e.state === 'running');
		engine.pause();
		await until(engine, (e) => e.state === 'paused');
		engine.resume();
		await until(engine, (e) => e.state === 'running');
		engine.pause();
		await until(engine, (e) => e.state === 'paused');
		const result = await engine.stop();
		expect(result.state).toBe('stopped');
		expect(states).toEqual(['running', 'paused', 'running', 'paused', 'stopping', 'stopped']);
	});

	it('stops at once when asked right after it reports running, while the replication connection is still being set up', async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			const engine = createEngine(project, {checkpointFile: path.join(directory, `quick-${attempt}.json`)});
			await until(engine, (e) => e.state === 'running');
			await new Promise((resolve) => setTimeout(resolve, attempt * 25));
			const result = await engine.stop();
			expect(result.state).toBe('stopped');
		}
	});

	it('keeps lag at 0 while only a table outside the project changes, and sends nothing for it', async () => {
		const engine = createEngine(project, {checkpointFile: path.join(directory, 'lag.json'), statusIntervalMs: 100});
		await until(engine, (e) => e.state === 'running' && e.snapshot().lagSeconds === 0);
		const lags: number[] = [];
		const unsubscribe = engine.subscribe((event) => {
			if (event.type === 'status' && event.snapshot.lagSeconds !== null) lags.push(event.snapshot.lagSeconds);
		});
		for (let i = 0; i < 40; i++) {
			await admin.query('INSERT INTO life_ignored (v) VALUES (?)', [i]);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await until(engine, (e) => e.snapshot().totals.transactions >= 40);
		unsubscribe();
		const snapshot = engine.snapshot();
		await engine.stop();
		expect(lags.length).toBeGreaterThan(5);
		expect(Math.max(...lags)).toBeLessThanOrEqual(1);
		expect(snapshot.totals.acked).toBe(0);
		expect(snapshot.tables['obsync_test.life_ignored']).toBeUndefined();
	});
});
