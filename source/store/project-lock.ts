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

/** When the process started, in clock ticks since boot (Linux /proc/PID/stat field 22); null where unknown. */
function startTime(pid: number): string | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
	} catch {
		return null;
	}
}

/** The command line of the process (Linux), or null where unknown. */
function commandLine(pid: number): string | null {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return null;
	}
}

/**
 * Whether the lock's holder still runs: the pid is alive and is the process that wrote the lock (same start time; a
 * lock of an older obsync without one: a node or obsync process). A pid reused by an unrelated process after a crash
 * does not block the project.
 */
function holds(pid: number, started: string | undefined): boolean {
	if (!(Number.isInteger(pid) && pid > 0) || !alive(pid)) return false;
	const now = startTime(pid);
	if (started !== undefined && now !== null) return now === started;
	const command = commandLine(pid);
	return command === null || /obsync|node/.test(command);
}

/** The lock's pid and the start time written with it ("PID START", or "PID" from older releases). */
function readLock(file: string): {pid: number; started: string | undefined} {
	const [pid, started] = readFileSync(file, 'utf8').trim().split(/\s+/);
	return {pid: Number(pid), started};
}

/** Takes the lock or fails naming the process that holds it; returns the function that releases it. */
export function lockProject(file: string, project: string): () => void {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx', 0o600);
			writeSync(fd, `${process.pid} ${startTime(process.pid) ?? ''}\n`);
			closeSync(fd);
			return () => {
				try {
					if (readLock(file).pid === process.pid) rmSync(file);
				} catch {
					// already gone
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const {pid, started} = readLock(file);
			if (pid !== process.pid && holds(pid, started)) {
				throw new ConfigError(`project ${project} is already running (pid ${pid})`, {
					hint: `stop that process first (kill -TERM ${pid} drains and saves the checkpoint); one project runs in one process at a time`,
				});
			}
			rmSync(file, {force: true}); // stale: its process is gone, or the pid now belongs to another program
		}
	}
	throw new ConfigError(`could not take the lock ${file} of project ${project}`, {hint: 'remove the file if no obsync runs this project'});
}

/** The pid of the live process holding the lock, or null when nobody holds it (or its holder is gone). */
export function lockHolder(file: string): number | null {
	try {
		const {pid, started} = readLock(file);
		return holds(pid, started) ? pid : null;
	} catch {
		return null;
	}
}
