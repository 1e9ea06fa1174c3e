/**
 * Starts the local test services with `node test/services/run.mjs up` (idempotent: services already running are
 * reused). The child's output goes to a log file and, line by line, to `onLine`; it never reaches the terminal the
 * app draws on.
 */
import {spawn} from 'node:child_process';
import {createWriteStream, mkdirSync} from 'node:fs';
import path from 'node:path';
import {ConfigError} from '../engine/errors.js';
import {servicesScript} from './playground-settings.js';

export type ServicesUpOptions = {
	/** The clone holding test/services/. */
	readonly root: string;
	/** Where the child's output is appended. */
	readonly logFile: string;
	/** Each line the child prints (progress: "mariadb: already running, reused (0.1 s)"). */
	readonly onLine?: (line: string) => void;
	/** Aborting it ends the child (services it already started keep running). */
	readonly signal?: AbortSignal;
};

/** Resolves when every service is up; fails with the child's last words and the log's path. */
export function startTestServices(options: ServicesUpOptions): Promise<void> {
	const {root, logFile, onLine, signal} = options;
	signal?.throwIfAborted();
	mkdirSync(path.dirname(logFile), {recursive: true, mode: 0o700});
	const log = createWriteStream(logFile, {flags: 'a', mode: 0o600});
	log.write(`--- ${new Date().toISOString()} node ${servicesScript(root)} up\n`);
	const child = spawn(process.execPath, [servicesScript(root), 'up'], {cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env});
	const lines: string[] = [];
	const splitter = () => {
		let rest = '';
		return (chunk: Buffer) => {
			log.write(chunk);
			const parts = (rest + chunk.toString('utf8')).split('\n');
			rest = parts.pop() ?? '';
			for (const line of parts.map((part) => part.trimEnd()).filter(Boolean)) {
				lines.push(line);
				if (lines.length > 20) lines.shift();
				onLine?.(line);
			}
		};
	};
	child.stdout.on('data', splitter());
	child.stderr.on('data', splitter());
	const onAbort = () => child.kill('SIGTERM');
	signal?.addEventListener('abort', onAbort, {once: true});
	return new Promise<void>((resolve, reject) => {
		const finish = (error?: Error) => {
			signal?.removeEventListener('abort', onAbort);
			log.end(() => (error ? reject(error) : resolve()));
		};
		child.on('error', (error) =>
			finish(new ConfigError(`could not run ${servicesScript(root)}: ${error.message}`, {hint: `see ${logFile}`})),
		);
		child.on('close', (code, killedBy) => {
			if (signal?.aborted) return finish(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
			if (code === 0) return finish();
			const last = [...lines].reverse().find((line) => line.startsWith('error:')) ?? lines.at(-1) ?? 'no output';
			finish(
				new ConfigError(`the test services did not start (${killedBy ? `killed by ${killedBy}` : `exit code ${code}`}): ${last}`, {
					hint: `the whole output is in ${logFile}; \`npm run services -- status\` shows what runs`,
				}),
			);
		});
	});
}
