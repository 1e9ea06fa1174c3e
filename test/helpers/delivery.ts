/**
 * What recovery tests check on the messages a workload produced: every row change arrived, each key's changes in
 * commit order, and what came more than once. For the workload of workload.ts (Default format, `seq` per row).
 */
import {expect} from 'vitest';
import {consumeOrderly} from './java-tools.js';
import {consumeUntil} from './rocketmq.js';
import type {ExpectedChange} from './workload.js';
import {byKey} from './workload.js';

/** The engine's in-flight window (EngineOptions.maxInFlight, default 512): what a kill may make obsync send again. */
export const IN_FLIGHT_WINDOW = 512;

export type Received = {eventId: string; messageId: string; born: number; key: string; change: string; position: string; body: string};

/** A workload message as the checks need it, whichever consumer read it. */
function received(body: string, properties: ReadonlyMap<string, string>, messageId: string, born: number): Received {
	const parsed = JSON.parse(body) as {
		recordType: string;
		prevStruct: {id: number; seq: number} | null;
		postStruct: {id: number; seq: number} | null;
	};
	const image = parsed.postStruct ?? parsed.prevStruct!;
	return {
		eventId: properties.get('obsync_event_id')!,
		messageId,
		born,
		key: `${properties.get('obsync_table')}:${image.id}`,
		change: `${parsed.recordType}:${image.seq}`,
		position: properties.get('obsync_position')!,
		body,
	};
}

/**
 * Reads the workload's messages (marked with `run`) from `topic` until every expected change came at least once:
 * through the 5.x proxy with a gRPC FIFO consumer, or, with `java`, over remoting with a Java orderly consumer (the
 * only way to read a 4.x broker) that starts at `java.since`.
 */
export async function readBack(
	topic: string,
	run: string,
	expectedCount: number,
	java?: {readonly namesrv: string; readonly since: number},
): Promise<Received[]> {
	if (java) {
		const messages = await consumeOrderly({
			namesrv: java.namesrv,
			topic,
			group: 'obsync_test_java_orderly_group',
			count: 0,
			idleTimeoutMs: 20_000,
			from: {timestamp: java.since},
			filter: run,
		});
		return messages.map((m) => received(m.body.toString('utf8'), new Map(Object.entries(m.properties)), m.msgId, m.bornTimestamp));
	}
	const list: Received[] = [];
	const events = new Set<string>();
	await consumeUntil(
		topic,
		(message) => {
			const body = message.body.toString('utf8');
			if (!body.includes(run)) return false; // leftovers of other tests on this topic
			const item = received(body, message.properties, message.messageId, message.bornTimestamp?.getTime() ?? 0);
			list.push(item);
			events.add(item.eventId);
			return events.size >= expectedCount;
		},
		300_000,
		4,
	);
	return list;
}

/** Nothing lost, nothing extra, every key in commit order (first copies, in the order they arrived). */
export function expectAllInOrder(received: readonly Received[], expected: readonly ExpectedChange[]): void {
	const observed = new Map<string, string[]>();
	const seen = new Set<string>();
	for (const item of received) {
		if (seen.has(item.eventId)) continue;
		seen.add(item.eventId);
		observed.set(item.key, [...(observed.get(item.key) ?? []), item.change]);
	}
	expect(seen.size).toBe(expected.length);
	expect(observed).toEqual(byKey(expected));
}

/**
 * The copies of each change, by event id, oldest send first; a message the consumer got twice (same message id:
 * its ack came late) is a redelivery, counted apart, not a second send. Copies of one event id have one body.
 */
export function copiesByEvent(received: readonly Received[]): {copies: Map<string, Received[]>; redelivered: number} {
	const copies = new Map<string, Received[]>();
	const seen = new Set<string>();
	let redelivered = 0;
	for (const item of received) {
		const copy = `${item.eventId}/${item.messageId}`;
		if (seen.has(copy)) {
			redelivered++;
			continue;
		}
		seen.add(copy);
		copies.set(item.eventId, [...(copies.get(item.eventId) ?? []), item]);
	}
	for (const list of copies.values()) {
		list.sort((a, b) => a.born - b.born);
		for (const item of list) expect(item.body).toBe(list[0]!.body);
	}
	return {copies, redelivered};
}

export const positionOf = (text: string) => {
	const [file, position] = text.split(':');
	return {file: file!, position: Number(position)};
};

export const atOrAfter = (a: {file: string; position: number}, b: {file: string; position: number}) =>
	a.file > b.file || (a.file === b.file && a.position >= b.position);

/** Resolves when a status line of `runner` shows a saved checkpoint at or after `end` (all acked up to there). */
export async function waitCheckpointAt(
	runner: {waitFor(test: (line: {type: string; [key: string]: unknown}) => boolean, timeoutMs?: number): Promise<unknown>},
	end: {file: string; position: number},
): Promise<void> {
	await runner.waitFor((line) => {
		const checkpoint = line.checkpoint as {file: string; position: number} | undefined | null;
		return line.type === 'status' && Boolean(checkpoint) && atOrAfter(checkpoint!, end);
	}, 240_000);
}
