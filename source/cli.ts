#!/usr/bin/env -S node --max-semi-space-size=64
/**
 * obsync's entry point: parses the command line and hands over to a command. Nothing else lives here.
 * `--max-semi-space-size=64` (shebang and npm start): every message sent allocates gRPC and protobuf objects that
 * die young; a larger young generation collects them with fewer scavenges (7-15 % more row changes/s measured).
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

const code = await runCommand(cli.input, process.argv.slice(2));
// Client libraries (gRPC channels, pools) may keep timers after a command finished: exit once stdout is flushed.
process.stdout.write('', () => process.exit(code));
