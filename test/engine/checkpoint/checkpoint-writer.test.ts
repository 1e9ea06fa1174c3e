/** The commit policy: what a checkpoint says for an advance, which advances are written, and old files loading. */
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Checkpoint} from '../../../source/engine/checkpoint/checkpoint-store.js';
import {loadCheckpoint} from '../../../source/engine/checkpoint/checkpoint-store.js';
import {CheckpointWriter, checkpointOf} from '../../../source/engine/checkpoint/checkpoint-writer.js';

const now = new Date('2026-12-02T10:00:00Z');
const at = (position: number) => ({file: 'bin.000003', position});
const previous: Checkpoint = {file: 'bin.000003', position: 400, gtid: '0-1-7', commitTime: 1_700_000_000, savedAt: 'x'};

describe('checkpointOf', () => {
	it('names a boundary with the GTID and commit time of the transaction that ended there', () => {
		expect(checkpointOf({resume: at(900), gtid: '0-1-9', commitTime: 1_700_000_100}, previous, now)).toEqual({
			file: 'bin.000003',
			position: 900,
			gtid: '0-1-9',
			commitTime: 1_700_000_100,
			savedAt: '2026-12-02T10:00:00.000Z',
		});
	});

	it('names the start of a transaction and its acked rows, keeping the previous GTID while none finished in this run', () => {
		const advance = {resume: at(400), gtid: null, commitTime: undefined, within: {id: '0-1-8', rows: 1200}};
		expect(checkpointOf(advance, previous, now)).toEqual({
			file: 'bin.000003',
			position: 400,
			transaction: {id: '0-1-8', rows: 1200},
			gtid: '0-1-7',
			commitTime: 1_700_000_000,
			savedAt: '2026-12-02T10:00:00.000Z',
		});
	});
});

describe('CheckpointWriter', () => {
	it('writes one checkpoint at a time, each the newest advance, and skips one that says nothing new', async () => {
		const written: Checkpoint[] = [];
		let release!: () => void;
		const writer = new CheckpointWriter({
			file: 'unused',
			onError: (error) => {
				throw error;
			},
			save: async (_file, checkpoint) => {
				written.push(checkpoint);
				if (written.length === 1) await new Promise<void>((resolve) => (release = resolve));
			},
		});
		writer.offer({resume: at(100), gtid: null, commitTime: 1});
		await new Promise((resolve) => setImmediate(resolve)); // the first write has begun
		writer.offer({resume: at(200), gtid: null, commitTime: 2});
		writer.offer({resume: at(300), gtid: null, commitTime: 3});
		await new Promise((resolve) => setImmediate(resolve));
		release();
		await writer.flush();
		expect(written.map((c) => c.position)).toEqual([100, 300]);
		writer.offer({resume: at(300), gtid: null, commitTime: 3});
		await writer.flush();
		expect(written).toHaveLength(2);
	});

	it('loads a checkpoint file written before checkpoints inside transactions existed', async () => {
		const file = path.join(await mkdtemp(path.join(tmpdir(), 'obsync-writer-')), 'old.json');
		await writeFile(file, '{"file":"bin.000001","position":4,"gtid":null,"commitTime":1700000000,"savedAt":"2026-11-01T00:00:00.000Z"}\n');
		expect(await loadCheckpoint(file)).toEqual({
			file: 'bin.000001',
			position: 4,
			gtid: null,
			commitTime: 1_700_000_000,
			savedAt: '2026-11-01T00:00:00.000Z',
		});
	});
});
