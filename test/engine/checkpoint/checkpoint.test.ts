import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadCheckpoint, saveCheckpoint} from '../../../source/engine/checkpoint/checkpoint-store.js';
import {type Advance, CheckpointTracker} from '../../../source/engine/checkpoint/checkpoint-tracker.js';
import {ConfigError} from '../../../source/engine/errors.js';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => {
		resolve = r;
	});
	return {promise, resolve};
}
const tick = () => new Promise((resolve) => setImmediate(resolve));
const at = (position: number) => ({file: 'bin.000001', position});

describe('CheckpointTracker', () => {
	it('moves only over transactions whose messages, and all earlier ones, are acked', async () => {
		const advances: Advance[] = [];
		const tracker = new CheckpointTracker((a) => advances.push(a));
		const [a1, a2, b1] = [deferred(), deferred(), deferred()];
		const first = tracker.begin();
		tracker.track(first, a1.promise);
		tracker.track(first, a2.promise);
		tracker.close(first, at(100), 'g-1', 1);
		const second = tracker.begin();
		tracker.track(second, b1.promise);
		tracker.close(second, at(200), 'g-2', 2);

		// The later transaction is acked first: nothing moves.
		b1.resolve();
		await tick();
		expect(advances).toEqual([]);
		a1.resolve();
		await tick();
		expect(advances).toEqual([]);
		// The last message of the first transaction is acked: both complete at once.
		a2.resolve();
		await tick();
		expect(advances).toEqual([{resume: at(200), gtid: 'g-2', commitTime: 2, covered: 3}]);
		expect(tracker.waiting).toBe(0);
	});

	it('does not move past a transaction that is still open, and not at all after a failed send', async () => {
		const tracker = new CheckpointTracker();
		const open = tracker.begin();
		const done = deferred();
		tracker.track(open, done.promise);
		done.resolve();
		await tick();
		expect(tracker.latest).toBeNull(); // acked, but not closed yet
		const failed = tracker.begin();
		tracker.track(failed, Promise.reject(new Error('fatal')));
		tracker.close(open, at(10), null, 1);
		tracker.close(failed, at(20), null, 2);
		await tick();
		// Covered: the first message; the failed one (admitted second) is not.
		expect(tracker.latest).toEqual({resume: at(10), gtid: null, commitTime: 1, covered: 1});
	});
});

describe('the checkpoint file', () => {
	it('is written atomically with mode 0600, read back, and refused with a clear error when damaged', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-ckpt-'));
		const file = path.join(dir, 'project.checkpoint.json');
		expect(await loadCheckpoint(file)).toBeNull();
		const checkpoint = {
			file: 'mysql-bin.000042',
			position: 1234,
			gtid: '0-1-99',
			commitTime: 1700000000,
			savedAt: '2026-11-24T00:00:00.000Z',
		};
		await saveCheckpoint(file, checkpoint);
		expect(await loadCheckpoint(file)).toEqual(checkpoint);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readdirSync(dir)).toEqual(['project.checkpoint.json']); // no temp file left behind
		fs.writeFileSync(file, '{"file": "x", "position": 1');
		await expect(loadCheckpoint(file)).rejects.toThrow(/^the checkpoint file .*project\.checkpoint\.json is damaged/);
	});

	const checkpoint = {file: 'mysql-bin.000042', position: 1234, gtid: null, commitTime: 1700000000, savedAt: '2026-11-24T00:00:00.000Z'};

	/** The error a save fails with. */
	const failure = (file: string) =>
		saveCheckpoint(file, checkpoint).then(
			() => {
				throw new Error('saved');
			},
			(error: ConfigError) => error,
		);

	it('is refused when its path is a directory, naming the path and what to do, and leaves no temp file behind', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-ckpt-'));
		const file = path.join(dir, 'project.json');
		fs.mkdirSync(file);
		const error = await failure(file);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error.message).toBe(`cannot save the checkpoint to ${file}: it is a directory`);
		expect(error.hint).toBe('move that directory away: the checkpoint is a file at this path');
		expect(fs.readdirSync(dir)).toEqual(['project.json']);
		expect(fs.readdirSync(file)).toEqual([]);
		// and --resume, which reads it first, says the same
		const reading = await loadCheckpoint(file).then(
			() => new Error('read'),
			(caught: ConfigError) => caught,
		);
		expect(reading).toBeInstanceOf(ConfigError);
		expect([reading.message, (reading as ConfigError).hint]).toEqual([
			`cannot read the checkpoint ${file}: it is a directory`,
			'move that directory away: the checkpoint is a file at this path',
		]);
	});

	it('is refused when its directory does not exist, naming the directory to create', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-ckpt-'));
		const file = path.join(dir, 'missing', 'project.json');
		const error = await failure(file);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error.message).toBe(`cannot save the checkpoint to ${file}: the directory ${path.join(dir, 'missing')} does not exist`);
		expect(error.hint).toBe(`create ${path.join(dir, 'missing')}, or point obsync at a directory that exists`);
		expect(fs.readdirSync(dir)).toEqual([]);
	});
});
