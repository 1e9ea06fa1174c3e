/**
 * Destination prechecks: the destination answers and knows every mapped topic (a producer is started with them, as
 * the run will: the remoting producer reads their routes and reaches their brokers, the gRPC one asks the proxy),
 * and, through the name server, each topic is FIFO, as per-key order needs.
 */
import {Producer} from 'rocketmq-client-nodejs';
import {CdcError} from '../errors.js';
import {destinationTransport, type Project} from '../project/project-schema.js';
import {describeTopics} from '../remoting/index.js';
import {RemotingProducer} from '../remoting/producer.js';
import {producerOptions} from '../sink/remoting-sink.js';
import {clientConnection} from '../sink/rocketmq-sink.js';
import {startClient} from '../sink/start-client.js';
import {traceTopicFor} from '../sink/trace.js';

type Outcome = {status: 'pass' | 'warn' | 'fail' | 'skip'; detail: string; hint?: string | undefined};
type Check = (id: string, title: string, run: () => Promise<Outcome>) => Promise<{status: string}>;

const quiet = {info() {}, warn() {}, error() {}, debug() {}};

export async function checkTopics(project: Project, check: Check, timeoutMs: number): Promise<void> {
	const {destination} = project;
	const topics = [...new Set(project.objects.map((object) => object.topic))];
	const remoting = destinationTransport(destination) === 'remoting';
	const traceTopic = project.options.messageTracing
		? traceTopicFor(destinationTransport(destination), project.options.traceTopic)
		: undefined;
	const routed = traceTopic ? [...topics, traceTopic] : topics;
	await check('destination-connect', 'Destination connectivity and topics', async () => {
		if (remoting) {
			const options = {...producerOptions(destination, project.options.producerGroup, quiet), timeoutMs};
			const producer = await RemotingProducer.start(options, routed).catch((error: unknown) => {
				throw Object.assign(new Error((error as Error).message), {
					hint: error instanceof CdcError && error.hint ? error.hint : 'check destination.nameServer (port 9876), TLS and credentials',
				});
			});
			producer.close();
			const queues = topics.map((topic) => `${topic} (${producer.queues(topic).length} queues)`);
			return {status: 'pass', detail: `${destination.nameServer} routes ${queues.join(', ')}; their brokers answer`};
		}
		const producer = await startClient(
			() =>
				new Producer({
					...clientConnection(destination),
					topics: routed,
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
		if (unknown.length > 0 && remoting) {
			return {
				status: 'pass',
				detail: `${unknown.join(', ')}: no message type (RocketMQ 4.x has none); obsync keeps each key on one queue`,
				hint: 'consume with an orderly consumer (MessageListenerOrderly) to read each key in order',
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
