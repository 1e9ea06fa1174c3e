/** Bad command lines: exit 2 with what was wrong and the usage; unknown names: exit 3 with the names that exist. */
import {describe} from 'vitest';
import {type Case, runCases, withBaselineStore} from './harness.js';

withBaselineStore();

const usage: Case[] = [
	{does: 'refuses an unknown command', args: () => ['frobnicate'], code: 2, says: ['unknown command "frobnicate"', 'obsync --help']},
	{
		does: 'refuses an unknown top-level option instead of opening the app',
		args: () => ['--bogus'],
		code: 2,
		says: ['obsync: unknown option "--bogus"', 'obsync --help'],
	},
	{does: 'refuses an option before the command', args: () => ['--json', 'run', 'shop'], code: 2, says: ['unknown option "--json"']},
	{does: 'asks run for a project name', args: () => ['run'], code: 2, says: ['name the project to run', 'Usage: obsync run']},
	{does: 'runs one project at a time', args: () => ['run', 'shop', 'other'], code: 2, says: ['one project at a time']},
	...['0', '1e9', 'abc', '-1', '0.001'].map(
		(value): Case => ({
			does: `refuses --status-interval ${value} with the accepted range`,
			args: () => ['run', 'shop', `--status-interval=${value}`],
			code: 2,
			says: ['--status-interval takes seconds from 0.01 to 86400', `got ${value}`],
		}),
	),
	{
		does: 'refuses an unknown --log-level with the levels it takes',
		args: () => ['run', 'shop', '--log-level', 'loud'],
		code: 2,
		says: ['--log-level takes one of trace, debug, info, warn, error (got loud)'],
	},
	...['70000', 'abc', '-5'].map(
		(value): Case => ({
			does: `refuses --metrics-port ${value}`,
			args: () => ['run', 'shop', `--metrics-port=${value}`],
			code: 2,
			says: ['--metrics-port takes a port number (0-65535)'],
		}),
	),
	{
		does: 'refuses an unknown option of run',
		args: () => ['run', 'shop', '--bogus'],
		code: 2,
		says: ["Unknown option '--bogus'", 'Usage: obsync run'],
	},
	{
		does: 'refuses an option of run given without its value',
		args: () => ['run', 'shop', '--status-interval'],
		code: 2,
		says: ["Option '--status-interval <value>' argument missing"],
	},
	{does: 'asks precheck for a project name', args: () => ['precheck'], code: 2, says: ['name one project']},
	{does: 'prechecks one project at a time', args: () => ['precheck', 'shop', 'other'], code: 2, says: ['name one project']},
	{does: 'refuses an unknown option of precheck', args: () => ['precheck', 'shop', '--bogus'], code: 2, says: ["Unknown option '--bogus'"]},
	{
		does: 'asks project for a subcommand, naming them',
		args: () => ['project'],
		code: 2,
		says: ['name a subcommand: import, export, list, show or remove', 'Usage: obsync project'],
	},
	{does: 'refuses an unknown project subcommand', args: () => ['project', 'frob'], code: 2, says: ['unknown subcommand "frob"']},
	{does: 'asks import for a file', args: () => ['project', 'import'], code: 2, says: ['name the project file']},
	{
		does: 'imports one file at a time instead of ignoring the second',
		args: () => ['project', 'import', 'a.json', 'b.json'],
		code: 2,
		says: ['unexpected b.json (one file at a time)'],
	},
	{does: 'asks export for a project name', args: () => ['project', 'export'], code: 2, says: ['name the project']},
	{does: 'shows one project at a time', args: () => ['project', 'show', 'shop', 'more'], code: 2, says: ['unexpected more']},
	{does: 'refuses a name after project list', args: () => ['project', 'list', 'shop'], code: 2, says: ['unexpected shop']},
	{
		does: 'refuses --output outside export',
		args: () => ['project', 'import', 'a.json', '--output', 'x'],
		code: 2,
		says: ['--output and --force belong to export'],
	},
	{
		does: 'refuses --force without --output',
		args: () => ['project', 'export', 'shop', '--force'],
		code: 2,
		says: ['--force replaces the file of --output; give --output FILE'],
	},
	{does: 'refuses an unknown option of project', args: () => ['project', 'list', '--bogus'], code: 2, says: ["Unknown option '--bogus'"]},
	{does: 'asks stop for a project name', args: () => ['stop'], code: 2, says: ['obsync stop: name one project', 'Usage: obsync stop NAME']},
	{does: 'pauses one project at a time', args: () => ['pause', 'shop', 'other'], code: 2, says: ['obsync pause: name one project']},
	{
		does: 'refuses a status --interval out of its range',
		args: () => ['status', '--watch', '--interval', '0'],
		code: 2,
		says: ['--interval takes seconds from 0.2 to 3600 (got 0)'],
	},
	{does: 'asks binlog for a subcommand', args: () => ['binlog'], code: 2, says: ['name a subcommand: inspect', 'Usage: obsync binlog']},
	{does: 'asks binlog inspect for files', args: () => ['binlog', 'inspect'], code: 2, says: ['Usage: obsync binlog']},
];

const unknownNames: Case[] = [
	...[['run'], ['precheck'], ['project', 'show'], ['project', 'export']].map(
		(command): Case => ({
			does: `says which projects exist when ${command.join(' ')} names an unknown one`,
			args: () => [...command, 'nosuch'],
			code: 3,
			says: ['there is no project named "nosuch"', 'shop'],
		}),
	),
	...[['status'], ['stop'], ['pause'], ['resume']].map(
		(command): Case => ({
			does: `says which projects exist when ${command.join(' ')} names an unknown one`,
			args: () => [...command, 'nosuch'],
			code: 3,
			says: ['there is no project named "nosuch"', 'shop'],
		}),
	),
	{
		does: 'says a project that is not running cannot be stopped, and how to see why',
		args: () => ['stop', 'shop'],
		code: 1,
		says: ['project shop is not running', 'obsync status shop'],
	},
	{
		does: 'says there is nothing to remove under an unknown name',
		args: () => ['project', 'remove', 'nosuch'],
		code: 3,
		says: ['no project named "nosuch"'],
	},
	...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map(
		(name): Case => ({
			does: `does not take ${name} for a saved project`,
			args: () => ['project', 'show', name],
			code: 3,
			says: [`there is no project named "${name}"`],
		}),
	),
	{
		does: 'does not remove toString as if it were a project',
		args: () => ['project', 'remove', 'toString'],
		code: 3,
		says: ['no project named "toString"'],
	},
	{
		does: 'says how to start a project that has no checkpoint to resume from',
		args: () => ['run', 'shop', '--resume'],
		code: 3,
		says: ['has no checkpoint to resume from', 'run it once without --resume'],
	},
];

describe('bad command lines', () => runCases(usage));
describe('unknown names', () => runCases(unknownNames));
