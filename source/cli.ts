#!/usr/bin/env node
/**
 * obsync's entry point: parses the command line and hands over to a command. Nothing else lives here.
 */
import meow from 'meow';
import {runCommand} from './commands/index.js';

const cli = meow(
	`
  Usage
    $ obsync <command> [options]

  Commands
${runCommand.help}

  Options
    --help       Show this help
    --version    Show the version
`,
	{importMeta: import.meta, allowUnknownFlags: true, flags: {}},
);

const code = await runCommand(cli.input, process.argv.slice(2), cli.showHelp);
// Client libraries (gRPC channels, pools) may keep timers after a command finished: exit once stdout is flushed.
process.stdout.write('', () => process.exit(code));
