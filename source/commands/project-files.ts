/**
 * Project files as `obsync project import` reads them and `export --output` writes them. An export may hold secrets
 * (--include-secrets), so it is written the way a secret file must be: to a temporary file created exclusively
 * (O_EXCL, mode 0600) in the target's folder, fsynced, then renamed over the target; an existing target is replaced
 * only with --force, and a symbolic link is never followed (the link itself would be replaced, so it is refused).
 */
import {constants} from 'node:fs';
import {lstat, open, readFile, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {ConfigError} from '../engine/errors.js';
import {MAX_PROJECT_BYTES} from '../store/project-store.js';

/** The text of a project file, or a ConfigError that names it and says what is wrong. */
export async function readProjectFile(file: string): Promise<string> {
	let size: number;
	try {
		const stats = await stat(file);
		if (stats.isDirectory()) throw new ConfigError(`${file} is a folder, not a project file`, {hint: 'name the JSON file of the project'});
		size = stats.size;
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw fileError(error as NodeJS.ErrnoException, file);
	}
	if (size > MAX_PROJECT_BYTES) {
		throw new ConfigError(`${file} is ${(size / 1024).toFixed(0)} KiB; a project file is at most 1,024 KiB`, {
			hint: 'is it the right file? A project of thousands of tables fits in far less',
		});
	}
	return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw fileError(error, file);
	});
}

function fileError(error: NodeJS.ErrnoException, file: string): ConfigError {
	if (error.code === 'ENOENT')
		return new ConfigError(`${file}: no such file`, {hint: 'check the path (relative paths start in the current folder)'});
	if (error.code === 'EACCES') return new ConfigError(`${file}: this user may not read it`, {hint: 'check its owner and mode'});
	return new ConfigError(`${file}: ${error.message}`);
}

/** Writes `text` to `file` as a secret file (see above). */
export async function writeSecretFile(file: string, text: string, options: {force: boolean}): Promise<void> {
	const folder = path.dirname(path.resolve(file));
	try {
		if (!(await stat(folder)).isDirectory()) throw new ConfigError(`cannot write ${file}: ${folder} is not a folder`);
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw new ConfigError(`cannot write ${file}: the folder ${folder} does not exist`, {
			hint: 'create the folder first, or write elsewhere',
		});
	}
	const existing = await lstat(file).catch(() => null);
	if (existing?.isSymbolicLink()) {
		throw new ConfigError(`${file} is a symbolic link; obsync does not write secrets through links`, {
			hint: 'name the real file, or remove the link first',
		});
	}
	if (existing?.isDirectory()) throw new ConfigError(`${file} is a folder`, {hint: 'name a file to write, e.g. project.json inside it'});
	if (existing && !options.force) throw new ConfigError(`${file} exists already`, {hint: 'add --force to replace it'});
	const temp = path.join(folder, `.${path.basename(file)}.${process.pid}.tmp`);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
		await handle.writeFile(text);
		await handle.sync();
		await handle.close();
		handle = undefined;
		await rename(temp, file);
	} catch (error) {
		await handle?.close().catch(() => {});
		await rm(temp, {force: true});
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EACCES') throw new ConfigError(`cannot write ${file}: this user may not write in ${folder}`, {hint: 'write elsewhere'});
		throw new ConfigError(`cannot write ${file}: ${(error as Error).message}`);
	}
}
