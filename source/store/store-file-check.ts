/**
 * Checks made before the store file is handed to `conf`, so that no command works on a damaged store and none damages
 * it further: conf throws a bare SyntaxError on broken JSON, and rewrites a store of the wrong shape with its
 * defaults. Each problem is a ConfigError naming the file, what is wrong and how to recover (the backup `.bak` beside
 * it, written before every change). A store readable by other users is set to 0600, with a warning.
 */
import {accessSync, constants, readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ConfigError} from '../engine/errors.js';

/** Where the store lives without OBSYNC_HOME: the user's config folder, where `conf` (through env-paths) puts it. */
export function defaultStoreDirectory(): string {
	const home = os.homedir();
	if (process.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'obsync');
	if (process.platform === 'win32') return path.join(process.env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'obsync', 'Config');
	return path.join(process.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'obsync');
}

/** A store this large is refused: projects are kilobytes, and reading a huge one took seconds and gigabytes. */
export const MAX_STORE_BYTES = 32 * 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function recovery(file: string): string {
	const backup = `${file}.bak`;
	let hasBackup = false;
	try {
		hasBackup = statSync(backup).isFile();
	} catch {
		// no backup
	}
	return hasBackup
		? `obsync has not changed it. To go back to the last good store: cp '${backup}' '${file}' (the backup obsync wrote before its last change); or move the file away to start with an empty store`
		: `obsync has not changed it. Repair it by hand, or move it away to start with an empty store (there is no backup ${path.basename(backup)} yet)`;
}

/** Throws a ConfigError when the store file exists and is not a store; returns warnings for what it fixed. */
export function checkStoreFile(file: string, fixMode: (file: string) => void): string[] {
	let stats: ReturnType<typeof statSync>;
	try {
		stats = statSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw new ConfigError(`cannot read the store ${file}: ${(error as Error).message}`, {hint: 'check the file and its folder'});
	}
	if (!stats.isFile()) {
		throw new ConfigError(`the store ${file} is not a regular file (a folder or a device)`, {
			hint: 'obsync keeps its store in a plain file of its own: move that away, or set OBSYNC_HOME to another folder',
		});
	}
	if (stats.size > MAX_STORE_BYTES) {
		throw new ConfigError(`the store ${file} is ${(stats.size / 1024 / 1024).toFixed(1)} MiB; obsync reads stores of at most 32 MiB`, {
			hint: `a store holds projects of a few kilobytes: remove what does not belong there. ${recovery(file)}`,
		});
	}
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new ConfigError(`the store ${file} is damaged: it is not JSON (${(error as Error).message})`, {hint: recovery(file)});
	}
	const wrong = shapeProblem(value);
	if (wrong) throw new ConfigError(`the store ${file} is damaged: ${wrong}`, {hint: recovery(file)});
	const warnings: string[] = [];
	if ((stats.mode & 0o077) !== 0) {
		fixMode(file);
		warnings.push(
			`the store ${file} was readable by other users (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}); obsync set it to 0600`,
		);
	}
	return warnings;
}

function shapeProblem(value: unknown): string | undefined {
	if (!isRecord(value))
		return `it holds ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not an object of projects`;
	for (const key of ['projects', 'sources', 'destinations', 'drafts', 'prechecks']) {
		if (key in value && !isRecord(value[key])) return `its "${key}" is not an object`;
	}
	if ('tags' in value && !(Array.isArray(value.tags) && value.tags.every((tag) => typeof tag === 'string'))) {
		return 'its "tags" is not a list of names';
	}
	return undefined;
}

/**
 * Fails clearly when the store's folder cannot be made: Node's recursive mkdir can loop for ever on some such paths
 * (OBSYNC_HOME under a file, or under a folder it may not write), so the nearest existing ancestor is checked first.
 */
export function checkStoreDirectory(directory: string): void {
	let existing = path.resolve(directory);
	for (;;) {
		try {
			const stats = statSync(existing);
			if (!stats.isDirectory()) {
				throw new ConfigError(`the store folder ${directory} cannot be created: ${existing} is a file, not a folder`, {
					hint: 'set OBSYNC_HOME to a folder obsync may create, e.g. ~/.config/obsync',
				});
			}
			break;
		} catch (error) {
			if (error instanceof ConfigError) throw error;
			const code = (error as NodeJS.ErrnoException).code;
			// ENOTDIR: a part above is a file; going up finds it and names it.
			if (code !== 'ENOENT' && code !== 'ENOTDIR')
				throw new ConfigError(`the store folder ${directory} cannot be used: ${(error as Error).message}`);
			const parent = path.dirname(existing);
			if (parent === existing) break;
			existing = parent;
		}
	}
	if (existing === path.resolve(directory)) return;
	try {
		accessSync(existing, constants.W_OK | constants.X_OK);
	} catch {
		throw new ConfigError(`the store folder ${directory} cannot be created: ${existing} is not writable by this user`, {
			hint: 'set OBSYNC_HOME to a folder this user may create, e.g. ~/.config/obsync',
		});
	}
}
