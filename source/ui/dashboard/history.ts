/**
 * The short history behind the dashboard's sparklines: one sample of lag, rows/s and messages/s per engine status
 * event (once a second by default), the last `HISTORY_LIMIT` kept.
 */
import type {EngineSnapshot} from '../../engine/engine-events.js';

/** Samples kept: a minute at the engine's default status interval. */
export const HISTORY_LIMIT = 60;

export type Sample = {
	/** Milliseconds since the epoch. */
	readonly at: number;
	/** Null while the lag is not known yet. */
	readonly lagSeconds: number | null;
	readonly rowsPerSecond: number;
	readonly messagesPerSecond: number;
};

export type Metric = 'lagSeconds' | 'rowsPerSecond' | 'messagesPerSecond';

/** The numbers of a snapshot that the history keeps. */
export function sampleOf(snapshot: EngineSnapshot, at: number): Sample {
	return {
		at,
		lagSeconds: snapshot.lagSeconds,
		rowsPerSecond: snapshot.rates.rowsPerSecond,
		messagesPerSecond: snapshot.rates.messagesPerSecond,
	};
}

/** The history with `sample` added last, the oldest dropped beyond `limit`; the input is left as it was. */
export function pushSample(history: readonly Sample[], sample: Sample, limit = HISTORY_LIMIT): readonly Sample[] {
	const next = [...history, sample];
	return next.length > limit ? next.slice(next.length - limit) : next;
}

/** One metric over time, oldest first, for a sparkline (an unknown lag counts as 0). */
export function seriesOf(history: readonly Sample[], metric: Metric): number[] {
	return history.map((sample) => sample[metric] ?? 0);
}

/** The highest value of a metric in the history (0 when empty). */
export function peakOf(history: readonly Sample[], metric: Metric): number {
	return Math.max(0, ...seriesOf(history, metric));
}
