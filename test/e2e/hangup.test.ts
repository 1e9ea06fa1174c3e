/**
 * A dropped SSH session: the terminal goes away (SIGHUP) while a project runs in the app. The project must still
 * drain and save its checkpoint, and release its lock, before the process leaves.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {cliHome, importProject} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';
import {TmuxSession} from '../helpers/tmux.js';
import {projectRoot} from '../services/settings.mjs';

const table = 'e2e_hangup';
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

describe('the interactive app when its terminal goes away', () => {
	it('stops the projects running in it cleanly on SIGHUP: checkpoint saved at the last change, lock released', async () => {
		const home = cliHome();
		importProject(home, {
			name: 'hangup',
			source: {flavor: 'mariadb', ...mariadbSource},
			destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
			objects: [{database: 'obsync_test', table, topic: 'obsync_test_fifo_b'}],
		});
		const tmux = TmuxSession.start('hangup', `node ${path.join(projectRoot, 'dist', 'cli.js')}`, {
			env: {OBSYNC_HOME: home.directory, TERM: 'xterm-256color'},
		});
		try {
			await tmux.waitFor('hangup');
			tmux.keys('Enter');
			await tmux.waitFor('not running');
			tmux.keys('s');
			await tmux.waitFor('0 s (caught up)', 60_000);
			await admin.query(`INSERT INTO ${table} VALUES (1, 1), (2, 2)`);
			await tmux.waitFor(/acked 2/, 30_000);
			const end = await masterStatus(admin);
			// The lock holds "PID START-TIME".
			const pid = Number(readFileSync(path.join(home.directory, 'checkpoints', 'hangup.lock'), 'utf8').split(' ')[0]);
			process.kill(pid, 'SIGHUP');
			// The process has exited once its pane is dead (tmux keeps it as a zombie: kill(pid, 0) still succeeds).
			const deadline = Date.now() + 30_000;
			while (!tmux.exited() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(tmux.exited()).toBe(true);
			expect(isRunning(pid)).toBe(false);
			const checkpoint = JSON.parse(readFileSync(path.join(home.directory, 'checkpoints', 'hangup.json'), 'utf8'));
			expect({file: checkpoint.file, position: checkpoint.position}).toEqual({file: end.file, position: end.position});
			expect(existsSync(path.join(home.directory, 'checkpoints', 'hangup.lock'))).toBe(false);
		} finally {
			tmux.close();
		}
	}, 120_000);
});

/** Running, not gone or a zombie waiting for tmux to reap it. */
function isRunning(pid: number): boolean {
	try {
		return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
	} catch {
		return false;
	}
}
