/**
 * A damaged store stops every command with the file, what is wrong and how to recover, and is left as it was; exports
 * with secrets are written only as secret files; a lock of a process that is not obsync does not block a project.
 */
import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect} from 'vitest';
import type {CliHome} from '../../helpers/obsync-cli.js';
import {type Case, PASSWORD, runCases, withBaselineStore, writeJson} from './harness.js';

withBaselineStore();

const store = (home: CliHome) => path.join(home.directory, 'obsync.json');
const damage = (text: string) => (home: CliHome) => writeFileSync(store(home), text);

const damaged: Case[] = [
	...[
		['project', 'list'],
		['project', 'show', 'shop'],
		['run', 'shop'],
		['precheck', 'shop'],
	].map(
		(command): Case => ({
			does: `stops ${command.slice(0, 2).join(' ')} on a store that is not JSON, and says how to recover`,
			setup: damage('{"projects": {'),
			args: () => command,
			code: 3,
			says: ['obsync.json is damaged: it is not JSON', 'obsync has not changed it', 'move it away'],
		}),
	),
	{
		does: 'points to the backup of a damaged store when there is one',
		setup: (home) => {
			writeFileSync(`${store(home)}.bak`, readFileSync(store(home)));
			damage('garbage')(home);
		},
		args: () => ['project', 'list'],
		code: 3,
		says: ['is damaged', /cp '.*obsync\.json\.bak' '.*obsync\.json'/],
	},
	...[
		['{"projects":"oops"}', 'its "projects" is not an object'],
		['[1,2,3]', 'it holds an array, not an object of projects'],
		['null', 'it holds null'],
		['"text"', 'it holds a string'],
		['{"tags":[1,2]}', 'its "tags" is not a list of names'],
		['{"sources":[]}', 'its "sources" is not an object'],
	].map(
		([text, says]): Case => ({
			does: `stops on a store of the wrong shape (${text}) without rewriting it`,
			setup: damage(text!),
			args: () => ['project', 'list'],
			code: 3,
			says: ['obsync.json is damaged', says!],
		}),
	),
	{
		does: 'stops when the store is a folder',
		setup: (home) => {
			rmSync(store(home));
			mkdirSync(store(home));
		},
		args: () => ['project', 'list'],
		code: 3,
		says: ['is not a regular file'],
	},
	{
		does: 'refuses a store over 32 MiB before reading it',
		setup: damage(`{"projects":{},"drafts":{"x":"${'y'.repeat(33 * 1024 * 1024)}"}}`),
		args: () => ['project', 'list'],
		code: 3,
		says: ['obsync reads stores of at most 32 MiB'],
	},
	{
		does: 'names the unknown field of a stored project, and lists it as invalid without changing the store',
		setup: (home) => {
			const value = JSON.parse(readFileSync(store(home), 'utf8'));
			value.projects.shop.objects[0].were = 'x';
			writeFileSync(store(home), JSON.stringify(value));
		},
		args: () => ['project', 'show', 'shop'],
		code: 3,
		says: ['objects.0.were: unknown field; did you mean "where"?'],
	},
	{
		does: 'sets a store readable by others to 0600 and says so',
		setup: (home) => chmodSync(store(home), 0o644),
		args: () => ['project', 'list'],
		code: 0,
		says: ['was readable by other users (mode 0644); obsync set it to 0600', 'shop'],
		after: (home) => expect(statSync(store(home)).mode & 0o777).toBe(0o600),
	},
	{
		does: 'says at once when OBSYNC_HOME lies under a file',
		setup: (home) => {
			writeFileSync(path.join(home.directory, 'afile'), '');
			home.env.OBSYNC_HOME = path.join(home.directory, 'afile', 'store');
		},
		args: () => ['project', 'list'],
		code: 3,
		says: ['cannot be created', 'afile is a file, not a folder', 'set OBSYNC_HOME'],
	},
	{
		does: 'leaves the store untouched when list reads an empty home',
		setup: (home) => {
			home.env.OBSYNC_HOME = path.join(home.directory, 'fresh');
		},
		args: () => ['project', 'list'],
		code: 0,
		says: ['no projects in'],
		after: (home) => expect(() => statSync(path.join(home.directory, 'fresh', 'obsync.json'))).toThrow(),
	},
];

const exportTo =
	(file: (home: CliHome) => string, ...more: string[]) =>
	(home: CliHome) => ['project', 'export', 'shop', '--include-secrets', '--output', file(home), ...more];

const exports: Case[] = [
	{
		does: 'does not overwrite an existing file without --force',
		args: exportTo((home) => writeJson(home, 'out.json', 'keep me')),
		code: 3,
		says: ['out.json exists already', 'add --force'],
		after: (home) => expect(readFileSync(path.join(home.directory, 'out.json'), 'utf8')).toBe('keep me'),
	},
	{
		does: 'replaces a world-readable file with --force as a 0600 file',
		setup: (home) => {
			writeJson(home, 'out.json', 'old');
			chmodSync(path.join(home.directory, 'out.json'), 0o644);
		},
		args: exportTo((home) => path.join(home.directory, 'out.json'), '--force'),
		code: 0,
		says: ['(mode 0600)'],
		after: (home) => {
			const file = path.join(home.directory, 'out.json');
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(readFileSync(file, 'utf8')).toContain(PASSWORD);
		},
	},
	{
		does: 'does not write secrets through a symbolic link',
		setup: (home) => {
			writeJson(home, 'target.json', 'untouched');
			symlinkSync(path.join(home.directory, 'target.json'), path.join(home.directory, 'link.json'));
		},
		args: exportTo((home) => path.join(home.directory, 'link.json'), '--force'),
		code: 3,
		says: ['link.json is a symbolic link; obsync does not write secrets through links'],
		after: (home) => expect(readFileSync(path.join(home.directory, 'target.json'), 'utf8')).toBe('untouched'),
	},
	{
		does: 'says when the folder to export into does not exist',
		args: exportTo((home) => path.join(home.directory, 'nope', 'out.json')),
		code: 3,
		says: ['the folder', 'nope does not exist', 'create the folder first'],
	},
	{
		does: 'says when the export target is a folder',
		setup: (home) => mkdirSync(path.join(home.directory, 'dir')),
		args: exportTo((home) => path.join(home.directory, 'dir'), '--force'),
		code: 3,
		says: ['dir is a folder'],
	},
	{
		does: 'masks the secrets of an export to stdout',
		args: () => ['project', 'export', 'shop'],
		code: 0,
		says: ['"password": "******"', '"secretKey": "******"'],
	},
];

// A live process that is not obsync (a shell's sleep) and one that is node: the lock of the first is stale.
const sleeper = spawn('sleep', ['600'], {stdio: 'ignore'});
afterAll(() => sleeper.kill());
const lockOf = (home: CliHome) => path.join(home.directory, 'checkpoints', 'shop.lock');
const lockWith = (content: string) => (home: CliHome) => {
	mkdirSync(path.dirname(lockOf(home)), {recursive: true});
	writeFileSync(lockOf(home), content);
};

const locks: Case[] = [
	{
		does: 'takes over a lock that names a live process which is not obsync',
		setup: lockWith(`${sleeper.pid}\n`),
		args: () => ['run', 'shop'],
		code: 1,
		says: ['127.0.0.1:1'],
		never: ['already running'],
	},
	{
		does: 'takes over a lock whose pid now belongs to a process started later',
		setup: lockWith(`${process.pid} 1\n`),
		args: () => ['run', 'shop'],
		code: 1,
		says: ['127.0.0.1:1'],
		never: ['already running'],
	},
	{
		does: 'refuses a project whose lock names its live obsync process, and says how to stop it',
		setup: (home) => {
			const started = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
			lockWith(`${process.pid} ${started.slice(started.lastIndexOf(')') + 2).split(' ')[19]}\n`)(home);
		},
		args: () => ['run', 'shop'],
		code: 3,
		says: [`project shop is already running (pid ${process.pid})`, `kill -TERM ${process.pid}`],
	},
];

describe('a damaged store', () => runCases(damaged));
describe('exports with secrets', () => runCases(exports));
describe('locks', () => runCases(locks));
