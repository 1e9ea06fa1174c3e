/** `obsync binlog inspect FILE... [--all]`: decode binlog files to JSON Lines, for debugging. */
import {inspectBinlogEvents} from '../engine/binlog/inspect.js';
import {CdcError} from '../engine/errors.js';
import {parseCommandLine} from './arguments.js';
import type {Command} from './index.js';
import {writeLines} from './output.js';

const usage = `Usage: obsync binlog inspect FILE... [--all]

Prints one JSON object per row change:
  {"file","pos","op":"insert|update|delete","db","table","before":[...]|null,"after":[...]|null}
pos is the start offset of the rows event; values are null or the text mysqlbinlog -v shows (without quotes).
With --all, every other event is printed too, as {"file","pos","event",...}.`;

export const binlogCommand: Command = {
	async run(argv) {
		const line = parseCommandLine(argv, {
			command: 'binlog',
			usage,
			options: {all: {type: 'boolean', default: false}},
			check: ({positionals: [sub, ...files]}) =>
				sub === undefined
					? 'name a subcommand: inspect'
					: sub !== 'inspect'
						? `unknown subcommand "${sub}"`
						: files.length === 0
							? 'name at least one binlog file'
							: undefined,
		});
		if (!line.ok) return line.code;
		const {values} = line;
		const files = line.positionals.slice(1);
		for (const file of files) {
			try {
				await writeLines(process.stdout, inspectBinlogEvents(file, {all: values.all}));
			} catch (error) {
				process.stderr.write(`obsync binlog inspect: ${describe(error, file)}\n`);
				return 1;
			}
		}
		return 0;
	},
};

function describe(error: unknown, file: string): string {
	if (error instanceof CdcError) return error.hint ? `${error.message}\n  hint: ${error.hint}` : error.message;
	const code = (error as NodeJS.ErrnoException)?.code;
	if (code === 'ENOENT') return `${file}: no such file`;
	if (code === 'EACCES') return `${file}: permission denied`;
	if (code === 'EISDIR') return `${file}: is a directory, not a binlog file`;
	return error instanceof Error ? `${file}: ${error.message}` : String(error);
}
