/**
 * The coordinator without services (the issue asks for it): an injected source of synthetic items and a sink that
 * acks when told. The live tests (engine.test.ts, the recovery tests) run the same engine against MariaDB and
 * RocketMQ.
 */
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {BinlogPosition} from '../../../source/engine/binlog/transactions.js';
import {createEngine} from '../../../source/engine/engine.js';
import {ConfigError} from '../../../source/engine/errors.js';
import {parseProject} from '../../../source/engine/project/parse-project.js';
import type {ChangeSource, SourceFactory} from '../../../source/engine/run/change-source.js';
import type {TypedOutput} from '../../../source/engine/schema/apply-schema.js';
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import type {SinkFactory} from '../../../source/engine/sink/sink.js';
import {FILE, inserts, transaction} from './synthetic.js';

const project = parseProject(
	{
		name: 'coordinator',
		source: {flavor: 'mysql', host: 'source.invalid', port: 3306, user: 'u', password: 'coordinator-secret'},
		destination: {nameServer: 'nameserver.invalid:9876'},
		objects: [{database: 'shop', table: 'orders', topic: 'orders_topic'}],
	},
	'test project',
);

/** A source that yields `items` from where it is asked to start, then waits until aborted. */
function arraySource(items: readonly TypedOutput[], options: {check?: () => Promise<void>; log?: string[]} = {}): SourceFactory {
	return (): ChangeSource => ({
		resolveStart: async (spec) => (spec.kind === 'checkpoint' ? {file: spec.file, position: spec.position} : {file: FILE, position: 4}),
		check: options.check ?? (async () => {}),
		async *read({start, signal}: {start: BinlogPosition; signal: AbortSignal}) {
			options.log?.push(`read from ${start.position}`);
			for (const item of items) {
				const at = item.kind === 'begin' || item.kind === 'rows' || item.kind === 'commit' ? item.transaction.start.position : 0;
				if (at >= start.position) yield item;
			}
			await new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}));
		},
		close: async () => {
			options.log?.push('source closed');
		},
	});
}

/** Acks the first `ackFirst` messages at once and holds the others (as a broker that stopped answering). */
function holdingSink(ackFirst: number, log: string[] = []): {sent: OutgoingMessage[]; factory: SinkFactory} {
	const sent: OutgoingMessage[] = [];
	return {
		sent,
		factory: async () => ({
			send: (message) => {
				sent.push(message);
				return sent.length <= ackFirst ? Promise.resolve({messageId: String(sent.length)}) : new Promise(() => {});
			},
			pipelined: true,
			close: async () => {
				log.push('sink closed');
			},
		}),
	};
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
	for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the coordinator, with an injected source', () => {
	it('checkpoints inside a big transaction and, resumed, sends only what the checkpoint does not cover', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'obsync-coordinator-'));
		const checkpointFile = path.join(directory, 'checkpoint.json');
		const items = transaction(1000, inserts(40), {perItem: 8});
		const first = holdingSink(25);
		const engine = createEngine(project, {
			checkpointFile,
			source: arraySource(items),
			sink: first.factory,
			drainTimeoutMs: 50,
			maxInFlight: 100,
		});
		await until(async () => (await readFile(checkpointFile, 'utf8').catch(() => '')).includes('"rows":25'));
		await engine.stop();
		const saved = JSON.parse(await readFile(checkpointFile, 'utf8'));
		expect(saved).toMatchObject({file: FILE, position: 1000, transaction: {id: `${FILE}:1000`, rows: 25}});
		expect(first.sent).toHaveLength(40);

		const second = holdingSink(Number.POSITIVE_INFINITY);
		const resumed = createEngine(project, {checkpointFile, resume: true, source: arraySource(items), sink: second.factory});
		await until(() => resumed.snapshot().totals.acked === 15);
		await resumed.stop();
		expect(second.sent.map((m) => m.eventId)).toEqual(first.sent.slice(25).map((m) => m.eventId));
		const end = JSON.parse(await readFile(checkpointFile, 'utf8'));
		expect(end.transaction).toBeUndefined();
		expect(end.position).toBe((items.at(-1) as {resume: BinlogPosition}).resume.position);
	});

	it('fails at start with the check’s error, closes what it started and reads nothing', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'obsync-coordinator-'));
		const log: string[] = [];
		const check = async () => {
			throw new ConfigError('shop.orders: the row filter does not compile', {hint: 'fix the filter'});
		};
		const engine = createEngine(project, {
			checkpointFile: path.join(directory, 'checkpoint.json'),
			source: arraySource(transaction(1000, inserts(3)), {check, log}),
			sink: holdingSink(10, log).factory,
		});
		const result = await engine.done;
		expect(result.state).toBe('failed');
		expect(result.error).toMatchObject({
			name: 'ConfigError',
			message: 'shop.orders: the row filter does not compile',
			hint: 'fix the filter',
		});
		expect(log).toEqual(['sink closed', 'source closed']);
		await expect(readFile(path.join(directory, 'checkpoint.json'))).rejects.toThrow(/ENOENT/);
	});
});
