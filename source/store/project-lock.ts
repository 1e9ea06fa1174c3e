/**
 * One running instance per project: two would register with the same replica server id (the server drops one of
 * them again and again) and race on the checkpoint. The lock is a file holding the pid; a lock whose process is
 * gone (kill -9, power loss) is taken over.
 */
import {closeSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs';
import {ConfigError} from '../engine/errors.js';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock or fails naming the process that holds it; returns the function that releases it. */
export function lockProject(file: string, project: string): () => void {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx', 0o600);
			writeSync(fd, `${process.pid}\n`);
			closeSync(fd);
			return () => {
				try {
					if (Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file);
				} catch {
					// already gone
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new ConfigError(`project ${project} is already running (pid ${pid})`, {
					hint: `stop that process first (kill -TERM ${pid}); one project runs in one process at a time`,
				});
			}
			rmSync(file, {force: true}); // stale: its process is gone
		}
	}
	throw new ConfigError(`could not take the lock ${file} of project ${project}`, {hint: 'remove the file if no obsync runs this project'});
}

/** The pid of the live process holding the lock, or null when nobody holds it (or its holder is gone). */
export function lockHolder(file: string): number | null {
	try {
		const pid = Number(readFileSync(file, 'utf8').trim());
		return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
	} catch {
		return null;
	}
}
