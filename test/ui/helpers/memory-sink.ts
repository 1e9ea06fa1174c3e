/**
 * The in-memory sink UI unit tests may use (the brief allows it for UI tests only): it keeps every message and
 * acks it at once. Integration tests and the product send to the real RocketMQ.
 */
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import type {SinkFactory} from '../../../source/engine/sink/sink.js';

export type MemorySink = {readonly messages: OutgoingMessage[]; readonly factory: SinkFactory};

export function memorySink(): MemorySink {
	const messages: OutgoingMessage[] = [];
	return {
		messages,
		factory: async () => ({
			async send(message) {
				messages.push(message);
				return {messageId: `memory-${messages.length}`};
			},
			async close() {},
		}),
	};
}
