/**
 * Destination prechecks: the destination answers and knows every mapped topic (a producer is started with them, as
 * the run will: the remoting producer reads their routes and reaches their brokers, the gRPC one asks the proxy),
 * and, through the name server, each topic is FIFO, as per-key order needs. The lookup, the verdicts and the fixes
 * below are shared with the start check of `obsync run` (preflight.ts).
 */
import {CdcError} from '../errors.js';
import {destinationTransport, type Project} from '../project/project-schema.js';
import {type AdminOptions, describeTopics, type TopicInfo} from '../remoting/index.js';
import {wrapNamespace} from '../remoting/namespace.js';
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
	const {mapped, traceTopic} = projectTopics(project);
	const topics = [...mapped.keys()];
	const remoting = destinationTransport(destination) === 'remoting';
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
		// The gRPC client is loaded only for a gRPC project: the run's start check imports this file too.
		const {Producer} = await import('rocketmq-client-nodejs');
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
		const infos = await describeProjectTopics(project, topics, {timeoutMs});
		const {missing, notFifo, unknown} = judgeTopics(topics, infos);
		if (missing.length > 0) {
			return {status: 'fail', detail: `missing: ${missing.join(', ')}`, hint: topicHints.missing(destination.nameServer, missing)};
		}
		if (notFifo.length > 0) {
			return {
				status: 'fail',
				detail: `not FIFO: ${notFifo.map((topic) => `${topic} (${infos.get(topic)?.messageType})`).join(', ')}`,
				hint: topicHints.notFifo(destination.nameServer, notFifo),
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
		const info = (await describeProjectTopics(project, [traceTopic], {timeoutMs})).get(traceTopic);
		const problem = judgeTraceTopic(info);
		if (problem === 'missing')
			return {status: 'fail', detail: `${traceTopic} does not exist`, hint: topicHints.traceMissing(destination.nameServer, traceTopic)};
		if (problem === 'not NORMAL') return {status: 'fail', detail: `${traceTopic} is ${info?.messageType}`, hint: topicHints.traceType};
		return {status: 'pass', detail: `${traceTopic}: NORMAL (query with mqadmin queryMsgTraceById -i MSGID -t ${traceTopic})`};
	});
}

/** The topics a project sends to: each mapped topic with the tables mapped to it, and the trace topic when tracing. */
export function projectTopics(project: Project): {mapped: Map<string, string[]>; traceTopic: string | undefined} {
	const mapped = new Map<string, string[]>();
	for (const object of project.objects) {
		const tables = mapped.get(object.topic) ?? [];
		tables.push(`${object.database}.${object.table}`);
		mapped.set(object.topic, tables);
	}
	const traceTopic = project.options.messageTracing
		? traceTopicFor(destinationTransport(project.destination), project.options.traceTopic)
		: undefined;
	return {mapped, traceTopic};
}

/**
 * describeTopics through the project's name server, keyed by the names the project uses: on the wire a topic is in
 * the project's namespace (`ns%topic`), as both transports send it. Empty when the project names no name server.
 */
export async function describeProjectTopics(
	project: Project,
	topics: readonly string[],
	options: AdminOptions,
): Promise<Map<string, TopicInfo | null>> {
	const {nameServer, namespace} = project.destination;
	if (!nameServer) return new Map();
	const wired = new Map(topics.map((topic) => [wrapNamespace(namespace, topic), topic]));
	const infos = await describeTopics(nameServer, [...wired.keys()], options);
	return new Map([...infos].map(([wire, info]) => [wired.get(wire) ?? wire, info]));
}

/**
 * Which mapped topics cannot take obsync's messages: missing, or of a type other than FIFO (per-key order needs
 * FIFO); `unknown`: no broker told the type (RocketMQ 4.x has none), which is not a failure.
 */
export function judgeTopics(
	topics: readonly string[],
	infos: ReadonlyMap<string, TopicInfo | null>,
): {missing: string[]; notFifo: string[]; unknown: string[]} {
	const missing = topics.filter((topic) => !infos.get(topic));
	const unknown = topics.filter((topic) => infos.get(topic)?.messageType === null);
	const notFifo = topics.filter(
		(topic) => !missing.includes(topic) && !unknown.includes(topic) && infos.get(topic)?.messageType !== 'FIFO',
	);
	return {missing, notFifo, unknown};
}

/** What is wrong with the trace topic: missing, or a type other than NORMAL (unknown on 4.x: nothing). */
export function judgeTraceTopic(info: TopicInfo | null | undefined): 'missing' | 'not NORMAL' | null {
	if (!info) return 'missing';
	return info.messageType !== null && info.messageType !== 'NORMAL' ? 'not NORMAL' : null;
}

/** The fixes, for the precheck and the preflight of `obsync run` alike. */
export const topicHints = {
	missing: (nameServer: string, topics: readonly string[]) =>
		`create ${topics.length === 1 ? 'it' : 'them'} with message.type=FIFO (mqadmin updateTopic -n ${nameServer} -c CLUSTER -t ${topics.length === 1 ? topics[0] : 'TOPIC'} -a +message.type=FIFO), or map the tables to existing FIFO topics`,
	notFifo: (nameServer: string, topics: readonly string[]) =>
		`per-key order needs FIFO topics: mqadmin updateTopic -n ${nameServer} -c CLUSTER -t ${topics.length === 1 ? topics[0] : 'TOPIC'} -a +message.type=FIFO, or map the tables to FIFO topics`,
	traceMissing: (nameServer: string, traceTopic: string) =>
		`create it as a NORMAL topic: mqadmin updateTopic -n ${nameServer} -c CLUSTER -t ${traceTopic} -a +message.type=NORMAL`,
	traceType: 'trace records are NORMAL messages: use a NORMAL topic',
} as const;
