/** Counters, rates and lag of a running engine: the numbers of its snapshot. */
import type {TableCounts} from './engine-events.js';

const emptyCounts = (): TableCounts => ({insert: 0, update: 0, delete: 0, ddl: 0, filtered: 0});

/** Events per second over a sliding window of samples of a cumulative count. */
export class RateMeter {
	private readonly samples: Array<{at: number; count: number}> = [];

	constructor(private readonly windowMs = 5_000) {}

	sample(count: number, at: number): void {
		this.samples.push({at, count});
		while (this.samples.length > 2 && this.samples[0]!.at < at - this.windowMs) this.samples.shift();
	}

	rate(): number {
		if (this.samples.length < 2) return 0;
		const first = this.samples[0]!;
		const last = this.samples.at(-1)!;
		return last.at > first.at ? ((last.count - first.count) * 1000) / (last.at - first.at) : 0;
	}
}

export class EngineStats {
	readonly totals = {...emptyCounts(), transactions: 0, messages: 0, acked: 0};
	readonly tables = new Map<string, TableCounts>();
	readonly topics = new Map<string, number>();
	readonly rows = new RateMeter();
	readonly messages = new RateMeter();
	retries = 0;
	reconnects = 0;
	/** Commit time (seconds) of the last transaction handed on; null before the first. */
	lastCommitTime: number | null = null;
	/** A heartbeat said the source has nothing newer, and nothing is open or in flight. */
	caughtUp = false;

	count(table: string, kind: keyof TableCounts): void {
		let counts = this.tables.get(table);
		if (!counts) {
			counts = emptyCounts();
			this.tables.set(table, counts);
		}
		counts[kind]++;
		this.totals[kind]++;
	}

	acked(topic: string): void {
		this.totals.acked++;
		this.topics.set(topic, (this.topics.get(topic) ?? 0) + 1);
	}

	tick(now: number): void {
		this.rows.sample(this.totals.insert + this.totals.update + this.totals.delete, now);
		this.messages.sample(this.totals.acked, now);
	}

	lagSeconds(now: number): number | null {
		if (this.caughtUp) return 0;
		if (this.lastCommitTime === null) return null;
		return Math.max(0, Math.round(now / 1000 - this.lastCommitTime));
	}
}
