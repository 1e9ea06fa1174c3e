/**
 * Serves a running engine's control endpoint (protocol.ts) on a Unix domain socket. Only the user who runs obsync can
 * reach it: the socket is mode 0600 and is refused in a folder that another user owns or may write to (they could
 * swap the socket for their own). The caller holds the project's run lock, so a socket file already there is a dead
 * run's and is replaced; the socket goes when the run ends. A client that stops reading the event stream is dropped
 * rather than buffered without end.
 */
import {chmodSync, rmSync, statSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import path from 'node:path';
import type {Engine} from '../engine.js';
import type {EngineSnapshot} from '../engine-events.js';
import {ConfigError} from '../errors.js';
import {CONTROL_VERSION, isControlOp, lineSplitter, type ServerLine} from './protocol.js';

/** sun_path holds 108 bytes on Linux, the last one a NUL. */
const MAX_SOCKET_PATH_BYTES = 107;
/** What a client that does not read may leave unsent before it is dropped. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export type ControlServer = {
	readonly path: string;
	/**
	 * Removes the socket file at once, then ends the connections. It happens by itself when the engine is done (before
	 * the caller, which waits on `done` after serving, releases the run lock); calling it earlier is allowed.
	 */
	close(): Promise<void>;
};

export type ControlServerOptions = {
	readonly path: string;
	readonly project: string;
	/** obsync's version, in the hello line. */
	readonly version: string;
	/** Asked to stop: drain and save the checkpoint, as SIGTERM does. */
	readonly onStop: () => void;
};

/** Why the folder cannot hold the socket, or undefined when only this user can write to it. */
export function unsafeFolder(folder: string): string | undefined {
	const stats = statSync(folder);
	const uid = process.getuid?.();
	if (uid !== undefined && stats.uid !== uid) return `${folder} belongs to another user (uid ${stats.uid})`;
	if ((stats.mode & 0o022) !== 0) return `other users may write to ${folder} (mode ${(stats.mode & 0o777).toString(8)})`;
	return undefined;
}

export async function serveControl(engine: Engine, options: ControlServerOptions): Promise<ControlServer> {
	const file = options.path;
	const bytes = Buffer.byteLength(file);
	if (bytes > MAX_SOCKET_PATH_BYTES) {
		throw new ConfigError(
			`the control socket path ${file} is ${bytes} bytes long; a Unix socket path holds at most ${MAX_SOCKET_PATH_BYTES}`,
			{
				hint: 'set OBSYNC_HOME to a shorter folder to watch and control this run with obsync status, stop, pause and resume',
			},
		);
	}
	const unsafe = unsafeFolder(path.dirname(file));
	if (unsafe) {
		throw new ConfigError(`no control socket: ${unsafe}`, {hint: 'make the folder yours and mode 0700 (chmod 700), then restart the run'});
	}
	rmSync(file, {force: true}); // a dead run's: the caller holds the run lock
	const sockets = new Set<Socket>();
	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= (() => {
			// The path goes first, at once: the caller releases the run lock next, and the next run may then serve its
			// own socket at this path, which a later removal would take away.
			rmSync(file, {force: true});
			for (const socket of sockets) socket.end(); // after what is written: a stop's reply, the last events
			return new Promise<void>((resolve) => server.close(() => resolve()));
		})();
		return closing;
	};
	// The socket ends with the run. Registered before the caller's own wait on `done` (it releases the run lock), so
	// that stop's replies are written and the path is removed before the lock is free.
	const stopping = new Set<(snapshot: EngineSnapshot) => void>();
	let ended = false;
	let listening = false;
	void engine.done.then(() => {
		ended = true;
		for (const reply of stopping) reply(engine.snapshot());
		if (listening) void close();
	});
	const whenStopped: WhenStopped = (reply) => (ended ? reply(engine.snapshot()) : stopping.add(reply));
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		serveClient(engine, options, socket, whenStopped);
	});
	await listen(server, file);
	chmodSync(file, 0o600);
	listening = true;
	if (ended) void close(); // the run ended while the socket was being set up
	return {path: file, close};
}

function listen(server: Server, file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(file, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

type WhenStopped = (reply: (snapshot: EngineSnapshot) => void) => void;

function serveClient(engine: Engine, options: ControlServerOptions, socket: Socket, whenStopped: WhenStopped): void {
	const send = (line: ServerLine) => {
		if (socket.destroyed) return;
		socket.write(`${JSON.stringify(line)}\n`);
		if (socket.writableLength > MAX_UNSENT_BYTES) socket.destroy();
	};
	const v = CONTROL_VERSION;
	send({v, type: 'hello', project: options.project, pid: process.pid, obsync: options.version});
	let unsubscribe: (() => void) | undefined;
	socket.on('close', () => unsubscribe?.());
	socket.on(
		'data',
		lineSplitter((line) => {
			let op: unknown;
			try {
				op = (JSON.parse(line) as {op?: unknown}).op;
			} catch {
				return send({v, type: 'reply', op: '', ok: false, error: 'not JSON: send one {"op": …} object per line'});
			}
			if (!isControlOp(op)) return send({v, type: 'reply', op: String(op), ok: false, error: `unknown op "${String(op)}"`});
			switch (op) {
				case 'snapshot':
					break;
				case 'pause':
					engine.pause();
					break;
				case 'resume':
					engine.resume();
					break;
				case 'stop':
					whenStopped((snapshot) => send({v, type: 'reply', op, ok: true, snapshot}));
					options.onStop();
					return;
				case 'events':
					unsubscribe ??= engine.subscribe((event) => send({v, type: 'event', event}));
					break;
			}
			send({v, type: 'reply', op, ok: true, snapshot: engine.snapshot()});
		}),
	);
}
