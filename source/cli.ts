#!/usr/bin/env -S node --max-semi-space-size=64
/**
 * obsync's entry point: hands the command line to the command table and exits with what the command returns.
 * `--max-semi-space-size=64` (shebang and npm start): every message sent allocates gRPC and protobuf objects that
 * die young; a larger young generation collects them with fewer scavenges (7-15 % more row changes/s measured).
 */
import {runCli} from './commands/index.js';

const code = await runCli(process.argv.slice(2));
// Client libraries (gRPC channels, pools) may keep timers after a command finished: exit once stdout is flushed.
process.stdout.write('', () => process.exit(code));
