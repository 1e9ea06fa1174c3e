/**
 * consumeOrderly (test/helpers/java-tools.ts) reads topics back with a Java orderly consumer over remoting, for the
 * remoting producer's tests. Here it reads what the gRPC client sent through the proxy of the 5.3.3 test services.
 */
import {createHash, randomUUID} from 'node:crypto';
import {Producer} from 'rocketmq-client-nodejs';
import {describe, expect, it} from 'vitest';
import {queueIndexForGroup} from '../../../source/engine/remoting/queue-selection.js';
import {startClient} from '../../../source/engine/sink/start-client.js';
import {runOrderlyConsumer} from '../../helpers/java-tools.js';
import {quietRocketmqLogger, rocketmqService, topics} from '../../helpers/services.js';

const topic = 'obsync_test_fifo_b';
/**
 * A consumer group of its own, not obsync_test_fifo_group: a remoting consumer commits offsets and registers its
 * subscriptions for its whole group, which would take messages from (or clash with) the gRPC consumers that other
 * tests run in that group. The broker creates the group on first use; later runs resume where the last one stopped.
 */
const group = 'obsync_test_java_orderly_group';

describe('consumeOrderly', () => {
	it('reads back FIFO messages sent through the gRPC proxy, in order per message group, with their keys, tag and sharding key', async () => {
		const run = randomUUID();
		const startedAt = Date.now();
		const groups = ['a', 'b'].map((name) => createHash('sha256').update(`${run}${name}`).digest('hex').slice(0, 32));
		const producer = await startClient(
			() => new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [topic], logger: quietRocketmqLogger}),
		);
		const sentIds = new Map<string, string>();
		try {
			// Interleaved across the two groups; each group's own order is what the consumer must keep.
			for (let seq = 0; seq < 3; seq++) {
				for (const messageGroup of groups) {
					const body = `${run}/${messageGroup}/${seq}`;
					const receipt = await producer.send({
						topic,
						body: Buffer.from(body),
						tag: 'java_orderly',
						keys: [`${run}-${seq}`, 'second-key'],
						messageGroup,
						properties: new Map([['obsync_run', run]]),
					});
					sentIds.set(body, receipt.messageId);
				}
			}
		} finally {
			await producer.shutdown();
		}

		const {messages, summary} = await runOrderlyConsumer({
			namesrv: rocketmqService.namesrv,
			topic,
			group,
			count: 6,
			idleTimeoutMs: 20_000,
			// Skips older history the first time the group is used (once that history has left the broker's memory;
			// until then a new group starts at offset 0 anyway, and the filter skips the leftovers).
			from: {timestamp: startedAt - 60_000},
			filter: run,
		});

		expect(summary.reason).toBe('count');
		expect(messages).toHaveLength(6);
		const queueCount = topics.find((t) => t.name === topic)!.queues;
		for (const messageGroup of groups) {
			const ofGroup = messages.filter((m) => m.properties.__SHARDINGKEY === messageGroup);
			expect(ofGroup.map((m) => m.body.toString())).toEqual([0, 1, 2].map((seq) => `${run}/${messageGroup}/${seq}`));
			for (const [seq, m] of ofGroup.entries()) {
				expect(m.topic).toBe(topic);
				expect(m.tags).toBe('java_orderly');
				expect(m.keys).toBe(`${run}-${seq} second-key`);
				expect(m.properties.obsync_run).toBe(run);
				expect(m.msgId).toBe(sentIds.get(m.body.toString()));
				// The live proxy put the group where queueIndexForGroup says (one broker: queue index = queue id).
				expect(m.queueId).toBe(queueIndexForGroup(messageGroup, queueCount));
				expect(m.bornTimestamp).toBeGreaterThanOrEqual(startedAt - 5_000);
			}
			// One queue per group, offsets rising in send order.
			const offsets = ofGroup.map((m) => m.queueOffset);
			expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
		}
	}, 120_000);
});
