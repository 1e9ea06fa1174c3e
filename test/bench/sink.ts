/**
 * `npm run bench -- sink`: messages/s into a FIFO topic with 8 queues, 200-byte and 1 KB bodies, in the same run
 * against the same broker:
 * - a plain serial `await producer.send()` loop (rocketmq-client-nodejs over the gRPC proxy),
 * - obsync's ordered sender (1,024 message groups, up to 512 in flight, same client and proxy),
 * - obsync's remoting transport: the same ordered sender over the remoting sink (batches per queue, straight to the
 *   broker, no proxy), with 100,000 messages,
 * - a Java reference producer, test/bench/java/ReferenceProducer.java, compiled here with javac against the RocketMQ
 *   5.3.3 jars the test services already resolved (.services/rocketmq/classpath.args). It stands in for RocketMQ's own
 *   benchmark producer (org.apache.rocketmq.example.benchmark.Producer): that class ships in the rocketmq-example
 *   artifact, which is not published to Maven Central (no version from 4.9.8 to 5.3.3 is there), so the reference
 *   mimics it instead: a DefaultMQProducer over the remoting protocol (straight to the broker, no proxy), 64 threads
 *   sending synchronously, each message with a message group (sharding key) and the queue the proxy would pick for it.
 * Reported per size: messages/s, CPU per 10,000 messages (this Node process for the first two, the JVM's own CPU for
 * the Java producer), and the ratios obsync / serial loop and obsync / Java. Results go to stdout and to
 * bench-results/sink.json; the JVM's output goes to .services/bench-java/*.log.
 */
import {spawn, spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {Producer} from 'rocketmq-client-nodejs';
import type {OutgoingMessage} from '../../source/engine/sink/envelope.js';
import {OrderedSender} from '../../source/engine/sink/ordered-sender.js';
import {remotingSink} from '../../source/engine/sink/remoting-sink.js';
import {messageGroup} from '../../source/engine/sink/sharding.js';
import {startClient} from '../../source/engine/sink/start-client.js';
import {quietRocketmqLogger, rocketmqService, topics} from '../helpers/services.js';
import {projectRoot, rocketmq, servicesDir} from '../services/settings.mjs';

const topic = 'obsync_bench_fifo';
const log = (line: string) => process.stdout.write(`${line}\n`);
const SERIAL_COUNT = 3_000;
const COUNT = 20_000;
const REMOTING_COUNT = 100_000;
const GROUPS = 1024;
const JAVA_THREADS = 64;
const JAVA_WARM_UP = 1_000;
const javaDir = path.join(servicesDir, 'bench-java');
const javaSource = path.join(projectRoot, 'test', 'bench', 'java', 'ReferenceProducer.java');

function messages(count: number, size: number): OutgoingMessage[] {
	const body = Buffer.alloc(size, 'x');
	return Array.from({length: count}, (_, i) => ({
		topic,
		body,
		tag: 'default_tag',
		keys: [`k${i}`],
		messageGroup: messageGroup('bench', 'rows', [String(i % GROUPS)]),
		properties: new Map([['obsync_event_id', `bench-${i}`]]),
		eventId: `bench-${i}`,
	}));
}

type Result = {messages: number; perSecond: number; cpuMsPer10k: number};
type JavaResult = Result & {seconds: number; errors: number};

async function measure(run: () => Promise<void>, count: number): Promise<Result> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	await run();
	const seconds = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	return {messages: count, perSecond: count / seconds, cpuMsPer10k: ((used.user + used.system) / 1000 / count) * 10_000};
}

/**
 * Compiles ReferenceProducer.java into .services/bench-java/ (when the source is newer than the class) and writes
 * the JVM argument file that puts that folder in front of the RocketMQ jars. Returns the argument file's path.
 */
function compileJavaReference(): string {
	const rocketmqArgs = path.join(rocketmq.dir, 'classpath.args');
	const match = /^-cp "(.*)"\s*$/s.exec(readFileSync(rocketmqArgs, 'utf8'));
	if (!match) throw new Error(`${rocketmqArgs} is not a single -cp "<jars>" line`);
	mkdirSync(javaDir, {recursive: true});
	const classFile = path.join(javaDir, 'ReferenceProducer.class');
	if (!existsSync(classFile) || statSync(classFile).mtimeMs < statSync(javaSource).mtimeMs) {
		const javac = spawnSync('javac', ['-d', javaDir, `@${rocketmqArgs}`, javaSource], {encoding: 'utf8'});
		if (javac.status !== 0)
			throw new Error(
				`javac ReferenceProducer.java failed (${javac.error?.message ?? `exit ${javac.status}`}):\n${javac.stdout}${javac.stderr}`,
			);
	}
	const argsFile = path.join(javaDir, 'classpath.args');
	writeFileSync(argsFile, `-cp "${javaDir}${path.delimiter}${match[1]}"\n`);
	return argsFile;
}

/** Runs the Java reference producer for one body size; its output goes to a log file, only RESULT is read back. */
async function runJavaReference(argsFile: string, size: number): Promise<JavaResult> {
	const logFile = path.join(javaDir, `reference-${size}.log`);
	const out = openSync(logFile, 'w');
	const args = [
		'-Xms256m',
		'-Xmx1g',
		`-Duser.home=${path.join(javaDir, 'home')}`, // the client's own logs (~/logs/rocketmqlogs) stay in .services
		`@${argsFile}`,
		'ReferenceProducer',
		...['-n', rocketmqService.namesrv, '-t', topic, '-s', String(size), '-q', String(COUNT)],
		...['-w', String(JAVA_THREADS), '-g', String(GROUPS), '-u', String(JAVA_WARM_UP)],
	];
	let code: number | null;
	try {
		code = await new Promise<number | null>((resolve, reject) => {
			const java = spawn('java', args, {stdio: ['ignore', out, out]});
			java.on('error', reject);
			java.on('exit', (exitCode) => resolve(exitCode));
		});
	} finally {
		closeSync(out);
	}
	const line = readFileSync(logFile, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('RESULT '));
	if (code !== 0 || !line) throw new Error(`Java reference producer (${size}-byte bodies) failed (exit ${code}); see ${logFile}`);
	const result = JSON.parse(line.slice('RESULT '.length)) as JavaResult;
	if (result.errors !== 0 || result.messages !== COUNT)
		throw new Error(`Java reference producer (${size}-byte bodies): ${result.errors} of ${result.messages} sends failed; see ${logFile}`);
	return result;
}

export async function benchSink(): Promise<void> {
	const queues = topics.find((t) => t.name === topic)?.queues;
	const javaArgs = compileJavaReference();
	const producer = await startClient(
		() => new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [topic], logger: quietRocketmqLogger}),
	);
	const send = (m: OutgoingMessage) =>
		producer.send({topic: m.topic, body: m.body, tag: m.tag, keys: m.keys, messageGroup: m.messageGroup, properties: m.properties});
	const remoting = await remotingSink({
		destination: {nameServer: rocketmqService.namesrv, namespace: '', tls: false},
		producerGroup: 'obsync_bench',
	})({
		topics: [topic],
		signal: new AbortController().signal,
		logger: {
			debug() {},
			info() {},
			warn: (o, m) => log(`warn: ${m} ${JSON.stringify(o)}`),
			error: (o, m) => log(`error: ${m} ${JSON.stringify(o)}`),
		},
	});
	const lanes = (remoting as typeof remoting & {lanes: {batches: number; messages: number}}).lanes;
	const sendRemoting = async (batch: OutgoingMessage[]) => {
		const sender = new OrderedSender({send: (m) => remoting.send(m), pipelined: true, maxInFlight: 512});
		for (const m of batch) await sender.admit(m);
		await sender.drain();
	};
	const sizes = [];
	try {
		await sendRemoting(messages(20_000, 200)); // warm up the connection and the JIT
		for (const m of messages(300, 200)) await send(m); // warm up routes, the channel and the JIT
		log(`sink results, FIFO topic ${topic} (${queues} queues), messages/s and CPU per 10,000 messages:`);
		for (const size of [200, 1024]) {
			const serialBatch = messages(SERIAL_COUNT, size);
			const serial = await measure(async () => {
				for (const m of serialBatch) await send(m);
			}, serialBatch.length);
			const batch = messages(COUNT, size);
			const ordered = await measure(async () => {
				const sender = new OrderedSender({send, maxInFlight: 512});
				for (const m of batch) await sender.admit(m);
				await sender.drain();
			}, batch.length);
			const remotingBatch = messages(REMOTING_COUNT, size);
			const batchesBefore = {batches: lanes.batches, messages: lanes.messages};
			const overRemoting = await measure(() => sendRemoting(remotingBatch), remotingBatch.length);
			const perBatch = (lanes.messages - batchesBefore.messages) / (lanes.batches - batchesBefore.batches);
			const java = await runJavaReference(javaArgs, size);
			const ratios = {
				obsyncOverSerial: ordered.perSecond / serial.perSecond,
				obsyncOverJava: ordered.perSecond / java.perSecond,
				remotingOverJava: overRemoting.perSecond / java.perSecond,
				remotingOverGrpc: overRemoting.perSecond / ordered.perSecond,
			};
			const row = (name: string, r: Result, cpuOf: string) =>
				`  ${name.padEnd(52)} ${Math.round(r.perSecond).toLocaleString('en').padStart(7)} msg/s  CPU ${Math.round(r.cpuMsPer10k).toLocaleString('en').padStart(6)} ms/10k (${cpuOf})`;
			log(`${size}-byte bodies:`);
			log(row(`serial await producer.send() loop (${SERIAL_COUNT.toLocaleString('en')})`, serial, 'node'));
			log(row(`obsync ordered sender, ${GROUPS.toLocaleString('en')} groups (${COUNT.toLocaleString('en')})`, ordered, 'node'));
			log(row(`obsync remoting, ${perBatch.toFixed(1)} msgs/batch (${REMOTING_COUNT.toLocaleString('en')})`, overRemoting, 'node'));
			log(row(`Java reference, ${JAVA_THREADS} threads, remoting (${COUNT.toLocaleString('en')})`, java, 'JVM'));
			log(`  ratio gRPC obsync / serial ${ratios.obsyncOverSerial.toFixed(2)}x, gRPC obsync / Java ${ratios.obsyncOverJava.toFixed(2)}x`);
			log(`  ratio remoting / Java ${ratios.remotingOverJava.toFixed(2)}x, remoting / gRPC obsync ${ratios.remotingOverGrpc.toFixed(2)}x`);
			const rounded = (r: Result) => ({messages: r.messages, perSecond: Math.round(r.perSecond), cpuMsPer10k: Math.round(r.cpuMsPer10k)});
			sizes.push({
				bodyBytes: size,
				serial: rounded(serial),
				obsync: {...rounded(ordered), transport: 'grpc', groups: GROUPS, maxInFlight: 512},
				remoting: {
					...rounded(overRemoting),
					transport: 'remoting',
					groups: GROUPS,
					maxInFlight: 512,
					messagesPerBatch: Number(perBatch.toFixed(1)),
				},
				java: {...rounded(java), seconds: java.seconds, errors: java.errors, threads: JAVA_THREADS, groups: GROUPS},
				ratios: Object.fromEntries(Object.entries(ratios).map(([name, ratio]) => [name, Number(ratio.toFixed(2))])),
			});
		}
	} finally {
		await producer.shutdown();
		await remoting.close();
	}
	const results = {
		date: new Date().toISOString(),
		machine: 'the build machine (2 cores, 24 GiB), MariaDB and RocketMQ on the same host',
		topic,
		queues,
		javaReference:
			'test/bench/java/ReferenceProducer.java (DefaultMQProducer over remoting, like rocketmq-example benchmark.Producer, which is not on Maven Central)',
		cpu: 'obsync (grpc and remoting) and serial: this Node process; java: the JVM process (timed sends only)',
		sizes,
	};
	const directory = path.join(projectRoot, 'bench-results');
	mkdirSync(directory, {recursive: true});
	writeFileSync(path.join(directory, 'sink.json'), `${JSON.stringify(results, null, 2)}\n`);
	log('written to bench-results/sink.json');
}
