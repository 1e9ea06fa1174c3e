import {describe, expect, it} from 'vitest';
import {ConnectionError, SinkError} from '../../../source/engine/errors.js';
import {QueueLanes} from '../../../source/engine/sink/queue-lanes.js';

type Call = {queue: string; batch: number[]; attempt: number};

/** Lanes over numbered messages; `respond` decides each send's fate, every call is recorded. */
function lanes(options: {maxMessages?: number; maxBytes?: number; respond?: (call: Call) => Promise<void>} = {}) {
	const calls: Call[] = [];
	let inFlight = new Map<string, number>();
	let maxPerQueue = 0;
	const subject = new QueueLanes<string, number, string>({
		limits: {maxMessages: options.maxMessages ?? 100, maxBytes: options.maxBytes ?? 1_000_000},
		sizeOf: (message) => 10 + (message % 7),
		backoff: {initialMs: 1, maxMs: 2},
		send: async (queue, batch, attempt) => {
			const call = {queue, batch: [...batch], attempt};
			calls.push(call);
			inFlight.set(queue, (inFlight.get(queue) ?? 0) + 1);
			maxPerQueue = Math.max(maxPerQueue, inFlight.get(queue)!);
			try {
				await (options.respond?.(call) ?? new Promise((resolve) => setTimeout(resolve, 1)));
			} finally {
				inFlight.set(queue, inFlight.get(queue)! - 1);
			}
			return batch.map((m) => `${queue}:${m}`);
		},
		beforeRetry: async (queue) => queue,
	});
	return {
		subject,
		calls,
		maxPerQueue: () => maxPerQueue,
		reset: () => {
			inFlight = new Map();
		},
	};
}

describe('QueueLanes', () => {
	it('keeps one batch in flight per queue and batches what waits, in arrival order, each message acked with its receipt', async () => {
		const {subject, calls, maxPerQueue} = lanes();
		const sent = Array.from({length: 300}, (_, i) => subject.send(`q${i % 3}`, `q${i % 3}`, i));
		const receipts = await Promise.all(sent);
		expect(receipts).toEqual(Array.from({length: 300}, (_, i) => `q${i % 3}:${i}`));
		expect(maxPerQueue()).toBe(1);
		for (const queue of ['q0', 'q1', 'q2']) {
			const order = calls.filter((call) => call.queue === queue).flatMap((call) => call.batch);
			expect(order).toEqual(Array.from({length: 100}, (_, i) => i * 3 + Number(queue[1])));
		}
		// The first message of each queue goes alone; the rest waited and went together.
		expect(calls.length).toBeLessThan(12);
		expect([subject.batches, subject.messages]).toEqual([calls.length, 300]);
	});

	it('cuts batches at the message count and the byte limit, and sends a message larger than the limit alone', async () => {
		const counted = lanes({maxMessages: 4});
		await Promise.all(Array.from({length: 13}, (_, i) => counted.subject.send('q', 'q', i)));
		expect(counted.calls.map((call) => call.batch.length)).toEqual([1, 4, 4, 4]);

		const sized = lanes({maxBytes: 35}); // messages take 10-16 bytes: two fit, never three
		await Promise.all(Array.from({length: 9}, (_, i) => sized.subject.send('q', 'q', i)));
		expect(sized.calls.slice(1).every((call) => call.batch.length === 2 || call.batch.length === 1)).toBe(true);
		expect(sized.calls.flatMap((call) => call.batch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);

		const large = lanes({maxBytes: 5});
		await Promise.all([0, 1, 2].map((i) => large.subject.send('q', 'q', i)));
		expect(large.calls.map((call) => call.batch)).toEqual([[0], [1], [2]]);
	});

	it('resends the same batch to the same queue after a retriable failure, and nothing behind it overtakes it', async () => {
		let failures = 2;
		const {subject, calls} = lanes({
			respond: async (call) => {
				if (call.batch.includes(1) && failures-- > 0) throw new ConnectionError('lost the connection to the broker');
			},
		});
		const sent = [0, 1, 2, 3].map((i) => subject.send('q', 'q', i));
		await new Promise((resolve) => setTimeout(resolve, 0));
		sent.push(subject.send('q', 'q', 4));
		await Promise.all(sent);
		const withOne = calls.filter((call) => call.batch.includes(1));
		expect(withOne.map((call) => [call.batch, call.attempt])).toEqual([
			[[1, 2, 3], 1],
			[[1, 2, 3], 2],
			[[1, 2, 3], 3],
		]);
		expect(calls.flatMap((call) => (call.attempt === 1 || call.batch.includes(1) ? [] : call.batch))).toEqual([]);
		expect(calls.at(-1)!.batch).toEqual([4]);
	});

	it('fails the batch, everything waiting and every later message with a fatal error', async () => {
		const refused = new SinkError('topic t does not exist', {hint: 'create it'});
		const {subject} = lanes({
			maxMessages: 1,
			respond: async (call) => {
				if (call.batch.includes(2)) throw refused;
			},
		});
		const results = await Promise.allSettled([0, 1, 2, 3].map((i) => subject.send('q', 'q', i)));
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
		await expect(subject.send('q9', 'q9', 9)).rejects.toBe(refused);
	});
});
