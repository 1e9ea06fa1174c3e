/**
 * Decides where the checkpoint may move. Acks arrive out of order (different message groups), so transactions are
 * tracked in commit order and the checkpoint advances over the prefix that is complete: to the end of a transaction
 * once every message of it, and of every earlier transaction, is acked; or, inside the oldest unfinished
 * transaction, over its first row changes whose messages (and all earlier ones) are acked. The second keeps what a
 * crash replays within the in-flight window however large the transaction (a 20,000-row transaction replayed whole
 * after each kill was 2.6 times the window in the soak of issue 13).
 */
import type {BinlogPosition} from '../binlog/transactions.js';

/** What the tracker needs of a transaction to checkpoint inside it: where it is read again, and its id. */
export type TransactionMark = {readonly id: string; readonly start: BinlogPosition};

/** A row change that has messages not yet acked; `first` is the admission number of its first message. */
type Pending = {readonly ordinal: number; readonly first: number; remaining: number};

export type TrackedTransaction = {
	readonly mark: TransactionMark | undefined;
	/** Messages handed over and not acked yet. */
	remaining: number;
	closed: boolean;
	/** Every row change up to this ordinal has all its messages handed over (filtered ones have none). */
	handedThrough: number;
	/** Row changes with messages in flight, in order; the acked prefix is dropped as it completes. */
	readonly pending: Pending[];
	/** The last ordinal told to onAdvance. */
	reported: number;
	/** Admission number of its first message. */
	first?: number;
	resume?: BinlogPosition;
	gtid?: string | null;
	commitTime?: number;
};

export type Advance = {
	/** Where reading resumes: after the last finished transaction, or the start of `within`'s transaction. */
	readonly resume: BinlogPosition;
	/** GTID and commit time of the last finished transaction (null/undefined inside the first one of a run). */
	readonly gtid: string | null;
	readonly commitTime: number | undefined;
	/** Set when the checkpoint is inside a transaction: its first `rows` row changes are acked. */
	readonly within?: {readonly id: string; readonly rows: number};
	/**
	 * Messages this checkpoint covers, as admission numbers: all those below it (when they were given to track()).
	 * Once it is saved, the sender may admit that many more (its window counts what a crash would send again).
	 */
	readonly covered?: number;
};

export class CheckpointTracker {
	private readonly open: TrackedTransaction[] = [];
	private failure: unknown;
	private finished: {gtid: string | null; commitTime: number | undefined} = {gtid: null, commitTime: undefined};
	/** One past the highest admission number tracked. */
	private admitted = 0;
	latest: Advance | null = null;

	constructor(private readonly onAdvance: (advance: Advance) => void = () => {}) {}

	/**
	 * A transaction starts. With a mark, the checkpoint may move inside it; `skipped` row changes of it are already
	 * acked (a resumed checkpoint, or a re-read after a reconnect) and count as handed over.
	 */
	begin(mark?: TransactionMark, skipped = 0): TrackedTransaction {
		const transaction: TrackedTransaction = {mark, remaining: 0, closed: false, handedThrough: skipped, pending: [], reported: skipped};
		this.open.push(transaction);
		return transaction;
	}

	/**
	 * Counts a message of the transaction (of its row change `ordinal`, when given; admitted to the sender as
	 * `number`, when given, in admission order) until RocketMQ acks it.
	 */
	track(transaction: TrackedTransaction, ack: Promise<void>, ordinal?: number, number = this.admitted): void {
		transaction.remaining++;
		transaction.first ??= number;
		this.admitted = number + 1;
		let entry: Pending | undefined;
		if (ordinal !== undefined) {
			const last = transaction.pending.at(-1);
			entry = last?.ordinal === ordinal ? last : {ordinal, first: number, remaining: 0};
			if (entry !== last) transaction.pending.push(entry);
			entry.remaining++;
		}
		ack.then(
			() => {
				transaction.remaining--;
				if (entry && --entry.remaining === 0) settle(transaction);
				this.advance();
			},
			(error) => {
				this.failure ??= error;
			},
		);
	}

	/** Every message of row changes up to `ordinal` has been handed over. */
	handed(transaction: TrackedTransaction, ordinal: number): void {
		transaction.handedThrough = ordinal;
		// An ack that came before this call (a split change's first half) may now complete the change.
		if (transaction.pending[0]?.remaining === 0) {
			settle(transaction);
			if (transaction === this.open[0]) this.advance();
		}
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
			this.finished = {gtid: done.gtid ?? null, commitTime: done.commitTime};
			moved = {resume: done.resume!, ...this.finished, covered: 0};
		}
		const head = this.open[0];
		if (head?.mark) {
			// Closed or not: the tail of a big transaction is acked while its end waits for the last messages.
			const acked = head.pending.length > 0 ? head.pending[0]!.ordinal - 1 : head.handedThrough;
			if (acked > head.reported) {
				head.reported = acked;
				moved = {resume: head.mark.start, ...this.finished, within: {id: head.mark.id, rows: acked}, covered: 0};
			}
		}
		if (moved) {
			// The first message not covered: the oldest of the head's unacked changes, else its first message (DDL).
			const firstOpen = head ? (head.pending[0]?.first ?? (head.remaining > 0 ? head.first : undefined)) : undefined;
			moved = {...moved, covered: firstOpen ?? this.admitted};
		}
		if (moved) {
			this.latest = moved;
			this.onAdvance(moved);
		}
	}
}

/** Drops the acked prefix of a transaction's pending changes (whichever transaction it is, so memory stays bounded). */
function settle(transaction: TrackedTransaction): void {
	const {pending} = transaction;
	while (pending.length > 0 && pending[0]!.remaining === 0 && pending[0]!.ordinal <= transaction.handedThrough) pending.shift();
}
