/** `obsync precheck NAME [--json]`: the wizard's prechecks from a script; exit 0 when none failed. */
import {type CheckResult, runPrechecks, summarize} from '../engine/precheck/prechecks.js';
import type {ProjectStore} from '../store/project-store.js';
import {parseCommandLine} from './arguments.js';
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
		const line = parseCommandLine(argv, {
			command: 'precheck',
			usage,
			options: {json: {type: 'boolean', default: false}},
			check: ({positionals}) => (positionals.length === 1 ? undefined : 'name one project'),
		});
		if (!line.ok) return line.code;
		const {values, positionals} = line;
		let store: ProjectStore;
		let project: ReturnType<ProjectStore['get']>;
		try {
			store = openStore('precheck');
			project = store.get(positionals[0]!);
		} catch (error) {
			process.stderr.write(`obsync precheck: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
		const print = values.json ? jsonLines : humanLines;
		const results = await runPrechecks(project, {storeDirectory: store.directory, onResult: (result) => print.check(result)});
		const summary = summarize(results);
		print.summary(summary);
		return summary.passed ? EXIT.ok : EXIT.failed;
	},
};

/** What precheck prints, chosen once: a line per check and a summary, as text or as JSON Lines. */
type Printer = {check(result: CheckResult): void; summary(summary: ReturnType<typeof summarize>): void};

const jsonLines: Printer = {
	check: (result) => process.stdout.write(`${JSON.stringify({type: 'check', ...result})}\n`),
	summary: (summary) => process.stdout.write(`${JSON.stringify({type: 'summary', ...summary})}\n`),
};

const humanLines: Printer = {
	check(result) {
		process.stdout.write(`${marks[result.status]}  ${result.title}: ${result.detail}\n`);
		if (result.hint && result.status !== 'pass') process.stdout.write(`      hint: ${result.hint}\n`);
	},
	summary({passed, counts: {pass, warn, fail, skip}}) {
		process.stdout.write(
			`\n${passed ? 'precheck passed' : 'precheck FAILED'}: ${pass} ok, ${warn} warning(s), ${fail} failed, ${skip} skipped\n`,
		);
	},
};
