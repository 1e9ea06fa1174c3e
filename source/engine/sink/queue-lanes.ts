/**
 * Batches per queue for the remoting sink. Each queue is a lane: at most one batch in flight; a batch takes what
 * waits for that queue, in arrival order, up to a message count and a byte limit; one ack acks the batch. Two
 * batches to one queue at once could be stored out of order (the broker writes with several threads), and the next
 * batch waits for the ack, so a lane keeps the order of everything given to it.
 *
 * A retriable failure (ConnectionError: timeout, lost connection, busy broker) sends the same batch to the same queue
 * again after a backoff; never to another queue, which would break per-group order. Any other failure is fatal: it
 * rejects the batch, everything waiting, and every later message.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {ConnectionError} from '../errors.js';
import {type Backoff, backoffDelay} from '../retry.js';

export type BatchLimits = {
	/** Messages in one batch, at most. */
	readonly maxMessages: number;
	/** Bytes of one batch, at most (a single larger message goes alone). */
	readonly maxBytes: number;
};

export type LanesOptions<Q, M, R> = {
	readonly limits: BatchLimits;
	/** Bytes a message adds to a batch. */
	readonly sizeOf: (message: M) => number;
	/** Sends one batch to one queue; resolves with one receipt per message. */
	readonly send: (queue: Q, batch: readonly M[], attempt: number) => Promise<readonly R[]>;
	/** Before a resend: where the queue is now (its broker may have moved). */
	readonly beforeRetry?: (queue: Q, attempt: number, error: Error) => Promise<Q>;
	readonly backoff?: Backoff;
	readonly signal?: AbortSignal;
};

type Waiting<M, R> = {readonly message: M; readonly resolve: (receipt: R) => void; readonly reject: (error: unknown) => void};
type Lane<Q, M, R> = {queue: Q; readonly waiting: Array<Waiting<M, R>>; busy: boolean};

export class QueueLanes<Q, M, R> {
	readonly #options: LanesOptions<Q, M, R>;
	readonly #lanes = new Map<string, Lane<Q, M, R>>();
	#failure: unknown;
	/** Batches acked, and the messages in them (for the benchmark's messages per batch). */
	batches = 0;
	messages = 0;

	constructor(options: LanesOptions<Q, M, R>) {
		this.#options = options;
	}

	/** Queues `message` behind what waits for `queue` (named by `key`); settles with its receipt or the fatal error. */
	send(key: string, queue: Q, message: M): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			if (this.#failure !== undefined) throw this.#failure;
			let lane = this.#lanes.get(key);
			if (!lane) {
				lane = {queue, waiting: [], busy: false};
				this.#lanes.set(key, lane);
			}
			lane.waiting.push({message, resolve, reject});
			this.#pump(lane);
		});
	}

	#pump(lane: Lane<Q, M, R>): void {
		if (lane.busy || lane.waiting.length === 0) return;
		if (this.#failure !== undefined) {
			for (const item of lane.waiting.splice(0)) item.reject(this.#failure);
			return;
		}
		lane.busy = true;
		const batch = this.#take(lane);
		this.#sendWithRetry(
			lane,
			batch.map((item) => item.message),
		).then(
			(receipts) => {
				this.batches++;
				this.messages += batch.length;
				for (const [i, item] of batch.entries()) item.resolve(receipts[i]!);
				lane.busy = false;
				this.#pump(lane);
			},
			(error: unknown) => {
				this.#failure ??= error;
				for (const item of batch) item.reject(error);
				lane.busy = false;
				this.#pump(lane);
			},
		);
	}

	#take(lane: Lane<Q, M, R>): Array<Waiting<M, R>> {
		const {maxMessages, maxBytes} = this.#options.limits;
		let bytes = 0;
		let count = 0;
		for (const item of lane.waiting) {
			const size = this.#options.sizeOf(item.message);
			if (count > 0 && (count >= maxMessages || bytes + size > maxBytes)) break;
			bytes += size;
			count++;
		}
		return lane.waiting.splice(0, count);
	}

	async #sendWithRetry(lane: Lane<Q, M, R>, batch: readonly M[]): Promise<readonly R[]> {
		const {signal, backoff = {initialMs: 100, maxMs: 10_000}} = this.#options;
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.#options.send(lane.queue, batch, attempt);
			} catch (error) {
				if (!(error instanceof ConnectionError) || signal?.aborted) throw error;
				await sleep(backoffDelay(attempt, backoff), undefined, {signal});
				if (this.#options.beforeRetry) lane.queue = await this.#options.beforeRetry(lane.queue, attempt, error);
			}
		}
	}
}
