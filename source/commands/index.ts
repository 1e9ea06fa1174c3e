/**
 * The command table and the top level of the command line. Each entry holds what `--help` says of the command and a
 * loader: a command's module is imported only when that command runs, so `--help`, `--version` and a mistyped command
 * load nothing but this file, and `obsync run` never loads the interactive app, the prechecks or the gRPC client
 * (README: Restart time, Start-up time). Each command parses its own options (arguments.ts) and returns an exit code;
 * cli.ts alone exits.
 */
import {packageInfo} from '../package-info.js';
import {EXIT} from './report-error.js';

export type Command = {
	run(argv: readonly string[]): Promise<number>;
};

type Entry = {
	/** The command line, then what the command does, for the top-level help. */
	readonly synopsis: string;
	readonly summary: string;
	load(): Promise<Command>;
};

const commands: Record<string, Entry> = {
	run: {
		synopsis: 'run NAME [--resume] [--json] [--metrics-port N]',
		summary: 'run a project headless',
		load: async () => (await import('./run.js')).runCommand,
	},
	precheck: {
		synopsis: 'precheck NAME [--json]',
		summary: 'check a project before it runs',
		load: async () => (await import('./precheck.js')).precheckCommand,
	},
	project: {
		synopsis: 'project import|export|list|show|remove',
		summary: 'manage saved projects',
		load: async () => (await import('./project.js')).projectCommand,
	},
	status: {
		synopsis: 'status [NAME] [--json] [--watch]',
		summary: 'where each project stands, whatever started it',
		load: async () => (await import('./status.js')).statusCommand,
	},
	stop: {
		synopsis: 'stop NAME',
		summary: 'drain, save the checkpoint and end a running project',
		load: async () => (await import('./control.js')).controlCommand('stop'),
	},
	pause: {
		synopsis: 'pause NAME',
		summary: 'stop reading for a while (resume NAME reads again)',
		load: async () => (await import('./control.js')).controlCommand('pause'),
	},
	resume: {
		synopsis: 'resume NAME',
		summary: 'read again after pause',
		load: async () => (await import('./control.js')).controlCommand('resume'),
	},
	binlog: {
		synopsis: 'binlog inspect FILE... [--all]',
		summary: 'decode binlog files to JSON Lines',
		load: async () => (await import('./binlog.js')).binlogCommand,
	},
};

/** `obsync ARGS…`: a command, the interactive app (no arguments), or the top-level help and version. */
export async function runCli(argv: readonly string[]): Promise<number> {
	const [first] = argv;
	if (first === undefined) return (await import('./ui.js')).runUi();
	const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
	if (command) {
		process.title = 'obsync';
		return (await command.load()).run(argv.slice(1));
	}
	if (first === '--help' || first === '-h' || first === 'help') {
		process.stdout.write(help());
		return EXIT.ok;
	}
	if (first === '--version' || first === '-v') {
		process.stdout.write(`${packageInfo().version}\n`);
		return EXIT.ok;
	}
	const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
	process.stderr.write(`obsync: ${what}. Run \`obsync --help\` for the list of commands.\n`);
	return EXIT.usage;
}

function help(): string {
	const rows: Array<[string, string]> = [
		['(no command)', 'the interactive app: projects, wizard, dashboard (needs a terminal)'],
		...Object.values(commands).map((entry): [string, string] => [entry.synopsis, entry.summary]),
		['COMMAND --help', "a command's options and exit codes"],
	];
	const width = Math.max(...rows.map(([synopsis]) => synopsis.length)) + 3;
	return `${packageInfo().description}

Usage
  obsync [COMMAND] [options]

Commands
${rows.map(([synopsis, summary]) => `  ${synopsis.padEnd(width)}${summary}`).join('\n')}

Options
  --help, -h      show this help
  --version, -v   show the version
`;
}
