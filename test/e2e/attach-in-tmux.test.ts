/**
 * An operator's morning: a project runs headless (obsync run, as under systemd), and they SSH in and open the app at
 * 80x24 to watch and steer it. The app attaches through the run's control socket: Home shows it running with its pid
 * and lag, its dashboard moves as rows are written, p and r pause and resume the headless run, and quitting the app
 * leaves it running; `obsync stop` then ends it cleanly.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliHome, importProject, obsync, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';
import {TmuxSession} from '../helpers/tmux.js';
import {projectRoot} from '../services/settings.mjs';

const table = 'e2e_attach';
let admin: mysql.Connection;

beforeAll(async () => {
	admin = await connectAdmin();
	await admin.query(`DROP TABLE IF EXISTS ${table}`);
	await admin.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, v INT)`);
});

afterAll(async () => {
	await admin?.query(`DROP TABLE IF EXISTS ${table}`);
	await admin?.end();
});

const states = (run: RunningObsync) => run.lines.filter((line) => line.type === 'state').map((line) => line.state);

/** Project `name` run headless by `obsync run`, and the built app opened beside it in tmux (80 columns unless said). */
function runAndOpenApp(name: string, columns = 80) {
	const home = cliHome();
	importProject(home, {
		name,
		source: {flavor: 'mariadb', ...mariadbSource},
		destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
		objects: [{database: 'obsync_test', table, topic: 'obsync_test_fifo_b'}],
	});
	const run = new RunningObsync(home, [name]);
	const tmux = TmuxSession.start(name.replaceAll('_', '-'), `node ${path.join(projectRoot, 'dist', 'cli.js')}`, {
		env: {OBSYNC_HOME: home.directory, TERM: 'xterm-256color'},
		columns,
	});
	return {home, run, tmux};
}

describe('the app attached to a headless run', () => {
	it('shows it on Home with its pid and lag, follows it live, pauses and resumes it, and leaves it running on quit', async () => {
		const {home, run, tmux} = runAndOpenApp('attach');
		try {
			await run.waitFor((line) => line.type === 'started');
			await tmux.waitFor(new RegExp(`attach .* running · lag [^·]+ · pid ${run.pid}`));

			tmux.keys('Enter');
			await tmux.waitFor('p pause');
			await admin.query(`INSERT INTO ${table} VALUES (1, 1), (2, 2), (3, 3)`);
			await tmux.waitFor(/acked 3\b/, 30_000);

			tmux.keys('p');
			await run.waitFor((line) => line.type === 'state' && line.state === 'paused');
			await tmux.waitFor('r resume');
			tmux.keys('r');
			await run.waitFor(() => states(run).filter((state) => state === 'running').length === 2);
			await admin.query(`INSERT INTO ${table} VALUES (4, 4), (5, 5)`);
			const screen = await tmux.waitFor(/acked 5\b/, 30_000);
			expect(screen).toContain('Esc back (keeps running)');

			tmux.keys('q');
			const deadline = Date.now() + 10_000;
			while (!tmux.exited() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(tmux.exited()).toBe(true);
			await new Promise((resolve) => setTimeout(resolve, 500));
			expect(states(run)).toEqual(['running', 'paused', 'running']);
			const status = obsync(home, ['status', 'attach', '--json']);
			expect(status.code).toBe(0);
			expect(JSON.parse(status.stdout)).toMatchObject({state: 'running', pid: run.pid, totals: {acked: 5}});

			const stopped = obsync(home, ['stop', 'attach']);
			expect(stopped.code).toBe(0);
			expect(await run.exited).toBe(0);
			const checkpoint = JSON.parse(readFileSync(path.join(home.directory, 'checkpoints', 'attach.json'), 'utf8'));
			expect(stopped.stdout).toBe(`stopped attach (pid ${run.pid}); checkpoint ${checkpoint.file}:${checkpoint.position}\n`);
			expect(existsSync(path.join(home.directory, 'checkpoints', 'attach.lock'))).toBe(false);
		} finally {
			tmux.close();
			run.kill('SIGKILL');
		}
	}, 120_000);

	it('says so on the dashboard, with the last state it saw, when the process running the project dies', async () => {
		const {run, tmux} = runAndOpenApp('attach_kill', 120);
		try {
			await run.waitFor((line) => line.type === 'started');
			await tmux.waitFor(`pid ${run.pid}`);
			tmux.keys('Enter');
			await tmux.waitFor('p pause');
			run.kill('SIGKILL');
			await run.exited;
			const screen = await tmux.waitFor(`the process running attach_kill (pid ${run.pid}) ended without stopping it; last seen running`);
			// In the same frame as the message: the live view and its keys are gone.
			expect(screen).not.toContain('p pause');
			// Once the dead process's lock is seen for what it is, the project can be resumed here.
			await tmux.waitFor('s resume from checkpoint');
		} finally {
			tmux.close();
			run.kill('SIGKILL');
		}
	}, 120_000);
});
