import {describe, expect, it} from 'vitest';
import type {EngineSnapshot} from '../../../source/engine/engine-events.js';
import {HISTORY_LIMIT, peakOf, pushSample, type Sample, sampleOf, seriesOf} from '../../../source/ui/dashboard/history.js';

const sample = (at: number, lagSeconds: number | null, rowsPerSecond = 0, messagesPerSecond = 0): Sample => ({
	at,
	lagSeconds,
	rowsPerSecond,
	messagesPerSecond,
});

describe('dashboard history', () => {
	it('takes lag and rates from a snapshot', () => {
		const snapshot = {lagSeconds: 3, rates: {rowsPerSecond: 12.5, messagesPerSecond: 11}} as EngineSnapshot;
		expect(sampleOf(snapshot, 1000)).toEqual({at: 1000, lagSeconds: 3, rowsPerSecond: 12.5, messagesPerSecond: 11});
	});

	it('adds samples last without changing the history it was given', () => {
		const first = pushSample([], sample(1, null));
		const second = pushSample(first, sample(2, 0, 5));
		expect(first).toHaveLength(1);
		expect(second.map((s) => s.at)).toEqual([1, 2]);
	});

	it(`keeps only the last ${HISTORY_LIMIT} samples (a minute at one status a second)`, () => {
		let history: readonly Sample[] = [];
		for (let at = 1; at <= HISTORY_LIMIT + 15; at++) history = pushSample(history, sample(at, at));
		expect(history).toHaveLength(HISTORY_LIMIT);
		expect(history[0]!.at).toBe(16);
		expect(history.at(-1)!.at).toBe(HISTORY_LIMIT + 15);
		expect(pushSample([sample(1, 0), sample(2, 0), sample(3, 0)], sample(4, 0), 2).map((s) => s.at)).toEqual([3, 4]);
	});

	it('gives each metric as a series, an unknown lag as 0, and its peak', () => {
		const history = [sample(1, null, 0, 0), sample(2, 4, 10, 9), sample(3, 0, 2.5, 3)];
		expect(seriesOf(history, 'lagSeconds')).toEqual([0, 4, 0]);
		expect(seriesOf(history, 'rowsPerSecond')).toEqual([0, 10, 2.5]);
		expect(seriesOf(history, 'messagesPerSecond')).toEqual([0, 9, 3]);
		expect(peakOf(history, 'rowsPerSecond')).toBe(10);
		expect(peakOf([], 'lagSeconds')).toBe(0);
	});
});
