/**
 * The control protocol end to end in one process: serveControl over an engine of arrays (states and events pushed by
 * the test), and attachRemoteEngine / controlRequest on the other side of a real Unix socket.
 */
import {existsSync, mkdtempSync, statSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {controlRequest} from '../../../source/engine/control/control-client.js';
import {type ControlServer, serveControl} from '../../../source/engine/control/control-server.js';
import {lineSplitter} from '../../../source/engine/control/protocol.js';
import {attachRemoteEngine} from '../../../source/engine/control/remote-engine.js';
import type {Engine, EngineResult} from '../../../source/engine/engine.js';
import {
	type EngineEvent,
	type EngineListener,
	type EngineSnapshot,
	type EngineState,
	emptySnapshot,
} from '../../../source/engine/engine-events.js';

/** An engine whose state the test sets: enough for the server, which only reads snapshots and forwards events. */
function engineOfArrays() {
	const listeners = new Set<EngineListener>();
	let state: EngineState = 'running';
	let acked = 0;
	let finish!: (result: EngineResult) => void;
	const done = new Promise<EngineResult>((resolve) => {
		finish = resolve;
	});
	const snapshot = (): EngineSnapshot => ({
		...emptySnapshot('p', state),
		position: {file: 'binlog.000001', position: 100 + acked},
		lagSeconds: 0,
		totals: {insert: acked, update: 0, delete: 0, ddl: 0, filtered: 0, transactions: acked, messages: acked, acked},
	});
	const emit = (event: EngineEvent) => {
		for (const listener of listeners) listener(event);
	};
	const setState = (next: EngineState) => {
		const previous = state;
		state = next;
		emit({type: 'state', state: next, previous});
	};
	const engine: Engine = {
		get state() {
			return state;
		},
		snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		pause: () => state === 'running' && setState('paused'),
		resume: () => state === 'paused' && setState('running'),
		stop: async () => done,
		done,
	};
	return {
		engine,
		ack: () => acked++,
		stopNow: () => {
			setState('stopping');
			setState('stopped');
			finish({state: 'stopped'});
		},
	};
}

let server: ControlServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

const until = async (test: () => boolean) => {
	const deadline = Date.now() + 5000;
	while (!test()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

describe('the control socket', () => {
	it('answers snapshot, pause and resume with the snapshot after each, to a client of the same version', async () => {
		const fake = engineOfArrays();
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-control-')), 'p.sock');
		server = await serveControl(fake.engine, {path: file, project: 'p', version: '9.9.9', onStop: fake.stopNow});
		expect(statSync(file).mode & 0o777).toBe(0o600);
		fake.ack();
		const first = await controlRequest(file, 'snapshot');
		expect(first.hello).toEqual({v: 1, type: 'hello', project: 'p', pid: process.pid, obsync: '9.9.9'});
		expect(first.reply).toMatchObject({type: 'reply', op: 'snapshot', ok: true, snapshot: {state: 'running', totals: {acked: 1}}});
		expect((await controlRequest(file, 'pause')).reply).toMatchObject({ok: true, snapshot: {state: 'paused'}});
		expect((await controlRequest(file, 'resume')).reply).toMatchObject({ok: true, snapshot: {state: 'running'}});
	});

	it('stops through onStop and answers once the run is done; a remote engine then sees it gone, stopped', async () => {
		const fake = engineOfArrays();
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-control-')), 'p.sock');
		server = await serveControl(fake.engine, {path: file, project: 'p', version: '1', onStop: () => setTimeout(fake.stopNow, 50)});
		const remote = attachRemoteEngine(file, 'p');
		const seen: string[] = [];
		remote.subscribe((event) => seen.push(event.type === 'state' ? `state ${event.state}` : event.type));
		await until(() => remote.pid === process.pid && remote.state === 'running');
		fake.ack();
		await until(() => remote.snapshot().totals.acked === 1); // the snapshot asked every second
		remote.pause();
		await until(() => remote.state === 'paused');
		remote.resume();
		await until(() => remote.state === 'running');
		const stopped = await remote.stop();
		expect(stopped).toEqual({state: 'stopped'});
		expect(remote.state).toBe('stopped');
		// The server closes itself once the engine is done: the remote engine sees the run gone.
		expect(await remote.done).toEqual({state: 'stopped'});
		expect(existsSync(file)).toBe(false);
		expect(remote.gone).toBe(true);
		expect(seen).toEqual(expect.arrayContaining(['status', 'state paused', 'state running', 'state stopping', 'state stopped']));
	});

	it('splits lines whose UTF-8 characters are cut between chunks', () => {
		const lines: string[] = [];
		const split = lineSplitter((line) => lines.push(line));
		const bytes = Buffer.from('{"project":"订单同步"}\n{"x":1}\n');
		// 订 is bytes 12-14 and 单 15-17: cut inside both.
		const cuts = [0, 13, 16, 17, 30, bytes.length];
		for (let i = 0; i + 1 < cuts.length; i++) split(bytes.subarray(cuts[i], cuts[i + 1]));
		expect(lines).toEqual(['{"project":"订单同步"}', '{"x":1}']);
	});

	it('refuses an answer that is not JSON instead of throwing from the socket', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-control-')), 'other.sock');
		const other = createServer((socket) => socket.end('hello, I am not obsync\n'));
		await new Promise<void>((resolve) => other.listen(file, resolve));
		try {
			await expect(controlRequest(file, 'snapshot')).rejects.toThrow(
				`what answers on ${file} is not an obsync run (a line that is not JSON)`,
			);
		} finally {
			other.close();
		}
	});

	it('says clearly that nothing answers on a missing socket', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-control-')), 'none.sock');
		await expect(controlRequest(file, 'snapshot')).rejects.toThrow(`nothing answers on ${file}: the run has stopped`);
	});

	it('refuses a folder that other users may write to, and a path too long for a Unix socket', async () => {
		const fake = engineOfArrays();
		await expect(serveControl(fake.engine, {path: '/tmp/p.sock', project: 'p', version: '1', onStop() {}})).rejects.toThrow(
			'no control socket: other users may write to /tmp (mode 777)',
		);
		const long = path.join(mkdtempSync(path.join(tmpdir(), 'obsync-control-')), `${'x'.repeat(120)}.sock`);
		await expect(serveControl(fake.engine, {path: long, project: 'p', version: '1', onStop() {}})).rejects.toThrow(
			/a Unix socket path holds at most 107/,
		);
	});
});
