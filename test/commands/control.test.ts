/**
 * A headless `obsync run` watched and controlled from another shell: `obsync status`, `pause`, `resume` and `stop`
 * through the run's control socket (checkpoints/NAME.sock), against the test MariaDB and RocketMQ.
 */
import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type CliHome, cliHome, importProject, obsync, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const TABLE = 'ctl_orders';
const project = (name: string) => ({
	name,
	source: {flavor: 'mariadb', ...mariadbSource},
	destination: {nameServer: rocketmqService.namesrv},
	objects: [{database: 'obsync_test', table: TABLE, topic: 'obsync_test_fifo'}],
});
const socketOf = (home: CliHome, name: string) => path.join(home.directory, 'checkpoints', `${name}.sock`);
const statusJson = (home: CliHome, name?: string) => {
	const result = obsync(home, ['status', ...(name ? [name] : []), '--json']);
	return {
		code: result.code,
		lines: result.stdout
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line)),
	};
};

async function insert(ids: number[]): Promise<void> {
	const admin = await connectAdmin();
	for (const id of ids) await admin.query(`INSERT INTO ${TABLE} VALUES (?, 'x') ON DUPLICATE KEY UPDATE v = CONCAT(v, 'x')`, [id]);
	await admin.end();
}

async function until<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (accept(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** `obsync status --watch`, stopped with Ctrl-C (SIGINT) once it printed twice. */
async function watchTwice(home: CliHome): Promise<{code: number | null; stdout: string}> {
	const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), 'status', '--watch', '--interval', '0.2'], {
		env: home.env,
	});
	let stdout = '';
	child.stdout.on('data', (chunk) => {
		stdout += chunk;
		if ((stdout.match(/^ctl_headless /gm)?.length ?? 0) >= 2) child.kill('SIGINT');
	});
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
	return {code, stdout};
}

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INT PRIMARY KEY, v VARCHAR(200))`);
	await admin.end();
});

describe('a headless run seen and controlled from another shell', () => {
	it('answers status, pause, resume and stop over its 0600 socket; stop drains, saves the checkpoint and exits 0', async () => {
		const home = cliHome();
		importProject(home, project('ctl_headless'));
		expect(statusJson(home).lines).toMatchObject([{type: 'status', project: 'ctl_headless', state: 'never run', pid: null}]);
		const run = new RunningObsync(home, ['ctl_headless', '--status-interval', '0.2']);
		try {
			await run.waitFor((line) => line.type === 'started');
			const socket = statSync(socketOf(home, 'ctl_headless'));
			expect(socket.isSocket()).toBe(true);
			expect(socket.mode & 0o777).toBe(0o600);

			await insert([1, 2, 3]);
			const running = await until(
				() => statusJson(home, 'ctl_headless'),
				({lines}) => lines[0]?.totals?.acked >= 3,
			);
			expect(running.code).toBe(0);
			expect(running.lines[0]).toMatchObject({type: 'status', project: 'ctl_headless', state: 'running', pid: run.pid, inFlight: 0});
			expect(Object.keys(running.lines[0])).toEqual(
				expect.arrayContaining(['lagSeconds', 'rates', 'position', 'checkpoint', 'checkpointAgeSeconds']),
			);
			const table = obsync(home, ['status']);
			expect(table.stdout).toMatch(
				new RegExp(
					`^ctl_headless +running +pid ${run.pid} +lag \\d+s +rows/s \\d+ msgs/s \\d+ +pos \\S+:\\d+ +checkpoint \\S+:\\d+ \\(\\d+s ago\\) +errors 0\\n$`,
				),
			);

			const watched = await watchTwice(home);
			expect(watched.code).toBe(0);
			expect(watched.stdout.match(/^ctl_headless +running +pid /gm)?.length).toBeGreaterThanOrEqual(2);

			const paused = obsync(home, ['pause', 'ctl_headless']);
			expect(paused).toMatchObject({
				code: 0,
				stdout: expect.stringMatching(new RegExp(`^paused ctl_headless \\(pid ${run.pid}\\); checkpoint \\S+:\\d+\\n$`)),
			});
			await run.waitFor((line) => line.type === 'state' && line.state === 'paused');
			expect(statusJson(home, 'ctl_headless')).toMatchObject({code: 0, lines: [{state: 'paused'}]});
			await insert([4]);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(statusJson(home, 'ctl_headless').lines[0].totals.acked).toBe(running.lines[0].totals.acked); // nothing read while paused

			expect(obsync(home, ['resume', 'ctl_headless'])).toMatchObject({code: 0, stdout: expect.stringContaining('resumed ctl_headless')});
			await until(
				() => statusJson(home, 'ctl_headless'),
				({lines}) => lines[0]?.state === 'running' && lines[0]?.totals?.acked >= running.lines[0].totals.acked + 1,
			);

			const stopped = obsync(home, ['stop', 'ctl_headless']);
			expect(stopped.code).toBe(0);
			expect(await run.exited).toBe(0);
			const checkpoint = JSON.parse(readFileSync(path.join(home.directory, 'checkpoints', 'ctl_headless.json'), 'utf8'));
			expect(stopped.stdout).toBe(`stopped ctl_headless (pid ${run.pid}); checkpoint ${checkpoint.file}:${checkpoint.position}\n`);
			expect(run.lines.filter((line) => line.type === 'state').map((line) => line.state)).toEqual([
				'running',
				'paused',
				'running',
				'stopping',
				'stopped',
			]);
			expect(existsSync(socketOf(home, 'ctl_headless'))).toBe(false);
			expect(existsSync(path.join(home.directory, 'checkpoints', 'ctl_headless.lock'))).toBe(false);

			const after = statusJson(home, 'ctl_headless');
			expect(after.code).toBe(1); // named and not running
			expect(after.lines).toMatchObject([
				{state: 'not running', pid: null, checkpoint: {file: checkpoint.file, position: checkpoint.position}},
			]);
			expect(obsync(home, ['status']).code).toBe(0); // all: a clean stop is fine
			expect(obsync(home, ['stop', 'ctl_headless'])).toMatchObject({
				code: 1,
				stderr: expect.stringContaining('project ctl_headless is not running'),
			});
		} finally {
			run.kill('SIGKILL');
		}
	});

	it('says crashed for a SIGKILLed run (exit 1); a new run replaces the socket it left and closes its checkpoint to others', async () => {
		const home = cliHome();
		importProject(home, project('ctl_crash'));
		const first = new RunningObsync(home, ['ctl_crash']);
		await first.waitFor((line) => line.type === 'started');
		first.kill('SIGKILL');
		await first.exited;
		expect(existsSync(socketOf(home, 'ctl_crash'))).toBe(true);
		const crashed = statusJson(home);
		expect(crashed).toMatchObject({
			code: 1,
			lines: [{project: 'ctl_crash', state: 'crashed', pid: null, checkpoint: {file: expect.any(String)}}],
		});
		expect(obsync(home, ['pause', 'ctl_crash'])).toMatchObject({code: 1, stderr: expect.stringContaining('is not running')});

		// A checkpoint opened to others meanwhile is set back to 0600, with a warning.
		const checkpointFile = path.join(home.directory, 'checkpoints', 'ctl_crash.json');
		chmodSync(checkpointFile, 0o664);
		const second = new RunningObsync(home, ['ctl_crash', '--resume']);
		try {
			await second.waitFor((line) => line.type === 'started');
			expect(second.lines).toContainEqual(
				expect.objectContaining({
					type: 'error',
					fatal: false,
					error: expect.objectContaining({
						message: `the checkpoint ${checkpointFile} was open to other users (mode 0664); obsync set it to 0600`,
					}),
				}),
			);
			expect(statSync(checkpointFile).mode & 0o777).toBe(0o600);
			expect(statusJson(home, 'ctl_crash')).toMatchObject({code: 0, lines: [{state: 'running', pid: second.pid}]});
			expect(obsync(home, ['stop', 'ctl_crash']).code).toBe(0);
			expect(await second.exited).toBe(0);
		} finally {
			second.kill('SIGKILL');
		}
	});

	it('serves no socket in a folder other users may write to, and keeps syncing', async () => {
		const home = cliHome();
		importProject(home, project('ctl_open'));
		const checkpoints = path.join(home.directory, 'checkpoints');
		obsync(home, ['status']); // creates the folder
		chmodSync(checkpoints, 0o777);
		const run = new RunningObsync(home, ['ctl_open']);
		try {
			await run.waitFor((line) => line.type === 'started');
			expect(existsSync(socketOf(home, 'ctl_open'))).toBe(false);
			expect(statusJson(home, 'ctl_open')).toMatchObject({code: 1, lines: [{state: 'unreachable', pid: run.pid}]});
			run.kill('SIGTERM');
			expect(await run.exited).toBe(0);
			expect(run.stderr).toContain(`obsync run: warning: no control socket: other users may write to ${checkpoints} (mode 777)`);
			expect(run.stderr).toContain('hint: make the folder yours and mode 0700 (chmod 700), then restart the run');
		} finally {
			run.kill('SIGKILL');
		}
	});

	it.runIf(process.getuid?.() === 0)('lets no other Unix user connect, even where the folder lets them through', async () => {
		const home = cliHome();
		importProject(home, project('ctl_user'));
		const run = new RunningObsync(home, ['ctl_user']);
		try {
			await run.waitFor((line) => line.type === 'started');
			const socket = socketOf(home, 'ctl_user');
			const connectAs = (user: string) =>
				spawnSync(
					'runuser',
					[
						'-u',
						user,
						'--',
						process.execPath,
						'-e',
						`require('net').connect(${JSON.stringify(socket)}).on('connect',()=>{console.log('connected');process.exit(0)}).on('error',(e)=>{console.log(e.code);process.exit(0)})`,
					],
					{encoding: 'utf8', timeout: 10_000},
				).stdout.trim();
			expect(connectAs('root')).toBe('connected');
			expect(connectAs('nobody')).toBe('EACCES'); // the store folders are 0700
			// With the folders opened for traversal, the socket's own mode (0600) still keeps them out.
			chmodSync(home.directory, 0o711);
			chmodSync(path.dirname(socket), 0o711);
			expect(connectAs('nobody')).toBe('EACCES');
		} finally {
			run.kill('SIGKILL');
		}
	});
});
