/**
 * Where messages go. The product sends to RocketMQ (rocketmq-sink.ts); UI unit tests may use an in-memory sink of
 * their own. `send` resolves when the message is stored (acked) and rejects with the client's error otherwise.
 */
import type {OutgoingMessage} from './envelope.js';

export type Sink = {
	send(message: OutgoingMessage): Promise<{readonly messageId: string}>;
	/**
	 * The sink keeps the order of the messages it is given within each message group, retries what can be retried
	 * on its own, and rejects only what cannot be sent. The ordered sender then hands it messages at once instead of
	 * one per group at a time.
	 */
	readonly pipelined?: boolean;
	close(): Promise<void>;
};

export type Logger = {
	debug(object: object, message?: string): void;
	info(object: object, message?: string): void;
	warn(object: object, message?: string): void;
	error(object: object, message?: string): void;
};

export type SinkFactory = (options: {
	readonly topics: readonly string[];
	readonly signal: AbortSignal;
	readonly logger: Logger;
	/** Told of each retried send (pipelined sinks retry on their own). */
	readonly onRetry?: (info: RetryInfo) => void;
}) => Promise<Sink>;

export type RetryInfo = {readonly topic: string; readonly attempt: number; readonly error: Error};
