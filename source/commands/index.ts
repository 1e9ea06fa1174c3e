/**
 * The command table. Each command parses its own flags and returns an exit code; `help` lists what exists. A command's
 * module is imported only when that command runs: `obsync run` never loads the interactive app, the prechecks or the
 * gRPC client (README: Restart time).
 */
export type Command = {
	run(argv: readonly string[]): Promise<number>;
};

type Entry = {
	/** One line for the top-level help. */
	readonly summary: string;
	load(): Promise<Command>;
};

const commands: Record<string, Entry> = {
	run: {
		summary: 'run NAME [--resume] [--json] [--metrics-port N]   run a project headless',
		load: async () => (await import('./run.js')).runCommand,
	},
	precheck: {
		summary: 'precheck NAME [--json]   check a project before it runs',
		load: async () => (await import('./precheck.js')).precheckCommand,
	},
	project: {
		summary: 'project import|export|list|show|remove   manage saved projects',
		load: async () => (await import('./project.js')).projectCommand,
	},
	binlog: {
		summary: 'binlog inspect FILE... [--all]   decode binlog files to JSON Lines',
		load: async () => (await import('./binlog.js')).binlogCommand,
	},
};

const uiHelp = '    (no command)                       the interactive app: projects, wizard, dashboard (needs a terminal)';

/** Whether `name` is a command (cli.ts then skips parsing the whole command line). */
export function isCommand(name: string | undefined): name is string {
	return name !== undefined && Object.hasOwn(commands, name);
}

/** Dispatches `obsync <command> …`; no command opens the interactive app; an unknown one fails clearly. */
export async function runCommand(input: readonly string[], argv: readonly string[]): Promise<number> {
	const [name] = input;
	if (name === undefined) return (await import('./ui.js')).runUi();
	const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!command) {
		process.stderr.write(`obsync: unknown command "${name}". Run \`obsync --help\` for the list of commands.\n`);
		return 2;
	}
	return (await command.load()).run(argv.slice(argv.indexOf(name) + 1));
}

runCommand.help = [uiHelp, ...Object.values(commands).map((command) => `    ${command.summary}`)].join('\n');
