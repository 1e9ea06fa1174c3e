import {randomUUID} from 'node:crypto';
import {Producer} from 'rocketmq-client-nodejs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startClient} from '../../source/engine/sink/start-client.js';
import {consumeUntil} from '../helpers/rocketmq.js';
import {quietRocketmqLogger, rocketmqService} from '../helpers/services.js';

const fifoTopic = 'obsync_test_fifo';
const normalTopic = 'obsync_test_normal';

describe('the RocketMQ test service', () => {
	let producer: Producer;

	beforeAll(async () => {
		producer = await startClient(
			() =>
				new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [fifoTopic, normalTopic], logger: quietRocketmqLogger}),
		);
	});

	afterAll(async () => {
		await producer?.shutdown();
	});

	it('delivers a FIFO message with a messageGroup back to a consumer, body intact', async () => {
		// Given a message with a unique body in a message group
		const body = `smoke ${randomUUID()} 中文 ✓`;
		const receipt = await producer.send({topic: fifoTopic, body: Buffer.from(body), tag: 'smoke', messageGroup: 'smoke-group'});
		expect(receipt.messageId).toBeTruthy();

		// When an orderly consumer reads the topic
		let received: {body: string; group: string | undefined; tag: string | undefined} | undefined;
		await consumeUntil(fifoTopic, (message) => {
			if (message.messageId !== receipt.messageId) return false;
			received = {body: message.body.toString('utf8'), group: message.messageGroup, tag: message.tag};
			return true;
		});

		// Then exactly that body comes back, in its group
		expect(received).toEqual({body, group: 'smoke-group', tag: 'smoke'});
	});

	it('rejects a messageGroup on a NORMAL topic with an error that names the type conflict', async () => {
		// The client checks the topic's accepted types (NORMAL=1) from its route before sending a FIFO (2) message.
		const send = producer.send({topic: normalTopic, body: Buffer.from('not fifo'), messageGroup: 'g'});
		await expect(send).rejects.toThrow(/message type not match .*topic=obsync_test_normal, actualMessageType=2, acceptMessageTypes=\[1\]/);
	});
});
