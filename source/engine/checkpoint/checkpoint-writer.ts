/**
 * Writes the checkpoints the tracker allows, with the commit policy: one write at a time, each of the newest
 * advance, and at least `minIntervalMs` between two (0: the next starts as soon as the previous is done, so a crash
 * replays little more than what was in flight). `flush()` writes the newest one at the end.
 */

import {type Checkpoint, saveCheckpoint} from './checkpoint-store.js';
import type {Advance} from './checkpoint-tracker.js';

export type CheckpointWriterOptions = {
	readonly file: string;
	/** @default 0 */
	readonly minIntervalMs?: number;
	/** The checkpoint the run started from, if any (gives GTID and commit time until a transaction finishes). */
	readonly initial?: Checkpoint | null;
	readonly onSaved?: (checkpoint: Checkpoint, ms: number) => void;
	/** The file now covers the messages below this admission number (see Advance.covered). */
	readonly onCovered?: (covered: number) => void;
	/** A write failed while running: the engine stops (it cannot promise what it replays). */
	readonly onError: (error: unknown) => void;
	readonly now?: () => Date;
	readonly save?: (file: string, checkpoint: Checkpoint) => Promise<void>;
};

/** The checkpoint an advance gives, after `previous`. */
export function checkpointOf(advance: Advance, previous: Checkpoint | null, now: Date): Checkpoint {
	// No transaction finished yet in this run (a checkpoint inside its first one): the previous one's are still true.
	const finished = advance.commitTime === undefined && previous ? previous : advance;
	return {
		file: advance.resume.file,
		position: advance.resume.position,
		...(advance.within ? {transaction: {id: advance.within.id, rows: advance.within.rows}} : {}),
		gtid: finished.gtid ?? null,
		commitTime: finished.commitTime ?? Math.floor(now.getTime() / 1000),
		savedAt: now.toISOString(),
	};
}

const samePlace = (a: Checkpoint | null, b: Checkpoint) =>
	a !== null && a.file === b.file && a.position === b.position && a.transaction?.rows === b.transaction?.rows;

export class CheckpointWriter {
	/** The last checkpoint written (or resumed from). */
	current: Checkpoint | null;
	private newest: Advance | null = null;
	private chain: Promise<void> = Promise.resolve();
	private queued = false;

	constructor(private readonly options: CheckpointWriterOptions) {
		this.current = options.initial ?? null;
	}

	/** The tracker moved: written when the writes before it are done (and the interval has passed). */
	offer(advance: Advance): void {
		this.newest = advance;
		if (this.queued) return;
		this.queued = true;
		this.chain = this.chain.then(async () => {
			this.queued = false;
			if (this.newest) await this.write(this.newest);
			const gap = this.options.minIntervalMs ?? 0;
			if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
		});
		this.chain.catch(this.options.onError);
	}

	/** Writes `advance` now (a first run records where it started, so that --resume works before any change). */
	async writeNow(advance: Advance): Promise<void> {
		await this.write(advance);
	}

	/** Waits for the writes under way, then writes the newest advance if it is not written yet. */
	async flush(): Promise<void> {
		await this.chain.catch(() => {});
		if (this.newest) await this.write(this.newest);
	}

	private async write(advance: Advance): Promise<void> {
		const now = this.options.now?.() ?? new Date();
		const next = checkpointOf(advance, this.current, now);
		if (!samePlace(this.current, next)) {
			const started = performance.now();
			await (this.options.save ?? saveCheckpoint)(this.options.file, next);
			this.current = next;
			this.options.onSaved?.(next, performance.now() - started);
		}
		if (advance.covered !== undefined) this.options.onCovered?.(advance.covered);
	}
}
