import {binlogCommand} from './binlog.js';
import {precheckCommand} from './precheck.js';
import {projectCommand} from './project.js';
import {runCommand as runProjectCommand} from './run.js';
import {runUi, uiHelp} from './ui.js';

/**
 * The command table. Each command parses its own flags and returns an exit code; `help` lists what exists.
 */
export type Command = {
	/** One line for the top-level help. */
	readonly summary: string;
	run(argv: readonly string[]): Promise<number>;
};

const commands: Record<string, Command> = {
	run: runProjectCommand,
	precheck: precheckCommand,
	project: projectCommand,
	binlog: binlogCommand,
};

/** Dispatches `obsync <command> …`; no command opens the interactive app; an unknown one fails clearly. */
export async function runCommand(input: readonly string[], argv: readonly string[]): Promise<number> {
	const [name] = input;
	if (name === undefined) return runUi();
	const command = commands[name];
	if (!command) {
		process.stderr.write(`obsync: unknown command "${name}". Run \`obsync --help\` for the list of commands.\n`);
		return 2;
	}
	return command.run(argv.slice(argv.indexOf(name) + 1));
}

runCommand.help = [uiHelp, ...Object.entries(commands).map(([, command]) => `    ${command.summary}`)].join('\n');
