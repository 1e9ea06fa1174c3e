/** `obsync precheck NAME [--json]`: the wizard's prechecks from a script; exit 0 when none failed. */
import {parseArgs} from 'node:util';
import {type CheckResult, runPrechecks, summarize} from '../engine/precheck/prechecks.js';
import type {ProjectStore} from '../store/project-store.js';
import type {Command} from './index.js';
import {openStore} from './open-store.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

const usage = `Usage: obsync precheck NAME [--json]

Runs every check the wizard runs before a start: connectivity, flavour and version, binlog endpoint and settings,
privileges, each table (exists, physical, key, filter, columns), topics (exist, FIFO), start timestamp, local store.
With --json, one JSON object per check, then {"type":"summary",...}.
Exit codes: 0 no check failed, 1 a check failed, 2 bad command line, 3 unknown or invalid project.`;

const marks: Record<CheckResult['status'], string> = {pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip'};

export const precheckCommand: Command = {
	async run(argv) {
		let parsed: ReturnType<typeof parse>;
		try {
			parsed = parse(argv);
		} catch (error) {
			process.stderr.write(`obsync precheck: ${(error as Error).message}\n\n${usage}\n`);
			return EXIT.usage;
		}
		const {values, positionals} = parsed;
		if (values.help) {
			process.stdout.write(`${usage}\n`);
			return EXIT.ok;
		}
		if (positionals.length !== 1) {
			process.stderr.write(`obsync precheck: name one project\n\n${usage}\n`);
			return EXIT.usage;
		}
		let store: ProjectStore;
		let project: ReturnType<ProjectStore['get']>;
		try {
			store = openStore('precheck');
			project = store.get(positionals[0]!);
		} catch (error) {
			process.stderr.write(`obsync precheck: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
		const results = await runPrechecks(project, {
			storeDirectory: store.directory,
			onResult: (result) => {
				if (values.json) process.stdout.write(`${JSON.stringify({type: 'check', ...result})}\n`);
				else {
					process.stdout.write(`${marks[result.status]}  ${result.title}: ${result.detail}\n`);
					if (result.hint && result.status !== 'pass') process.stdout.write(`      hint: ${result.hint}\n`);
				}
			},
		});
		const summary = summarize(results);
		if (values.json) process.stdout.write(`${JSON.stringify({type: 'summary', ...summary})}\n`);
		else {
			const {pass, warn, fail, skip} = summary.counts;
			process.stdout.write(
				`\n${summary.passed ? 'precheck passed' : 'precheck FAILED'}: ${pass} ok, ${warn} warning(s), ${fail} failed, ${skip} skipped\n`,
			);
		}
		return summary.passed ? EXIT.ok : EXIT.failed;
	},
};

function parse(argv: readonly string[]) {
	return parseArgs({
		args: [...argv],
		allowPositionals: true,
		options: {json: {type: 'boolean', default: false}, help: {type: 'boolean', short: 'h'}},
	});
}
