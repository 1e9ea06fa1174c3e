/**
 * The remoting producer must put a message group on the same queue as the RocketMQ 5.x proxy does for gRPC clients,
 * so switching transports never reorders a group. The expected answers come from the proxy's own selector
 * (test/java/RemotingVectors.java, run through test/helpers/java-tools.ts).
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {consistentHash, javaStringHash, queueIndexForGroup} from '../../../source/engine/remoting/queue-selection.js';
import {type RemotingVectors, remotingVectors} from '../../helpers/java-tools.js';

let vectors: RemotingVectors;
beforeAll(async () => {
	vectors = await remotingVectors();
}, 180_000);

describe('queue selection for FIFO message groups', () => {
	it('maps every message group to the queue the RocketMQ proxy picks, for 1-64 queues', () => {
		const {cases, maxQueues} = vectors.queueSelection;
		expect(maxQueues).toBe(64);
		expect(new Set(cases.map((c) => c.group)).size).toBeGreaterThanOrEqual(1000);
		const mismatches: string[] = [];
		let checked = 0;
		for (const {group, queues} of cases) {
			expect(queues).toHaveLength(maxQueues);
			queues.forEach((expected, i) => {
				checked++;
				const actual = queueIndexForGroup(group, i + 1);
				if (actual !== expected) mismatches.push(`${JSON.stringify(group)} over ${i + 1} queues: proxy ${expected}, ours ${actual}`);
			});
		}
		expect(mismatches.slice(0, 20)).toEqual([]);
		expect(checked).toBe(cases.length * 64);
	});

	it('hashes the empty group like Guava hashes 0 (the proxy itself round-robins messages without a group)', () => {
		const {emptyGroup} = vectors.queueSelection;
		expect(emptyGroup).toHaveLength(64);
		expect(emptyGroup.map((_, i) => queueIndexForGroup('', i + 1))).toEqual(emptyGroup);
	});

	it('indexes the writable queues of a multi-broker topic sorted by broker name, then queue id, as the proxy lists them', () => {
		const {route, writeQueues, picks} = vectors.multiBroker;
		// The proxy's rule (MessageQueueSelector.buildWrite): brokers with the write permission bit (2) and a master
		// address, queue ids 0..writeQueueNums-1, sorted by MessageQueue.compareTo (broker name as text, then id).
		const expected = route
			.filter((broker) => (broker.perm & 2) === 2 && broker.hasMaster)
			.flatMap((broker) => Array.from({length: broker.writeQueueNums}, (_, queueId) => ({brokerName: broker.brokerName, queueId})))
			.sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : a.queueId - b.queueId));
		expect(writeQueues).toEqual(expected);
		for (const {group, queue} of picks) expect(writeQueues[queueIndexForGroup(group, writeQueues.length)], group).toEqual(queue);
	});
});

describe('javaStringHash', () => {
	it("equals Java's String.hashCode on known values", () => {
		expect(javaStringHash('')).toBe(0);
		expect(javaStringHash('hello')).toBe(99162322);
		// Overflow lands exactly on Integer.MIN_VALUE; non-ASCII and astral characters hash as UTF-16 code units.
		expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
		expect(javaStringHash('订单-42')).toBe(-711980392);
		expect(javaStringHash('😀')).toBe(1772899);
	});
});

describe('consistentHash', () => {
	it('puts everything in bucket 0 when there is one bucket', () => {
		for (const input of [0, 1, -1, 99162322, -2147483648, 2147483647]) expect(consistentHash(input, 1)).toBe(0);
	});

	it("equals Guava's Hashing.consistentHash for negative, zero and extreme inputs", () => {
		// [input, buckets, Guava's answer], computed with guava-32.0.1-jre.
		const known: [number, number, number][] = [
			[-1, 2, 1],
			[-1, 8, 7],
			[-1, 64, 10],
			[-1, 1000, 313],
			[-2147483648, 8, 2],
			[-2147483648, 64, 58],
			[-2147483648, 1000, 185],
			[-123456789, 7, 1],
			[-123456789, 64, 49],
			[-123456789, 1000, 502],
			[0, 64, 0],
			[0, 1000, 0],
			[2147483647, 10, 9],
			[2147483647, 64, 56],
			[99162322, 8, 4],
			[99162322, 1000, 577],
		];
		for (const [input, buckets, expected] of known) expect(consistentHash(input, buckets), `${input} into ${buckets}`).toBe(expected);
	});

	it('refuses a bucket count below 1', () => {
		expect(() => consistentHash(1, 0)).toThrow(RangeError);
		expect(() => consistentHash(1, -3)).toThrow(RangeError);
	});
});
