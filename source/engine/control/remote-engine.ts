/**
 * A run in another process, seen through its control socket as an Engine, so that the dashboard and Home show and
 * drive it as they do a run of their own process: its events as they come, a snapshot asked for every second (a run's
 * own status events follow its --status-interval, 5 s by default, too slow for a live screen), and pause, resume and
 * stop sent as requests. When the other process ends (stopped, killed), `done` settles and `gone` says so; the last
 * snapshot stays readable.
 */
import {connect, type Socket} from 'node:net';
import type {Engine, EngineResult} from '../engine.js';
import {type EngineEvent, type EngineListener, emptySnapshot, isLive} from '../engine-events.js';
import {serverLineReader} from './protocol.js';

export type RemoteEngine = Engine & {
	/** The pid of the process that runs it, once it said hello. */
	readonly pid: number | null;
	/** The other process has closed the connection (its run ended, or it died). */
	readonly gone: boolean;
	/** Leaves the run alone: closes the connection. */
	detach(): void;
};

const POLL_MS = 1000;

export function attachRemoteEngine(file: string, project: string): RemoteEngine {
	const listeners = new Set<EngineListener>();
	// What shows until the first snapshot arrives (a few milliseconds on a local socket).
	let snapshot = emptySnapshot(project);
	let pid: number | null = null;
	let gone = false;
	let detached = false;
	let resolveDone!: (result: EngineResult) => void;
	const done = new Promise<EngineResult>((resolve) => {
		resolveDone = resolve;
	});
	const stopWaiters: Array<(result: EngineResult) => void> = [];
	const emit = (event: EngineEvent) => {
		for (const listener of listeners) listener(event);
	};
	const socket: Socket = connect(file);
	const send = (op: string) => {
		if (!gone && socket.writable) socket.write(`${JSON.stringify({op})}\n`);
	};
	const timer = setInterval(() => send('snapshot'), POLL_MS);
	timer.unref();

	const end = () => {
		if (gone) return;
		gone = true;
		clearInterval(timer);
		if (detached) return;
		const result: EngineResult = snapshot.state === 'failed' ? {state: 'failed', ...lastError()} : {state: 'stopped'};
		for (const waiter of stopWaiters.splice(0)) waiter(result);
		resolveDone(result);
		emit({type: 'state', state: snapshot.state, previous: snapshot.state});
	};
	const lastError = () => (snapshot.errors.at(-1) ? {error: snapshot.errors.at(-1)!} : {});
	socket.on('error', () => socket.destroy());
	socket.on('close', end);
	socket.on(
		'data',
		serverLineReader(
			file,
			(line) => {
				if (line.type === 'hello') {
					pid = line.pid;
					send('events');
					send('snapshot');
				} else if (line.type === 'reply' && line.ok) {
					snapshot = line.snapshot;
					if (line.op === 'stop') for (const waiter of stopWaiters.splice(0)) waiter({state: 'stopped'});
					// Every reply carries a fresh snapshot: one sample for the sparklines a second, as a local engine's status.
					emit({type: 'status', snapshot});
				} else if (line.type === 'event' && line.event.type !== 'status') {
					if (line.event.type === 'state') snapshot = {...snapshot, state: line.event.state};
					if (line.event.type === 'checkpoint') snapshot = {...snapshot, checkpoint: line.event.checkpoint};
					emit(line.event);
				}
			},
			// Another program, or another obsync version: seen as gone rather than misread.
			() => socket.destroy(),
		),
	);

	return {
		get state() {
			return snapshot.state;
		},
		get pid() {
			return pid;
		},
		get gone() {
			return gone;
		},
		snapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		pause: () => send('pause'),
		resume: () => send('resume'),
		stop() {
			if (gone || !isLive(snapshot.state)) return Promise.resolve<EngineResult>({state: 'stopped'});
			send('stop');
			return new Promise((resolve) => stopWaiters.push(resolve));
		},
		done,
		detach() {
			detached = true;
			clearInterval(timer);
			listeners.clear();
			socket.destroy();
		},
	};
}
