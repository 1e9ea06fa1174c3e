/**
 * The one argument parser of every command (node:util parseArgs, no dependency to load). It owns what all commands
 * do alike: a parse error (unknown option, missing value) and a problem found by the command's own check are
 * `obsync COMMAND: PROBLEM`, a blank line and the usage on stderr, exit 2; `--help`/`-h` is the usage on stdout, exit 0.
 * A command gets either its values and positionals, or the exit code to return.
 */
import {type ParseArgsConfig, parseArgs} from 'node:util';
import {EXIT} from './report-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & {help: {type: 'boolean'; short: 'h'}};
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{args: string[]; allowPositionals: true; options: WithHelp<O>}>>;

/** What a command's check may say is wrong: the problem, and the words before it when not just the command's name. */
export type Problem = string | {in: string; problem: string} | undefined;

export type CommandLineSpec<O extends Options> = {
	/** The command as the user typed it, for messages: `run`, `project`. */
	readonly command: string;
	readonly usage: string;
	readonly options: O;
	/** What is wrong with a parsed command line beyond unknown options (a missing name, a value out of range). */
	check?(parsed: Parsed<O>): Problem;
};

export type CommandLine<O extends Options> = {ok: true; values: Parsed<O>['values']; positionals: string[]} | {ok: false; code: number};

export function parseCommandLine<const O extends Options>(argv: readonly string[], spec: CommandLineSpec<O>): CommandLine<O> {
	const fail = (where: string, problem: string): CommandLine<O> => {
		process.stderr.write(`obsync ${where}: ${problem}\n\n${spec.usage}\n`);
		return {ok: false, code: EXIT.usage};
	};
	let parsed: Parsed<O>;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			options: {...spec.options, help: {type: 'boolean', short: 'h'}} as WithHelp<O>,
		});
	} catch (error) {
		return fail(spec.command, (error as Error).message);
	}
	if ((parsed.values as {help?: boolean}).help) {
		process.stdout.write(`${spec.usage}\n`);
		return {ok: false, code: EXIT.ok};
	}
	const problem = spec.check?.(parsed);
	if (problem !== undefined) {
		return typeof problem === 'string' ? fail(spec.command, problem) : fail(problem.in, problem.problem);
	}
	return {ok: true, values: parsed.values, positionals: parsed.positionals};
}
