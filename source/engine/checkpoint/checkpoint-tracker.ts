/**
 * Decides where the checkpoint may move: to the end of a transaction once every message of it, and of every earlier
 * transaction, is acked. Acks arrive out of order (different message groups), so transactions are tracked in
 * commit order and the checkpoint advances over the prefix that is complete.
 */
import type {BinlogPosition} from '../binlog/transactions.js';

export type TrackedTransaction = {
	remaining: number;
	closed: boolean;
	resume?: BinlogPosition;
	gtid?: string | null;
	commitTime?: number;
};

export type Advance = {readonly resume: BinlogPosition; readonly gtid: string | null; readonly commitTime: number};

export class CheckpointTracker {
	private readonly open: TrackedTransaction[] = [];
	private failure: unknown;
	latest: Advance | null = null;

	constructor(private readonly onAdvance: (advance: Advance) => void = () => {}) {}

	begin(): TrackedTransaction {
		const transaction: TrackedTransaction = {remaining: 0, closed: false};
		this.open.push(transaction);
		return transaction;
	}

	/** Counts a message of the transaction until RocketMQ acks it. */
	track(transaction: TrackedTransaction, ack: Promise<void>): void {
		transaction.remaining++;
		ack.then(
			() => {
				transaction.remaining--;
				this.advance();
			},
			(error) => {
				this.failure ??= error;
			},
		);
	}

	/** The transaction's last message has been handed over; it completes when all of them are acked. */
	close(transaction: TrackedTransaction, resume: BinlogPosition, gtid: string | null, commitTime: number): void {
		Object.assign(transaction, {closed: true, resume, gtid, commitTime});
		this.advance();
	}

	/** Drops an unfinished transaction (the source restarts it after a reconnect). */
	abandon(transaction: TrackedTransaction): void {
		const at = this.open.indexOf(transaction);
		if (at >= 0 && !transaction.closed) this.open.splice(at, 1);
		this.advance();
	}

	get waiting(): number {
		return this.open.length;
	}

	private advance(): void {
		if (this.failure) return;
		let moved: Advance | null = null;
		while (this.open.length > 0 && this.open[0]!.closed && this.open[0]!.remaining === 0) {
			const done = this.open.shift()!;
			moved = {resume: done.resume!, gtid: done.gtid ?? null, commitTime: done.commitTime!};
		}
		if (moved) {
			this.latest = moved;
			this.onAdvance(moved);
		}
	}
}
