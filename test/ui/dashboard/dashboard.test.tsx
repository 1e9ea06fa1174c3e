/**
 * The project dashboard against the real MariaDB test service (engines send to the in-memory sink): started with `s`,
 * its counters follow rows written in MariaDB; p, r and s pause, resume and stop it; a project that does not run shows
 * its saved state and precheck; a failing project shows why and what to do.
 */
import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import type mysql from 'mysql2/promise';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {saveCheckpoint} from '../../../source/engine/checkpoint/checkpoint-store.js';
import type {CheckResult} from '../../../source/engine/precheck/prechecks.js';
import {parseProject} from '../../../source/engine/project/parse-project.js';
import type {Project, ProjectInput} from '../../../source/engine/project/project-schema.js';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {App} from '../../../source/ui/app.js';
import {draftFromProject, readDraft} from '../../../source/ui/wizard/draft.js';
import {connectAdmin} from '../../helpers/services.js';
import {keys, type RenderedUi, renderUi, testDestination, testSource} from '../helpers/render-ui.js';

const table = 'ui_dash_orders';
const topic = 'obsync_test_fifo';
let admin: mysql.Connection;
let ui: RenderedUi | undefined;

beforeAll(async () => {
	admin = await connectAdmin();
	await admin.query(`DROP TABLE IF EXISTS ${table}`);
	await admin.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, status VARCHAR(20), amount DECIMAL(10,2))`);
});

afterAll(async () => {
	await admin?.query(`DROP TABLE IF EXISTS ${table}`);
	await admin?.end();
});

afterEach(async () => {
	if (!ui) return;
	// Engines drain and save before the store's directory goes away.
	await Promise.all(ui.store.names().map((name) => ui?.services.running(name)?.engine.stop()));
	ui.cleanup();
	ui = undefined;
});

function projectNamed(name: string, change: Partial<ProjectInput> = {}): Project {
	return parseProject(
		{
			name,
			source: testSource,
			destination: testDestination,
			objects: [{database: 'obsync_test', table, topic}],
			...change,
		},
		'test project',
	);
}

const checks: CheckResult[] = [
	{id: 'source', title: 'Source connection', status: 'pass', detail: 'MariaDB 10.11 at 127.0.0.1:23306', durationMs: 12},
	{
		id: 'topic',
		title: 'Topic is FIFO',
		status: 'fail',
		detail: 'obsync_test_normal is a NORMAL topic',
		hint: 'create it with -a +message.type=FIFO',
		durationMs: 30,
	},
	{id: 'lag', title: 'Binlog retention', status: 'warn', detail: 'binlogs are kept 1 day', hint: 'keep them 3 days', durationMs: 4},
];

function seedProject(project: Project, precheck?: CheckResult[]) {
	return (store: ProjectStore) => {
		store.save(project);
		if (precheck) store.savePrecheck(project.name, {at: new Date().toISOString(), results: precheck});
	};
}

/** The frame as one line of words: what wraps inside boxes and rows reads as it was written. */
function flat(frame: string): string {
	return frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
}

/** The key-hint bar: the frame's last line. */
function hintBar(frame: string): string {
	return frame.trimEnd().split('\n').at(-1) ?? '';
}

/**
 * Presses a key until the frame shows its effect. A box that just appeared listens only once React has run its
 * effects, which on a busy machine can be later than its first frame; a key pressed before is not heard.
 */
async function pressUntil(key: string, expected: (frame: string) => boolean): Promise<void> {
	for (let attempt = 0; attempt < 5; attempt++) {
		await ui!.press(key);
		try {
			await ui!.waitFor(expected, 1000);
			return;
		} catch {
			// not heard yet: press again
		}
	}
	await ui!.waitFor(expected, 1000);
}

/** The number shown after `label` (e.g. `rows/s 12.5`), or NaN. */
function numberAfter(frame: string, label: string): number {
	const match = new RegExp(`${label.replace('/', '\\/')}\\s+([\\d,.]+)`).exec(frame);
	return match ? Number(match[1]!.replaceAll(',', '')) : Number.NaN;
}

describe('Dashboard: a project running in this process', () => {
	it('starts with s, follows inserts, updates and deletes per table, topic and in totals, with rates and lag', async () => {
		const name = 'ui_dash_live';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('not running');
		expect(ui.lastFrame()).toContain('s start');
		await ui.press('s');
		await ui.waitFor('● running', 20_000);
		expect(ui.lastFrame()).toContain('p pause');
		expect(ui.lastFrame()).toContain('Esc back (keeps running)');
		// Lag becomes known: the source's heartbeat says nothing is newer.
		await ui.waitFor('0 s (caught up)', 20_000);

		for (let id = 1; id <= 3; id++) await admin.query(`INSERT INTO ${table} VALUES (?, 'new', ?)`, [id, id * 10]);
		await admin.query(`UPDATE ${table} SET status = 'paid' WHERE id = 2`);
		await admin.query(`DELETE FROM ${table} WHERE id = 3`);

		const frame = await ui.waitFor(`obsync_test.${table} insert 3 · update 1 · delete 1`, 20_000);
		expect(frame).toMatch(/Rows\s+insert 3 · update 1 · delete 1 · ddl 0 · filtered 0/);
		expect(frame).toMatch(/messages 5 · acked 5/);
		expect(frame).toContain(`${topic} 5 acked`);
		// Rates move while the window holds the burst.
		await ui.waitFor((f) => numberAfter(f, 'rows/s') > 0 && numberAfter(f, 'msgs/s') > 0);
		expect(frame).toMatch(/Position\s+\S+:\d+ \(last read\)/);
		expect(frame).toMatch(/Checkpoint\s+\S+:\d+ · saved \d\d:\d\d:\d\d/);

		// The sink got the five changes, in order, for the one topic.
		expect(ui.sink.messages).toHaveLength(5);
		expect(new Set(ui.sink.messages.map((m) => m.topic))).toEqual(new Set([topic]));
		const bodies = ui.sink.messages.map((m) => JSON.parse(m.body.toString()) as {recordType: string; allMetaData: {table_name: string}});
		expect(bodies.map((b) => b.recordType)).toEqual(['INSERT', 'INSERT', 'INSERT', 'UPDATE', 'DELETE']);
		expect(new Set(bodies.map((b) => b.allMetaData.table_name))).toEqual(new Set([table]));
	});

	it('pauses with p, resumes with r, and stops with s showing stopped and the saved checkpoint', async () => {
		const name = 'ui_dash_pause';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('s start');
		await ui.press('s');
		await ui.waitFor('● running', 20_000);

		await ui.press('p');
		await ui.waitFor('‖ paused');
		expect(ui.lastFrame()).toContain('r resume');
		expect(ui.services.running(name)?.engine.state).toBe('paused');
		// Rows written while paused wait in the binlog, then arrive after the resume.
		await admin.query(`INSERT INTO ${table} VALUES (100, 'paused', 1)`);
		await ui.press('r');
		await ui.waitFor('● running');
		await ui.waitFor(/Rows\s+insert 1 /, 20_000);

		await ui.press('s');
		const stopped = await ui.waitFor('■ stopped', 20_000);
		await ui.waitFor('stopped; checkpoint saved at');
		expect(stopped).toMatch(/Checkpoint\s+\S+:\d+ · saved/);
		// Stopped here: it can be resumed from its checkpoint, or edited.
		expect(ui.lastFrame()).toContain('s resume from checkpoint');
		expect(ui.lastFrame()).toContain('e edit');
		expect(ui.services.hasCheckpoint(name)).toBe(true);
		await admin.query(`DELETE FROM ${table} WHERE id = 100`);
	});

	it('resumes a stopped project from its checkpoint with s and receives what changed meanwhile', async () => {
		const name = 'ui_dash_resume';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('s start');
		await ui.press('s');
		await ui.waitFor('0 s (caught up)', 20_000);
		await ui.press('s');
		await ui.waitFor('■ stopped', 20_000);
		await admin.query(`INSERT INTO ${table} VALUES (200, 'offline', 2)`);
		await ui.press('s');
		await ui.waitFor('● running', 20_000);
		await ui.waitFor(/Rows\s+insert 1 /, 20_000);
		expect(ui.sink.messages.some((m) => m.body.toString().includes('offline'))).toBe(true);
		await admin.query(`DELETE FROM ${table} WHERE id = 200`);
	});

	it('shows an engine already running here as soon as it opens, and Esc leaves it running', async () => {
		const name = 'ui_dash_open';
		ui = renderUi({
			seed: seedProject(projectNamed(name)),
			element: (services) => {
				services.start(services.store.get(name));
				return <App services={services} initialRoute={{screen: 'dashboard', project: name}} />;
			},
		});
		// Caught up: the replication stream is open (the afterEach stop does not land while it is being set up).
		await ui.waitFor('0 s (caught up)', 20_000);
		await ui.press('e');
		await ui.waitFor(`stop ${name} (s) before editing it`);
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('Lag'));
		expect(ui.services.running(name)?.engine.state).toBe('running');
	});

	it('asks before quitting with q and says how to keep the project running headless', async () => {
		const name = 'ui_dash_quit';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('s start');
		await ui.press('s');
		await ui.waitFor('0 s (caught up)', 20_000);
		await ui.press('q');
		await ui.waitFor(`Stop ${name} and quit?`);
		expect(flat(ui.lastFrame())).toContain(`quit, then run \`obsync run ${name} --resume\``);
		await pressUntil('n', (frame) => !frame.includes('and quit?'));
		expect(ui.services.running(name)?.engine.state).toBe('running');
	});

	it('keeps to 22 rows while running', async () => {
		const name = 'ui_dash_rows';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name), checks)});
		await ui.waitFor('s start');
		await ui.press('s');
		await ui.waitFor('0 s (caught up)', 20_000);
		expect(ui.lastFrame()).toContain('Precheck');
		expect(ui.lastFrame()).toContain('failed: Topic is FIFO');
		expect(ui.lastFrame().split('\n').length).toBeLessThanOrEqual(22);
	});
});

describe('Dashboard: a project not running here', () => {
	it('shows "not running", what it syncs, no checkpoint yet, and its precheck results with what to fix', async () => {
		const name = 'ui_dash_idle';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name), checks)});
		const frame = await ui.waitFor('none yet: a first start reads from the moment it starts');
		expect(frame).toContain('○ not running');
		expect(frame).toContain(`1 table: obsync_test.${table} → ${topic}`);
		expect(frame).toContain('mariadb obsync@127.0.0.1:23306 → RocketMQ');
		expect(frame).toContain('1 passed · 1 failed · 1 warning');
		expect(frame).toContain('✘ Topic is FIFO: obsync_test_normal is a NORMAL topic');
		expect(frame).toContain('→ create it with -a +message.type=FIFO');
		expect(frame).toContain('! Binlog retention: binlogs are kept 1 day');
		expect(frame).not.toContain('obsync-test-pw');
		expect(frame).toContain('s start');
		expect(frame).toContain('e edit');
	});

	it('explains its keys and how to run headless on ?', async () => {
		const name = 'ui_dash_help';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('s start');
		await ui.press('?');
		const frame = flat(await ui.waitFor('Press ? or Esc to close.'));
		expect(frame).toContain('p pauses reading, r resumes, s stops');
		expect(frame).toContain(`run \`obsync run ${name} --resume\``);
		await ui.press(keys.escape);
		await ui.waitFor((f) => !f.includes('Press ? or Esc to close.') && f.includes('○ not running'));
	});

	it('says when the precheck was never run', async () => {
		const name = 'ui_dash_noprecheck';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('never run for this project');
	});

	it('shows the saved checkpoint and offers to resume from it', async () => {
		const name = 'ui_dash_saved';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await saveCheckpoint(ui.store.checkpointFile(name), {
			file: 'mysql-bin.000042',
			position: 98_765,
			gtid: '0-1-77',
			commitTime: Math.floor(Date.now() / 1000) - 90,
			savedAt: new Date(Date.now() - 30_000).toISOString(),
		});
		const frame = await ui.waitFor('mysql-bin.000042:98765 · saved', 5000);
		expect(frame).toMatch(/saved \d\d:\d\d:\d\d \(3\d s ago\)/);
		expect(frame).toMatch(/last commit \d\d:\d\d:\d\d \(1 m 3\d s ago\) · gtid 0-1-77; a resume continues from here/);
		await ui.waitFor('s resume from checkpoint');
	});

	it('reports a damaged checkpoint file instead of ignoring it', async () => {
		const name = 'ui_dash_damaged';
		ui = renderUi({
			route: {screen: 'dashboard', project: name},
			seed: (store) => {
				seedProject(projectNamed(name))(store);
				writeFileSync(store.checkpointFile(name), '{"file": 12}');
			},
		});
		const frame = flat(await ui.waitFor('Invalid input'));
		expect(frame).toContain(`the checkpoint file ${ui.store.checkpointFile(name)} is damaged`);
		expect(frame).toContain('→ restore it from a backup');
	});

	it('shows a project that another process runs, with its pid, and refuses to start it here', async () => {
		const name = 'ui_dash_elsewhere';
		const other = spawn('sleep', ['60'], {stdio: 'ignore'});
		try {
			ui = renderUi({
				route: {screen: 'dashboard', project: name},
				seed: (store) => {
					seedProject(projectNamed(name))(store);
					// As obsync writes it: the pid and the process's start time (a pid alone is taken for an obsync or node process only).
					writeFileSync(store.lockFile(name), `${other.pid} ${startTimeOf(other.pid ?? 0)}\n`);
				},
			});
			const frame = await ui.waitFor(`running in another process (pid ${other.pid}): obsync run`);
			expect(frame).toContain(`kill -TERM ${other.pid}`);
			expect(hintBar(frame)).not.toContain('s start');
			expect(hintBar(frame)).not.toContain('e edit');
			await ui.press('s');
			await ui.waitFor(`runs in another process (pid ${other.pid}); stop it there first`);
			expect(ui.services.running(name)).toBeUndefined();
			await ui.press('e');
			await ui.waitFor('stop it there before editing it');
		} finally {
			other.kill();
		}
	});

	it('opens the project in the wizard with e, as a saved draft', async () => {
		const name = 'ui_dash_edit';
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(projectNamed(name))});
		await ui.waitFor('e edit');
		await ui.press('e');
		await ui.waitFor(`Edit ${name}`);
		expect(ui.lastFrame()).toContain('Step 1 of 5');
		const drafts = Object.values(ui.store.drafts()).map(readDraft);
		expect(drafts).toHaveLength(1);
		expect(drafts[0]).toMatchObject({editing: name, name, objects: [{database: 'obsync_test', table, topic}]});
	});

	it('reopens the unfinished edit of the project with e rather than starting a second one', async () => {
		const name = 'ui_dash_edit_again';
		const unfinished = {...draftFromProject(projectNamed(name)), step: 'options' as const, tags: ['halfway']};
		ui = renderUi({
			route: {screen: 'dashboard', project: name},
			seed: (store) => {
				seedProject(projectNamed(name))(store);
				store.saveDraft(unfinished.id, unfinished);
			},
		});
		await ui.waitFor('e edit');
		await ui.press('e');
		await ui.waitFor(`Edit ${name}`);
		expect(ui.lastFrame()).toContain('Step 4 of 5');
		expect(Object.keys(ui.store.drafts())).toEqual([unfinished.id]);
		expect(readDraft(ui.store.drafts()[unfinished.id])).toMatchObject({editing: name, tags: ['halfway']});
	});

	it('says so for a project that is not in the store, and Esc goes back', async () => {
		ui = renderUi({route: {screen: 'dashboard', project: 'ui_dash_missing'}});
		await ui.waitFor('there is no project named "ui_dash_missing"');
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('ui_dash_missing'));
	});
});

/** The start time of a process in clock ticks since boot (/proc/PID/stat field 22), as obsync's lock holds it. */
function startTimeOf(pid: number): string {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

describe('Dashboard: a project that fails', () => {
	it('shows failed, the error and what to do when the source refuses the password', async () => {
		const name = 'ui_dash_badpw';
		const project = projectNamed(name, {source: {...testSource, password: 'wrong-password'}});
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(project)});
		await ui.waitFor('s start');
		await ui.press('s');
		const frame = await ui.waitFor('✘ failed', 20_000);
		expect(flat(frame)).toContain(
			`✘ ${name} failed: ConfigError: 127.0.0.1:23306 refused user obsync (SHOW MASTER STATUS): "Access denied for user 'obsync'@'127.0.0.1' (using password: YES)" (MySQL error 1045)`,
		);
		expect(flat(frame)).toContain(
			'What to do: check the user and password in the project (source, or source.binlog for a separate binlog endpoint',
		);
		expect(frame).not.toContain('wrong-password');
		// Failed before its first checkpoint: s starts it again, e edits it.
		expect(hintBar(frame)).toContain('s start');
		expect(hintBar(frame)).toContain('e edit');
	});

	it("shows the engine's own hint when it gives one", async () => {
		const name = 'ui_dash_future';
		const project = projectNamed(name, {options: {startTimestamp: Math.floor(Date.now() / 1000) + 86_400}});
		ui = renderUi({route: {screen: 'dashboard', project: name}, seed: seedProject(project)});
		await ui.waitFor('none yet: a first start reads from the start time');
		await ui.press('s');
		const frame = flat(await ui.waitFor('✘ failed', 20_000));
		expect(frame).toMatch(/failed: ConfigError: the start time \S+ is in the future/);
		expect(frame).toContain('What to do: choose now or a past time');
	});
});
