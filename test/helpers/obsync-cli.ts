/** Running the built CLI as an operator would, for tests: a private store (OBSYNC_HOME), JSON Lines read back. */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {projectRoot} from '../services/settings.mjs';

const cli = path.join(projectRoot, 'dist', 'cli.js');
/** As the bin's shebang runs it. */
const nodeFlags = ['--max-semi-space-size=64'];

export type CliHome = {readonly directory: string; readonly env: NodeJS.ProcessEnv};

/** A fresh store directory, and the environment that points obsync at it (plus extra variables, e.g. passwords). */
export function cliHome(extra: Record<string, string> = {}): CliHome {
	const directory = mkdtempSync(path.join(tmpdir(), 'obsync-home-'));
	return {directory, env: {...process.env, OBSYNC_HOME: directory, ...extra}};
}

/** Runs obsync to completion. */
export function obsync(home: CliHome, args: string[], input?: string) {
	const result = spawnSync(process.execPath, [...nodeFlags, cli, ...args], {env: home.env, encoding: 'utf8', input, timeout: 60_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

export function importProject(home: CliHome, project: object): void {
	const file = path.join(home.directory, 'project-to-import.json');
	writeFileSync(file, JSON.stringify(project));
	const result = obsync(home, ['project', 'import', file, '--replace']);
	if (result.code !== 0) throw new Error(`project import failed: ${result.stderr}`);
}

export type JsonLine = {type: string; [key: string]: unknown};

/** A running `obsync run`: its JSON Lines as they come, its exit. */
export class RunningObsync {
	readonly lines: JsonLine[] = [];
	readonly exited: Promise<number | null>;
	private readonly child: ChildProcess;
	private waiters: Array<() => void> = [];

	/**
	 * `obsync run ARGS --json` (or, with json false, the human-readable output, each line as {type: 'text', line});
	 * `node` adds flags for node itself (the benchmark's --cpu-prof, which NODE_OPTIONS does not take).
	 */
	constructor(home: CliHome, args: string[], {json = true, node = [] as string[]} = {}) {
		const output = json ? ['--json'] : [];
		this.child = spawn(
			process.execPath,
			[
				...nodeFlags,
				...node,
				cli,
				'run',
				...args,
				...output,
				...(args.includes('--log-file') ? [] : ['--log-file', path.join(home.directory, 'obsync.log')]),
			],
			{
				env: home.env,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stderr = '';
		this.child.stderr!.on('data', (chunk) => {
			stderr += chunk;
		});
		createInterface({input: this.child.stdout!}).on('line', (line) => {
			try {
				this.lines.push(JSON.parse(line) as JsonLine);
			} catch {
				this.lines.push({type: 'text', line});
			}
			for (const wake of this.waiters.splice(0)) wake();
		});
		this.exited = new Promise((resolve) =>
			this.child.on('exit', (code) => {
				this.stderr = stderr;
				for (const wake of this.waiters.splice(0)) wake();
				resolve(code);
			}),
		);
	}

	stderr = '';

	get pid(): number {
		return this.child.pid!;
	}

	/** Resolves with the first line (from now on or already seen) that `test` accepts. */
	async waitFor(test: (line: JsonLine) => boolean, timeoutMs = 60_000): Promise<JsonLine> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.lines.find(test);
			if (found) return found;
			if (this.child.exitCode !== null) throw new Error(`obsync exited (${this.child.exitCode}) before the expected line: ${this.stderr}`);
			if (Date.now() > deadline) throw new Error(`no expected line within ${timeoutMs} ms; last: ${JSON.stringify(this.lines.at(-1))}`);
			await new Promise<void>((resolve) => {
				this.waiters.push(resolve);
				setTimeout(resolve, 500);
			});
		}
	}

	kill(signal: NodeJS.Signals): void {
		this.child.kill(signal);
	}
}
