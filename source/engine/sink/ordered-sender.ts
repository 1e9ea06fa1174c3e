/**
 * Sends messages in order per FIFO message group: at most one message of a group is in flight, many groups are in
 * flight at once, and a bounded window pushes back on the source (`admit` waits). The window is counted in admission
 * order from the oldest message not yet acked, not as a number of unacked messages: the checkpoint cannot pass that
 * oldest message, so everything after it is sent again after a crash; bounding the distance bounds the replay to
 * `maxInFlight` messages, however long one slow send keeps the others waiting. Retriable failures are retried with backoff, for ever unless aborted; a fatal one fails the
 * sender, and every later admit rejects with it.
 */
import {backoffDelay} from '../retry.js';
import type {OutgoingMessage} from './envelope.js';
import {classifySendError} from './send-errors.js';

export type SendOptions = {
	/** Sends one message and resolves when RocketMQ acked it. */
	readonly send: (message: OutgoingMessage) => Promise<unknown>;
	/**
	 * `send` keeps per-group order itself and retries on its own (a pipelined sink): each message is handed to it at
	 * once, and a rejection is fatal. Otherwise one message of a group is in flight at a time, retried here.
	 */
	readonly pipelined?: boolean;
	/** Messages admitted and not yet acked, at most. @default 512 */
	readonly maxInFlight?: number;
	/**
	 * The window also holds acked messages until release() says a saved checkpoint covers them: what a crash sends
	 * again is then at most `maxInFlight` messages, even while a checkpoint write is slow (without it, the soak of
	 * issue 13 sent 2,029 again after a kill: the 512 in flight and what was acked during the last fsync).
	 */
	readonly releasedByCheckpoint?: boolean;
	readonly backoff?: {initialMs: number; maxMs: number};
	readonly signal?: AbortSignal;
	readonly onRetry?: (info: {topic: string; attempt: number; error: Error}) => void;
};

export class OrderedSender {
	private readonly tails = new Map<string, Promise<void>>();
	/** Admission numbers: the next to give, the oldest not yet acked, and those acked above it. */
	private next = 0;
	private oldest = 0;
	private readonly ackedAhead = new Set<number>();
	/** Admission numbers below it are covered by a saved checkpoint (with releasedByCheckpoint). */
	private released = 0;
	private waiting: Array<() => void> = [];
	/** settledThrough() callers: woken once every message admitted as a number up to `through` is acked. */
	private barriers: Array<{through: number; wake: () => void}> = [];
	/** drain() callers, woken when nothing is pending (or on failure). */
	private idle: Array<() => void> = [];
	private failure: Error | undefined;
	retries = 0;
	acked = 0;

	constructor(private readonly options: SendOptions) {}

	/** Messages admitted and not acked yet, or acked beyond one that is not (they are sent again after a crash). */
	get pending(): number {
		return this.next - this.oldest;
	}

	/** Messages the window holds: pending ones, and with releasedByCheckpoint those acked and not yet checkpointed. */
	private get held(): number {
		return this.next - (this.options.releasedByCheckpoint ? this.released : this.oldest);
	}

	/** A saved checkpoint covers the messages admitted as numbers below `covered`. */
	release(covered: number): void {
		if (covered <= this.released) return;
		this.released = Math.min(covered, this.oldest);
		this.wake();
	}

	private wake(): void {
		// Wake as many waiters as the window now has room for.
		let room = (this.options.maxInFlight ?? 512) - this.held;
		while (room-- > 0 && this.waiting.length > 0) this.waiting.shift()!();
	}

	/**
	 * Waits for room, then queues the message behind the earlier ones of its group. Resolves once admitted, with
	 * `acked`, which settles when RocketMQ acked the message and rejects only with the fatal error (retriable errors
	 * are retried inside). It is wrapped in an object because an async function cannot return a promise unresolved.
	 */
	async admit(message: OutgoingMessage): Promise<{acked: Promise<void>; number: number}> {
		const max = this.options.maxInFlight ?? 512;
		while (this.held >= max && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
		if (this.failure) throw this.failure;
		this.options.signal?.throwIfAborted();
		const number = this.next++;
		const group = message.messageGroup;
		const pipelined = this.options.pipelined === true;
		const previous = pipelined ? undefined : this.tails.get(group);
		const done = previous ? previous.then(() => this.sendWithRetry(message)) : this.sendWithRetry(message);
		// One callback for success and failure alike, which also keeps `done` from being an unhandled rejection
		// when the caller only watches the checkpoint.
		const settled = () => {
			this.ackedAhead.add(number);
			while (this.ackedAhead.delete(this.oldest)) this.oldest++;
			if (this.barriers.length > 0) this.passBarriers();
			if (!pipelined && this.tails.get(group) === tail) this.tails.delete(group);
			this.wake();
			if (this.pending === 0) for (const wake of this.idle.splice(0)) wake();
		};
		const tail: Promise<void> = done.then(settled, settled);
		// A pipelined sink keeps the group's order itself: no chain per group.
		if (!pipelined) this.tails.set(group, tail);
		return {acked: done, number};
	}

	/**
	 * Resolves once every message admitted as a number up to `through` is acked (or rejects with the fatal error):
	 * a table's DDL waits here for the table's earlier messages (Dispatcher).
	 */
	async settledThrough(through: number): Promise<void> {
		while (this.oldest <= through && !this.failure) await new Promise<void>((wake) => this.barriers.push({through, wake}));
		if (this.failure) throw this.failure;
	}

	private passBarriers(): void {
		const waiting = this.barriers;
		this.barriers = waiting.filter((barrier) => barrier.through >= this.oldest);
		for (const barrier of waiting) if (barrier.through < this.oldest) barrier.wake();
	}

	/** Resolves when everything admitted so far is acked (or rejects with the fatal error). */
	async drain(): Promise<void> {
		while (this.pending > 0 && !this.failure) await new Promise<void>((resolve) => this.idle.push(resolve));
		if (this.failure) throw this.failure;
	}

	private async sendWithRetry(message: OutgoingMessage): Promise<void> {
		if (this.failure) throw this.failure;
		for (let attempt = 1; ; attempt++) {
			try {
				await this.options.send(message);
				this.acked++;
				return;
			} catch (raw) {
				const {retriable, error} = this.options.pipelined
					? {retriable: false, error: raw instanceof Error ? raw : new Error(String(raw))}
					: classifySendError(raw, message.topic);
				if (!retriable || this.options.signal?.aborted) {
					this.failure ??= error;
					for (const wake of [...this.waiting.splice(0), ...this.idle.splice(0), ...this.barriers.splice(0).map((b) => b.wake)]) wake();
					throw this.failure;
				}
				this.retries++;
				this.options.onRetry?.({topic: message.topic, attempt, error});
				await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, this.options.backoff ?? {initialMs: 100, maxMs: 10_000})));
			}
		}
	}
}
