/**
 * Where messages go. The product sends to RocketMQ (rocketmq-sink.ts); UI unit tests may use an in-memory sink of
 * their own. `send` resolves when the message is stored (acked) and rejects with the client's error otherwise.
 */
import type {OutgoingMessage} from './envelope.js';

export type Sink = {
	send(message: OutgoingMessage): Promise<{readonly messageId: string}>;
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
}) => Promise<Sink>;
