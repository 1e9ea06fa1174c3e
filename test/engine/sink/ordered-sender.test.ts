import {randomUUID} from 'node:crypto';
import {Producer} from 'rocketmq-client-nodejs';
import {describe, expect, it} from 'vitest';
import {SinkError} from '../../../source/engine/errors.js';
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import {OrderedSender} from '../../../source/engine/sink/ordered-sender.js';
import {messageGroup} from '../../../source/engine/sink/sharding.js';
import {startClient} from '../../../source/engine/sink/start-client.js';
import {consumeUntil} from '../../helpers/rocketmq.js';
import {quietRocketmqLogger, rocketmqService} from '../../helpers/services.js';

const message = (topic: string, key: number, seq: number, run: string): OutgoingMessage => ({
	topic,
	body: Buffer.from(JSON.stringify({key, seq, run})),
	tag: 'default_tag',
	keys: [`k${key}`],
	messageGroup: messageGroup('shop', 'orders', [String(key)]),
	properties: new Map([['obsync_run', run]]),
	eventId: `${run}-${key}-${seq}`,
});

const UPDATES = 1_000;

describe('OrderedSender', () => {
	it('keeps one message in flight per group, many groups at once, and a bounded total', async () => {
		const inFlight = new Map<string, number>();
		let total = 0;
		let maxTotal = 0;
		let maxPerGroup = 0;
		const sender = new OrderedSender({
			maxInFlight: 16,
			send: async (m) => {
				inFlight.set(m.messageGroup, (inFlight.get(m.messageGroup) ?? 0) + 1);
				total++;
				maxTotal = Math.max(maxTotal, total);
				maxPerGroup = Math.max(maxPerGroup, inFlight.get(m.messageGroup)!);
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
				inFlight.set(m.messageGroup, inFlight.get(m.messageGroup)! - 1);
				total--;
			},
		});
		for (let seq = 0; seq < 20; seq++) for (let key = 0; key < 8; key++) await sender.admit(message('t', key, seq, 'r'));
		await sender.drain();
		expect(sender.acked).toBe(160);
		expect(maxPerGroup).toBe(1);
		expect(maxTotal).toBeGreaterThan(1);
		expect(maxTotal).toBeLessThanOrEqual(16);
	});

	it('settles a barrier once every message admitted up to its number is acked, whatever the order of the acks', async () => {
		const acks: Array<() => void> = [];
		const sender = new OrderedSender({
			pipelined: true,
			send: () =>
				new Promise<void>((resolve) => {
					acks.push(resolve);
				}),
		});
		for (let key = 0; key < 3; key++) await sender.admit(message('t', key, 0, 'r'));
		let passed = false;
		const barrier = sender.settledThrough(1).then(() => {
			passed = true;
		});
		acks[1]!();
		acks[2]!();
		await new Promise((resolve) => setImmediate(resolve));
		expect(passed).toBe(false); // message 0 is not acked
		acks[0]!();
		await barrier;
		expect(passed).toBe(true);
		await sender.settledThrough(2); // already passed: at once
	});

	it('with releasedByCheckpoint, holds acked messages in the window until a saved checkpoint covers them', async () => {
		const sender = new OrderedSender({send: async () => {}, pipelined: true, maxInFlight: 4, releasedByCheckpoint: true});
		const numbers: number[] = [];
		for (let i = 0; i < 4; i++) {
			const {acked, number} = await sender.admit(message('t', i, 0, 'r'));
			await acked;
			numbers.push(number);
		}
		expect(numbers).toEqual([0, 1, 2, 3]);
		expect(sender.pending).toBe(0); // all acked
		let admitted = false;
		const fifth = sender.admit(message('t', 9, 0, 'r')).then(() => {
			admitted = true;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(admitted).toBe(false); // four acked, none checkpointed: a crash would send them again
		sender.release(1);
		await fifth;
		expect(admitted).toBe(true);
	});

	it('retries retriable failures with backoff and fails for good, with what to do, on a fatal one', async () => {
		let calls = 0;
		const flaky = new OrderedSender({
			backoff: {initialMs: 1, maxMs: 5},
			send: async () => {
				calls++;
				if (calls < 3) throw Object.assign(new Error('proxy busy'), {code: 42900});
			},
		});
		const {acked: flakyAcked} = await flaky.admit(message('t', 1, 1, 'r'));
		await flakyAcked;
		expect([calls, flaky.retries]).toEqual([3, 2]);

		const missing = new OrderedSender({
			send: async () => {
				throw Object.assign(new Error('CODE: 17 DESC: No topic route info'), {code: 40402});
			},
		});
		const {acked} = await missing.admit(message('nope', 1, 1, 'r'));
		await expect(acked).rejects.toMatchObject({
			name: 'SinkError',
			message: 'topic nope does not exist',
			hint: 'create the topic (FIFO) or map the table to an existing one',
		});
		await expect(missing.admit(message('nope', 1, 2, 'r'))).rejects.toThrow(SinkError);
	});

	it('against RocketMQ: 64 keys updated 1,000 times each arrive in commit order per key, sent concurrently', async () => {
		const topic = 'obsync_test_fifo_b';
		const run = randomUUID();
		const producer = await startClient(
			() => new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [topic], logger: quietRocketmqLogger}),
		);
		let concurrent = 0;
		let maxConcurrent = 0;
		const sender = new OrderedSender({
			maxInFlight: 256,
			send: async (m) => {
				maxConcurrent = Math.max(maxConcurrent, ++concurrent);
				try {
					await producer.send({
						topic: m.topic,
						body: m.body,
						tag: m.tag,
						keys: m.keys,
						messageGroup: m.messageGroup,
						properties: m.properties,
					});
				} finally {
					concurrent--;
				}
			},
		});
		try {
			// Commit order: update 0 of every key, then update 1 of every key, …
			for (let seq = 0; seq < UPDATES; seq++) for (let key = 0; key < 64; key++) await sender.admit(message(topic, key, seq, run));
			await sender.drain();
		} finally {
			await producer.shutdown();
		}
		const seen = new Map<number, number[]>();
		let received = 0;
		await consumeUntil(
			topic,
			(m) => {
				if (m.properties.get('obsync_run') !== run) return false;
				const {key, seq} = JSON.parse(m.body.toString('utf8'));
				seen.set(key, [...(seen.get(key) ?? []), seq]);
				return ++received === 64 * UPDATES;
			},
			240_000,
			4,
		);
		expect(maxConcurrent).toBeGreaterThan(1); // groups really were in flight together
		expect(received).toBe(64 * UPDATES);
		const inOrder = Array.from({length: UPDATES}, (_, i) => i);
		for (let key = 0; key < 64; key++) expect(seen.get(key), `key ${key}`).toEqual(inOrder);
	}, 600_000);
});
