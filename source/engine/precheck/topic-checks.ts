/**
 * Destination prechecks: the gRPC proxy answers and knows every mapped topic (a producer is started with them, as
 * the run will), and, through the name server, each topic is FIFO, as per-key order needs.
 */
import {Producer} from 'rocketmq-client-nodejs';
import type {Project} from '../project/project-schema.js';
import {describeTopics} from '../rocketmq-admin/index.js';
import {clientConnection} from '../sink/rocketmq-sink.js';
import {startClient} from '../sink/start-client.js';

type Outcome = {status: 'pass' | 'warn' | 'fail' | 'skip'; detail: string; hint?: string | undefined};
type Check = (id: string, title: string, run: () => Promise<Outcome>) => Promise<{status: string}>;

const quiet = {info() {}, warn() {}, error() {}, debug() {}};

export async function checkTopics(project: Project, check: Check, timeoutMs: number): Promise<void> {
	const {destination} = project;
	const topics = [...new Set(project.objects.map((object) => object.topic))];
	const traceTopic = project.options.messageTracing ? project.options.traceTopic : undefined;
	await check('destination-connect', 'Destination connectivity and topics', async () => {
		const producer = await startClient(
			() =>
				new Producer({
					...clientConnection(destination),
					topics: traceTopic ? [...topics, traceTopic] : topics,
					logger: quiet,
				}),
			{timeoutMs, attempts: 2},
		).catch((error: unknown) => {
			const code = (error as {cause?: {code?: unknown}}).cause?.code;
			if (code === 40402) {
				throw Object.assign(new Error(`the proxy at ${destination.endpoints} does not know one of the topics ${topics.join(', ')}`), {
					hint: 'create the topics (FIFO: mqadmin updateTopic -a +message.type=FIFO) or map the tables to existing ones',
				});
			}
			throw Object.assign(new Error(`cannot reach the RocketMQ proxy at ${destination.endpoints}: ${(error as Error).message}`), {
				hint: 'check destination.endpoints (the gRPC proxy, default port 8081), TLS and credentials',
			});
		});
		await producer.shutdown().catch(() => {});
		return {status: 'pass', detail: `${destination.endpoints} knows ${topics.join(', ')}`};
	});
	await check('topics-fifo', 'Each topic exists and is FIFO', async () => {
		if (!destination.nameServer) {
			return {status: 'skip', detail: 'no name server in the project', hint: 'set destination.nameServer (host:9876) to check topic types'};
		}
		const infos = await describeTopics(destination.nameServer, topics, {timeoutMs});
		const missing = topics.filter((topic) => infos.get(topic) === null);
		if (missing.length > 0) {
			return {
				status: 'fail',
				detail: `missing: ${missing.join(', ')}`,
				hint: 'create them with message.type=FIFO, or map the tables to existing FIFO topics',
			};
		}
		const unknown = topics.filter((topic) => infos.get(topic)?.messageType === null);
		const notFifo = topics.filter((topic) => !unknown.includes(topic) && infos.get(topic)?.messageType !== 'FIFO');
		if (notFifo.length > 0) {
			return {
				status: 'fail',
				detail: `not FIFO: ${notFifo.map((topic) => `${topic} (${infos.get(topic)?.messageType ?? 'unknown'})`).join(', ')}`,
				hint: 'per-key order needs FIFO topics: mqadmin updateTopic -t TOPIC -a +message.type=FIFO',
			};
		}
		if (unknown.length > 0) {
			return {
				status: 'warn',
				detail: `could not read the type of ${unknown.join(', ')} from its broker`,
				hint: 'check that this host reaches the brokers the name server lists, or check the topics with mqadmin topicStatus',
			};
		}
		return {status: 'pass', detail: topics.map((topic) => `${topic}: FIFO, ${infos.get(topic)?.writeQueues} queues`).join('; ')};
	});
	if (!traceTopic) return;
	await check('trace-topic', 'Message tracing topic', async () => {
		if (!destination.nameServer)
			return {status: 'skip', detail: 'no name server in the project', hint: 'set destination.nameServer to check it'};
		const info = (await describeTopics(destination.nameServer, [traceTopic], {timeoutMs})).get(traceTopic);
		if (!info)
			return {
				status: 'fail',
				detail: `${traceTopic} does not exist`,
				hint: `create it as a NORMAL topic: mqadmin updateTopic -t ${traceTopic} -a +message.type=NORMAL`,
			};
		if (info.messageType !== null && info.messageType !== 'NORMAL') {
			return {
				status: 'fail',
				detail: `${traceTopic} is ${info.messageType}`,
				hint: 'trace records are NORMAL messages: use a NORMAL topic',
			};
		}
		return {status: 'pass', detail: `${traceTopic}: NORMAL (query with mqadmin queryMsgTraceById -i MSGID -t ${traceTopic})`};
	});
}
