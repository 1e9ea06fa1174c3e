import {describe, expect, it} from 'vitest';
import {describeTopics, listTopics} from '../../source/engine/remoting/index.js';
import {rocketmq4Service, topics} from '../helpers/services.js';
import {listeningAddresses} from './process.mjs';
import * as rocketmq4 from './rocketmq4.mjs';
import {rocketmq4 as settings} from './settings.mjs';

describe('the RocketMQ 4.9.7 test service', () => {
	it('has a name server that answers and lists every test topic', async () => {
		// When the name server is asked for its topics
		const listed = await listTopics(rocketmq4Service.namesrv);

		// Then every test topic is there
		expect(listed).toEqual(expect.arrayContaining(topics.map((topic) => topic.name)));
	});

	it('routes every test topic to its one broker, with the queue counts of settings.mjs', async () => {
		const described = await describeTopics(
			rocketmq4Service.namesrv,
			topics.map((topic) => topic.name),
		);
		for (const topic of topics) {
			expect(described.get(topic.name), topic.name).toMatchObject({
				readQueues: topic.queues,
				writeQueues: topic.queues,
				brokers: [settings.brokerName],
			});
		}
	});

	it('listens on 127.0.0.1 only: the name server and the broker (remoting, fast channel, HA)', async () => {
		const report = await rocketmq4.status();
		const addresses = report.pids.flatMap((pid) => listeningAddresses(pid));
		expect(report.up).toBe(true);
		expect(addresses.map((address) => address.replace(/^.*:/, '')).sort()).toEqual(
			[settings.namesrvPort, settings.brokerPort, settings.brokerPort - 2, settings.brokerPort + 1].map(String).sort(),
		);
		const exposed = addresses.filter((address) => !/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/.test(address));
		expect(exposed).toEqual([]);
	});
});
