/**
 * `npm run bench -- sink`: messages/s into a FIFO topic with 8 queues, 200-byte and 1 KB bodies, obsync's ordered
 * sender (1,024 message groups, up to 512 in flight) next to a plain serial `await producer.send()` loop, in the same
 * run, and the CPU obsync's process uses per 10,000 messages. RocketMQ's Java benchmark producer is not on Maven
 * Central (rocketmq-example is not published), so it is not part of this comparison.
 */
import {performance} from 'node:perf_hooks';
import {Producer} from 'rocketmq-client-nodejs';
import type {OutgoingMessage} from '../../source/engine/sink/envelope.js';
import {OrderedSender} from '../../source/engine/sink/ordered-sender.js';
import {messageGroup} from '../../source/engine/sink/sharding.js';
import {startClient} from '../../source/engine/sink/start-client.js';
import {quietRocketmqLogger, rocketmqService} from '../helpers/services.js';

const topic = 'obsync_test_fifo';
const log = (line: string) => process.stdout.write(`${line}\n`);

function messages(count: number, size: number): OutgoingMessage[] {
	const body = Buffer.alloc(size, 'x');
	return Array.from({length: count}, (_, i) => ({
		topic,
		body,
		tag: 'default_tag',
		keys: [`k${i}`],
		messageGroup: messageGroup('bench', 'rows', [String(i % 1024)]),
		properties: new Map([['obsync_event_id', `bench-${i}`]]),
		eventId: `bench-${i}`,
	}));
}

type Result = {perSecond: number; cpuMsPer10k: number};

async function measure(run: () => Promise<void>, count: number): Promise<Result> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	await run();
	const seconds = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	return {perSecond: count / seconds, cpuMsPer10k: ((used.user + used.system) / 1000 / count) * 10_000};
}

export async function benchSink(): Promise<void> {
	const producer = await startClient(
		() => new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [topic], logger: quietRocketmqLogger}),
	);
	const send = (m: OutgoingMessage) =>
		producer.send({topic: m.topic, body: m.body, tag: m.tag, keys: m.keys, messageGroup: m.messageGroup, properties: m.properties});
	try {
		for (const m of messages(300, 200)) await send(m); // warm up routes, the channel and the JIT
		log('sink results (messages/s; ratio = obsync / serial loop; CPU = this process per 10,000 messages):');
		for (const size of [200, 1024]) {
			const serialBatch = messages(3_000, size);
			const serial = await measure(async () => {
				for (const m of serialBatch) await send(m);
			}, serialBatch.length);
			const batch = messages(20_000, size);
			const ordered = await measure(async () => {
				const sender = new OrderedSender({send, maxInFlight: 512});
				for (const m of batch) await sender.admit(m);
				await sender.drain();
			}, batch.length);
			const row = (name: string, r: Result) =>
				`  ${name.padEnd(44)} ${Math.round(r.perSecond).toLocaleString('en').padStart(7)} msg/s  CPU ${Math.round(r.cpuMsPer10k).toLocaleString('en').padStart(6)} ms/10k`;
			log(`${size}-byte bodies:`);
			log(row('serial await producer.send() loop (3,000)', serial));
			log(`${row('obsync ordered sender, 1,024 groups (20,000)', ordered)}  ratio ${(ordered.perSecond / serial.perSecond).toFixed(2)}x`);
		}
	} finally {
		await producer.shutdown();
	}
}
