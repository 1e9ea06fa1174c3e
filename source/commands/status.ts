/**
 * `obsync status [NAME] [--json] [--watch]`: where each saved project stands, whatever started it (obsync run under
 * systemd or tmux, or the app): running ones answer over their control socket, the others are read from disk.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {parseCommandLine} from './arguments.js';
import type {Command} from './index.js';
import {openStore} from './open-store.js';
import {type ProjectStatus, projectStatus} from './project-status.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

const usage = `Usage: obsync status [NAME] [--json] [--watch] [--interval S]

One line per saved project (or NAME only): state, pid, lag, rates, position, checkpoint and its age, errors.
Running projects answer over their control socket (checkpoints/NAME.sock), whatever started them; the others are
read from disk: not running (a checkpoint is saved), never run, or crashed (a dead process left its lock).
  --json         one JSON object per project: a running one's is the status line of obsync run --json
  --watch        print again every --interval seconds (default 2) until Ctrl-C

Exit codes: 0 fine (with NAME: it runs), 1 a project failed, crashed or does not answer (with NAME: it is not
            running), 2 bad command line, 3 unknown project or damaged store.`;

const options = {
	json: {type: 'boolean', default: false},
	watch: {type: 'boolean', default: false},
	interval: {type: 'string', default: '2'},
} as const;

export const statusCommand: Command = {
	async run(argv) {
		const line = parseCommandLine(argv, {
			command: 'status',
			usage,
			options,
			check: ({values, positionals}) => {
				const interval = Number(values.interval);
				if (positionals.length > 1) return `one project or all (got ${positionals.join(', ')})`;
				if (!(interval >= 0.2 && interval <= 3600)) return `--interval takes seconds from 0.2 to 3600 (got ${values.interval})`;
				return undefined;
			},
		});
		if (!line.ok) return line.code;
		const {values} = line;
		const [name] = line.positionals;
		try {
			const store = openStore('status');
			if (name !== undefined) store.get(name); // an unknown name: exit 3 with the names that exist
			const print = values.json ? printJson : printTable;
			const stopped = new AbortController();
			process.once('SIGINT', () => stopped.abort());
			for (;;) {
				const statuses = await Promise.all((name === undefined ? store.names() : [name]).map((each) => projectStatus(store, each)));
				if (values.watch && process.stdout.isTTY && !values.json) process.stdout.write('\u001b[H\u001b[2J');
				print(statuses, name === undefined ? store.path : undefined);
				if (!values.watch) return exitCode(statuses, name !== undefined);
				try {
					await sleep(Number(values.interval) * 1000, undefined, {signal: stopped.signal});
				} catch {
					return EXIT.ok;
				}
			}
		} catch (error) {
			process.stderr.write(`obsync status: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
	},
};

function exitCode(statuses: readonly ProjectStatus[], named: boolean): number {
	const fine = (status: ProjectStatus) =>
		named
			? status.state === 'running' || status.state === 'paused' || status.state === 'starting'
			: !['failed', 'crashed', 'unreachable'].includes(status.state);
	return statuses.every(fine) ? EXIT.ok : EXIT.failed;
}

function printJson(statuses: readonly ProjectStatus[]): void {
	const at = new Date().toISOString();
	for (const {snapshot, ...status} of statuses) {
		const line = snapshot
			? {type: 'status', at, ...snapshot, pid: status.pid, checkpointAgeSeconds: status.checkpointAgeSeconds}
			: {type: 'status', at, ...status};
		process.stdout.write(`${JSON.stringify(line)}\n`);
	}
}

function printTable(statuses: readonly ProjectStatus[], storePath: string | undefined): void {
	if (statuses.length === 0) {
		process.stdout.write(`no projects in ${storePath}\n`);
		return;
	}
	const rows = statuses.map(describe);
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	for (const row of rows)
		process.stdout.write(
			`${row
				.map((cell, column) => cell.padEnd(widths[column]!))
				.join('  ')
				.trimEnd()}\n`,
		);
	for (const status of statuses) if (status.error) process.stdout.write(`${status.project}: ${status.error}\n`);
}

const position = (at: {file: string; position: number} | null | undefined) => (at ? `${at.file}:${at.position}` : '-');

function describe(status: ProjectStatus): string[] {
	const s = status.snapshot;
	const checkpoint = status.checkpoint
		? `checkpoint ${position(status.checkpoint)} (${status.checkpointAgeSeconds}s ago)`
		: 'no checkpoint';
	return [
		status.project,
		status.state,
		status.pid === null ? '' : `pid ${status.pid}`,
		s ? `lag ${s.lagSeconds === null ? '?' : `${s.lagSeconds}s`}` : '',
		s ? `rows/s ${s.rates.rowsPerSecond} msgs/s ${s.rates.messagesPerSecond}` : '',
		s ? `pos ${position(s.position)}` : '',
		checkpoint,
		s ? `errors ${s.errors.length}` : '',
	];
}
