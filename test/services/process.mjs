// @ts-check
/** Small process and socket helpers for the test services: detached spawns, pid files, port probes. */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';

/**
 * Starts a long-running service in its own session (own process group), stdin closed and
 * stdout/stderr appended to `logFile`, so nothing it prints reaches the terminal or CI's pipe.
 * @param {string} command
 * @param {string[]} args
 * @param {{logFile: string, pidFile: string, env?: NodeJS.ProcessEnv, cwd?: string}} options
 * @returns {number} the pid, which is also the process-group id
 */
export function spawnDetached(command, args, {logFile, pidFile, env, cwd}) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {detached: true, stdio: ['ignore', out, out], env, cwd});
	fs.closeSync(out);
	if (child.pid === undefined) throw new Error(`could not start ${command}; see ${logFile}`);
	child.unref();
	fs.writeFileSync(pidFile, `${child.pid}\n`);
	return child.pid;
}

/** @param {number} port @param {string} [host] @param {number} [timeoutMs] @returns {Promise<boolean>} */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 700) {
	return new Promise((resolve) => {
		const socket = net.connect({port, host});
		const done = (/** @type {boolean} */ open) => {
			socket.destroy();
			resolve(open);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

/** @param {number | undefined} pid */
export function isAlive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** @param {string} pidFile @returns {number | undefined} */
export function readPid(pidFile) {
	try {
		const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10);
		return Number.isFinite(pid) ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The pid of the process listening on a TCP port of this machine, through `ss` (iproute2),
 * for services started from another clone whose pid files are elsewhere.
 * @param {number} port @returns {number | undefined}
 */
export function listenerPid(port) {
	const result = spawnSync('ss', ['-Htlnp', `sport = :${port}`], {encoding: 'utf8'});
	const match = /pid=(\d+)/.exec(result.stdout ?? '');
	return match?.[1] ? Number.parseInt(match[1], 10) : undefined;
}

/**
 * The TCP addresses a process listens on (`ss -tlnp`), e.g. `127.0.0.1:23306` or `*:28081`.
 * @param {number | undefined} pid @returns {string[]}
 */
export function listeningAddresses(pid) {
	if (!pid) return [];
	const result = spawnSync('ss', ['-Htlnp'], {encoding: 'utf8'});
	return (result.stdout ?? '')
		.split('\n')
		.filter((line) => line.includes(`pid=${pid},`))
		.map((line) => line.trim().split(/\s+/)[3] ?? '')
		.filter(Boolean);
}

/** Resident memory of a process in MiB, from /proc. @param {number | undefined} pid */
export function rssMiB(pid) {
	if (!pid) return undefined;
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+)/.exec(status);
		return kb?.[1] ? Math.round(Number.parseInt(kb[1], 10) / 1024) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Stops a process group with SIGTERM, then SIGKILL after `graceMs`.
 * @param {number} pid @param {number} [graceMs]
 */
export async function stopProcess(pid, graceMs = 30_000) {
	const signal = (/** @type {NodeJS.Signals} */ name) => {
		try {
			process.kill(-pid, name);
		} catch {
			try {
				process.kill(pid, name);
			} catch {}
		}
	};
	signal('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (isAlive(pid) && Date.now() < deadline) await sleep(200);
	if (isAlive(pid)) {
		signal('SIGKILL');
		while (isAlive(pid)) await sleep(100);
	}
}

/**
 * Polls `check` until it returns true, or throws with `what` and the tail of `logFile`.
 * @param {() => Promise<boolean> | boolean} check
 * @param {{what: string, timeoutMs: number, logFile?: string, pid?: number}} options
 */
export async function waitFor(check, {what, timeoutMs, logFile, pid}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		// Checked after the probe, so a slow probe or a busy machine still gets one last look at the deadline.
		if (Date.now() >= deadline || (pid !== undefined && !isAlive(pid))) break;
		await sleep(250);
	}
	const reason = pid !== undefined && !isAlive(pid) ? 'the process exited' : `not ready after ${timeoutMs / 1000} s`;
	throw new Error(`${what}: ${reason}.${logFile ? `\nLast lines of ${logFile}:\n${tail(logFile, 25)}` : ''}`);
}

/** @param {string} file @param {number} lines */
export function tail(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Runs a command to completion without blocking the event loop (services start in parallel), and resolves with
 * what it printed; rejects with that output when it fails.
 * @param {string} command @param {string[]} args @param {{env?: NodeJS.ProcessEnv, cwd?: string}} [options]
 * @returns {Promise<string>}
 */
export function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {...options, stdio: ['ignore', 'pipe', 'pipe']});
		/** @type {Buffer[]} */
		const chunks = [];
		child.stdout.on('data', (chunk) => chunks.push(chunk));
		child.stderr.on('data', (chunk) => chunks.push(chunk));
		child.once('error', (error) => reject(new Error(`${command} could not run: ${error.message}`)));
		child.once('close', (code) => {
			const output = Buffer.concat(chunks).toString('utf8');
			if (code === 0) resolve(output);
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.trim()}`));
		});
	});
}

/** @param {string} command */
export function which(command) {
	const result = spawnSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'});
	return result.status === 0 ? result.stdout.trim() : undefined;
}
