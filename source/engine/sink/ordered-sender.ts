/**
 * Sends messages in order per FIFO message group: at most one message of a group is in flight, many groups are in
 * flight at once, and the total admitted but not yet acked is bounded, so a slow broker pushes back on the source
 * (`admit` waits). Retriable failures are retried with backoff, for ever unless aborted; a fatal one fails the
 * sender, and every later admit rejects with it.
 */
import {backoffDelay} from '../retry.js';
import type {OutgoingMessage} from './envelope.js';
import {classifySendError} from './send-errors.js';

export type SendOptions = {
	/** Sends one message and resolves when RocketMQ acked it. */
	readonly send: (message: OutgoingMessage) => Promise<unknown>;
	/** Messages admitted and not yet acked, at most. @default 512 */
	readonly maxInFlight?: number;
	readonly backoff?: {initialMs: number; maxMs: number};
	readonly signal?: AbortSignal;
	readonly onRetry?: (info: {message: OutgoingMessage; attempt: number; error: Error}) => void;
};

export class OrderedSender {
	private readonly tails = new Map<string, Promise<void>>();
	private inFlight = 0;
	private waiting: Array<() => void> = [];
	private failure: Error | undefined;
	retries = 0;
	acked = 0;

	constructor(private readonly options: SendOptions) {}

	get pending(): number {
		return this.inFlight;
	}

	/**
	 * Waits for room, then queues the message behind the earlier ones of its group. Resolves once admitted, with
	 * `acked`, which settles when RocketMQ acked the message and rejects only with the fatal error (retriable errors
	 * are retried inside). It is wrapped in an object because an async function cannot return a promise unresolved.
	 */
	async admit(message: OutgoingMessage): Promise<{acked: Promise<void>}> {
		const max = this.options.maxInFlight ?? 512;
		while (this.inFlight >= max && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
		if (this.failure) throw this.failure;
		this.options.signal?.throwIfAborted();
		this.inFlight++;
		const previous = this.tails.get(message.messageGroup) ?? Promise.resolve();
		const done = previous.then(() => this.sendWithRetry(message));
		const tail = done.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(message.messageGroup, tail);
		void tail.then(() => {
			this.inFlight--;
			if (this.tails.get(message.messageGroup) === tail) this.tails.delete(message.messageGroup);
			this.waiting.shift()?.();
		});
		// The ack promise must not become an unhandled rejection when the caller only watches the checkpoint.
		done.catch(() => {});
		return {acked: done};
	}

	/** Resolves when everything admitted so far is acked (or rejects with the fatal error). */
	async drain(): Promise<void> {
		while (this.inFlight > 0 && !this.failure) await Promise.all([...this.tails.values()]);
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
				const {retriable, error} = classifySendError(raw, message.topic);
				if (!retriable || this.options.signal?.aborted) {
					this.failure ??= error;
					for (const wake of this.waiting.splice(0)) wake();
					throw this.failure;
				}
				this.retries++;
				this.options.onRetry?.({message, attempt, error});
				await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, this.options.backoff ?? {initialMs: 100, maxMs: 10_000})));
			}
		}
	}
}
