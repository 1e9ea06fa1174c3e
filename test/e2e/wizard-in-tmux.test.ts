/**
 * The whole interactive flow, as a person at a terminal does it: the built CLI in tmux (80x24), from the first-run
 * welcome through the five wizard steps against the real MariaDB and RocketMQ, Start Project, rows written in MariaDB
 * moving the dashboard's counters, the messages read back from RocketMQ, and quitting (which asks first).
 *
 * With OBSYNC_SCREENS=DIR it also runs at 120x40 and writes each screen as text to DIR/<size>/ (the captures in docs/;
 * `npm run docs:screens`).
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readBack} from '../helpers/delivery.js';
import {connectAdmin, mariadbService, rocketmqService} from '../helpers/services.js';
import {TmuxSession} from '../helpers/tmux.js';
import {projectRoot} from '../services/settings.mjs';

const screensDir = process.env.OBSYNC_SCREENS ? path.resolve(projectRoot, process.env.OBSYNC_SCREENS) : undefined;
const sizes: Array<[number, number]> = screensDir
	? [
			[80, 24],
			[120, 40],
		]
	: [[80, 24]];
const topic = 'obsync_test_fifo_b';
const table = 'e2e_tui_orders';
const cli = `node --max-semi-space-size=64 ${path.join(projectRoot, 'dist', 'cli.js')}`;

let admin: mysql.Connection;

beforeAll(async () => {
	admin = await connectAdmin();
	await admin.query(`DROP TABLE IF EXISTS ${table}`);
	await admin.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, item VARCHAR(40), qty INT)`);
});

afterAll(async () => {
	await admin?.query(`DROP TABLE IF EXISTS ${table}`);
	await admin?.end();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A person's pace: one key at a time, each after the screen has taken the previous one. */
async function keys(tmux: TmuxSession, ...names: string[]) {
	for (const name of names) {
		tmux.keys(name);
		await pause(250);
	}
}

async function type(tmux: TmuxSession, text: string) {
	tmux.type(text);
	await pause(350);
}

describe.each(sizes)('the interactive app at %ix%i, end to end', (columns, rows) => {
	let tmux: TmuxSession | undefined;
	let home: string;
	const shots = new Map<string, string>();
	const shot = (name: string, screen: string) => shots.set(name, screen);

	beforeAll(() => {
		home = mkdtempSync(path.join(tmpdir(), 'obsync-tmux-'));
	});

	afterAll(() => {
		tmux?.close();
		rmSync(home, {recursive: true, force: true});
		if (screensDir && shots.size > 0) {
			const directory = path.join(screensDir, `${columns}x${rows}`);
			mkdirSync(directory, {recursive: true});
			for (const [name, screen] of shots) writeFileSync(path.join(directory, `${name}.txt`), `${screen.trimEnd()}\n`);
		}
	});

	it('creates a project through the wizard, starts it, shows rows flowing, and quits after asking', async () => {
		const run = `tui${Date.now()}`;
		const project = `orders_${columns}`;
		tmux = TmuxSession.start(`wizard${columns}`, cli, {columns, rows, env: {OBSYNC_HOME: home, TERM: 'xterm-256color'}, cwd: projectRoot});

		// Home, first run: the welcome offers a project or the playground.
		shot('01-welcome', await tmux.waitFor('Welcome to obsync'));
		await keys(tmux, '?');
		shot('02-help', await tmux.waitFor('Press ? or Esc to close.'));
		await keys(tmux, 'Escape', 'n');

		// Step 1: name, then add the source and the destination in place, each tested and saved.
		await tmux.waitFor('Step 1 of 5');
		await type(tmux, project);
		shot('03-step-1', tmux.capture());
		await keys(tmux, 'Down', 'Down', 'Enter');
		await tmux.waitFor('+ Add data source');
		await keys(tmux, 'Enter');
		await tmux.waitFor('Data source name');
		await type(tmux, 'local-mariadb');
		await keys(tmux, 'Down', 'Right', 'Right', 'Down');
		await tmux.waitFor(/Type\s+mariadb/);
		await type(tmux, mariadbService.host);
		await keys(tmux, 'Down', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
		await type(tmux, String(mariadbService.port));
		await keys(tmux, 'Down');
		await type(tmux, mariadbService.user);
		await keys(tmux, 'Down');
		await type(tmux, mariadbService.password);
		await keys(tmux, 'Down', 'Down', 'Enter');
		const sourceForm = await tmux.waitFor('Connected: mariadb');
		expect(sourceForm).not.toContain(mariadbService.password);
		shot('04-source-form', sourceForm);
		await keys(tmux, 'Down', 'Enter');
		await tmux.waitFor('chose it as the source');
		await keys(tmux, 'Down', 'Enter');
		await tmux.waitFor('+ Add data source');
		await keys(tmux, 'Enter');
		await tmux.waitFor('Proxy endpoint');
		await type(tmux, 'local-rocketmq');
		// Transport stays remoting (the default): the name server is all it needs, the proxy endpoint stays empty.
		await keys(tmux, 'Down', 'Down');
		await type(tmux, rocketmqService.namesrv);
		await keys(tmux, 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Enter');
		shot('05-destination-form', await tmux.waitFor('Connected: the name server at'));
		await keys(tmux, 'Down', 'Enter');
		shot('06-step-1-done', await tmux.waitFor('chose it as the destination'));
		await keys(tmux, 'Down', 'Enter');

		// Step 2: insert, update and delete, as they are.
		shot('07-step-2', await tmux.waitFor('Step 2 of 5'));
		await keys(tmux, 'Enter');

		// Step 3: find the table, map it to the FIFO topic.
		await tmux.waitFor('Step 3 of 5');
		await keys(tmux, '/');
		await type(tmux, table);
		await keys(tmux, 'Enter', 'Down', 'Space', '>');
		await tmux.waitFor('Map 1 table to a topic');
		await type(tmux, topic);
		shot('08-step-3-map-to-topic', tmux.capture());
		await keys(tmux, 'Enter');
		shot('09-step-3', await tmux.waitFor(`Mapped 1 table to ${topic}`));
		await keys(tmux, 'n');

		// Step 4: the defaults (start now, Default format, Hash).
		shot('10-step-4', await tmux.waitFor('Step 4 of 5'));
		await keys(tmux, 'Up', 'Enter');

		// Step 5: every check passes; Start Project opens the dashboard.
		shot('11-step-5', await tmux.waitFor(/Precheck of \S+: \d+ passed, 0 failed/, 60_000));
		await keys(tmux, 'Enter');
		await tmux.waitFor(/State\s+● running/, 60_000);
		await tmux.waitFor('0 s (caught up)', 60_000);

		// Rows written in MariaDB move the counters; the messages are in RocketMQ.
		const id = columns * 1000; // each size its own rows
		await admin.query(`INSERT INTO ${table} VALUES (?, ?, 1), (?, ?, 2)`, [id + 1, `${run}-a`, id + 2, `${run}-b`]);
		await admin.query(`UPDATE ${table} SET qty = 5 WHERE id = ?`, [id + 1]);
		await admin.query(`DELETE FROM ${table} WHERE id = ?`, [id + 2]);
		// The row counts show as soon as the changes are read, the acks once RocketMQ answers: wait for both.
		const dashboard = await tmux.waitFor(/insert 2 · update 1 · delete 1[\s\S]*acked 4/, 30_000);
		expect(dashboard).toMatch(/acked 4/);
		expect(dashboard).toContain(`obsync_test.${table}`);
		shot('12-dashboard', await tmux.waitFor(/Checkpoint\s+\S+:\d+ · saved/));
		const received = await readBack(topic, run, 4);
		expect(received.map((message) => message.change.split(':')[0]).sort()).toEqual(['DELETE', 'INSERT', 'INSERT', 'UPDATE']);

		// Quitting while the project runs asks first and says how to keep it running.
		await keys(tmux, 'q');
		shot('13-quit', await tmux.waitFor(`obsync run ${project} --resume`));
		await keys(tmux, 'y');
		const deadline = Date.now() + 30_000;
		while (!tmux.exited() && Date.now() < deadline) await pause(100);
		expect(tmux.exited()).toBe(true);
	}, 240_000);
});
