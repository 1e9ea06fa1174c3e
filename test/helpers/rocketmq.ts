/** Reading messages back from the RocketMQ test service, for tests. */
import {type MessageView, SimpleConsumer} from 'rocketmq-client-nodejs';
import {startClient} from '../../source/engine/sink/start-client.js';
import {quietRocketmqLogger, rocketmqService} from './services.js';

/**
 * Consumes `topic` with the orderly test group, acking everything (leftovers of earlier runs included, so no FIFO
 * group stays blocked), and hands each message to `onMessage` until it returns true or `timeoutMs` passes.
 */
export async function consumeUntil(
	topic: string,
	onMessage: (message: MessageView) => boolean,
	timeoutMs = 45_000,
	/** Receive calls in flight at once (per-group order holds: a message is handled before it is acked). */
	parallel = 1,
): Promise<void> {
	const consumer = await startClient(
		() =>
			new SimpleConsumer({
				endpoints: rocketmqService.endpoints,
				namespace: '',
				consumerGroup: 'obsync_test_fifo_group',
				subscriptions: new Map([[topic, '*']]),
				awaitDuration: 3000,
				logger: quietRocketmqLogger,
			}),
	);
	try {
		const deadline = Date.now() + timeoutMs;
		let done = false;
		const loop = async () => {
			while (!done && Date.now() < deadline) {
				const batch = await consumer.receive(32, 20_000);
				// Handled before acked: the next message of a FIFO group is only delivered after this one's ack.
				for (const message of batch) if (onMessage(message)) done = true;
				await Promise.all(batch.map((message) => consumer.ack(message)));
			}
		};
		await Promise.all(Array.from({length: parallel}, loop));
	} finally {
		await consumer.shutdown();
	}
}
