/**
 * `npm run bench -- startup`: how long the built CLI takes to answer, against `node -e 0` measured in the same run.
 * Median (and max) of RUNS runs each, spawn to exit:
 * - `obsync --help` and `obsync --version` (goal: at most 1.5x bare node: they load nothing but the command table);
 * - `obsync project list` over a store of PROJECTS projects (reads and validates the store);
 * - `npm start -- --version` with nothing changed since the last build (the build step is skipped; npm's own start-up
 *   is most of it);
 * and spawn to the first full frame of the interactive app (goal: 1 s), on a pseudo-terminal made by util-linux
 * `script`, the frame read from its output: Home listing the store's projects with its key hints.
 * Results go to stdout and bench-results/startup.json. Needs no test service.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {cliHome, importProject} from '../helpers/obsync-cli.js';
import {mariadbSource, rocketmqService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const RUNS = 10;
const PROJECTS = 20;
const GOAL_HELP_RATIO = 1.5;
const GOAL_FIRST_FRAME_MS = 1000;
const cli = path.join(projectRoot, 'dist', 'cli.js');
const nodeFlags = ['--max-semi-space-size=64'];
const log = (line: string) => process.stdout.write(`${line}\n`);

type Summary = {runs: number; medianMs: number; maxMs: number};

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summarize = (times: number[]): Summary => ({
	runs: times.length,
	medianMs: Math.round(median(times)),
	maxMs: Math.round(Math.max(...times)),
});

/** Spawn to exit, RUNS times; a failed run stops the bench (a broken CLI answers fast). */
async function timeExits(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Summary> {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const begin = performance.now();
		const code = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(command, args, {stdio: 'ignore', env, cwd: projectRoot});
			child.on('error', reject);
			child.on('exit', resolve);
		});
		if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
		times.push(performance.now() - begin);
	}
	return summarize(times);
}

/** Spawn to the first frame that lists the store's first project and the key hints, on a pseudo-terminal. */
async function timeFirstFrames(env: NodeJS.ProcessEnv, firstProject: string): Promise<Summary> {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const begin = performance.now();
		const command = [process.execPath, ...nodeFlags, cli].map((part) => `'${part}'`).join(' ');
		const child = spawn('script', ['-qfec', command, '/dev/null'], {
			env: {...env, TERM: 'xterm-256color', NO_COLOR: '1', COLUMNS: '120', LINES: '40'},
			stdio: ['pipe', 'pipe', 'ignore'],
			detached: true,
		});
		let screen = '';
		const frame = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no first frame after 20 s; the output was:\n${screen}`)), 20_000);
			child.on('error', reject);
			child.stdout.on('data', (chunk: Buffer) => {
				// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed
				screen += chunk.toString('utf8').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
				if (screen.includes(firstProject) && screen.includes('quit')) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		try {
			await frame;
			times.push(performance.now() - begin);
		} finally {
			process.kill(-child.pid!, 'SIGKILL');
			await exited;
		}
	}
	return summarize(times);
}

export async function benchStartup(): Promise<void> {
	const home = cliHome();
	const names = Array.from({length: PROJECTS}, (_, i) => `startup_${String(i + 1).padStart(2, '0')}`);
	for (const name of names) {
		importProject(home, {
			name,
			source: {flavor: 'mariadb', ...mariadbSource},
			destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
			objects: [{database: 'obsync_test', table: name, topic: 'obsync_test_fifo'}],
		});
	}
	log(`startup: ${RUNS} runs each, ${PROJECTS} projects in the store, spawn to exit (to the first frame for the app)`);
	const node = await timeExits(process.execPath, [...nodeFlags, '-e', '0']);
	const help = await timeExits(process.execPath, [...nodeFlags, cli, '--help'], home.env);
	const version = await timeExits(process.execPath, [...nodeFlags, cli, '--version'], home.env);
	const list = await timeExits(process.execPath, [...nodeFlags, cli, 'project', 'list'], home.env);
	const npmStart = await timeExits('npm', ['start', '--silent', '--', '--version'], home.env);
	const firstFrame = await timeFirstFrames(home.env, names[0]!);
	const ratio = (summary: Summary) => Math.round((summary.medianMs / node.medianMs) * 100) / 100;
	const rows: Array<[string, Summary, string]> = [
		['node -e 0 (reference)', node, ''],
		['obsync --help', help, `${ratio(help)}x node (goal ${GOAL_HELP_RATIO}x)`],
		['obsync --version', version, `${ratio(version)}x node`],
		['obsync project list', list, `${ratio(list)}x node`],
		['npm start -- --version (no change)', npmStart, `${ratio(npmStart)}x node`],
		['app: first frame', firstFrame, `goal ${GOAL_FIRST_FRAME_MS} ms`],
	];
	for (const [what, summary, note] of rows) {
		log(`  ${what.padEnd(36)} median ${String(summary.medianMs).padStart(5)} ms  max ${String(summary.maxMs).padStart(5)} ms  ${note}`);
	}
	const results = {
		at: new Date().toISOString(),
		runs: RUNS,
		projects: PROJECTS,
		node,
		help: {...help, ratioToNode: ratio(help), goalRatio: GOAL_HELP_RATIO},
		version: {...version, ratioToNode: ratio(version)},
		projectList: {...list, ratioToNode: ratio(list)},
		npmStartNoChange: {...npmStart, ratioToNode: ratio(npmStart)},
		firstFrame: {...firstFrame, goalMs: GOAL_FIRST_FRAME_MS},
	};
	const directory = path.join(projectRoot, 'bench-results');
	mkdirSync(directory, {recursive: true});
	writeFileSync(path.join(directory, 'startup.json'), `${JSON.stringify(results, null, 2)}\n`);
	log('written to bench-results/startup.json');
}
