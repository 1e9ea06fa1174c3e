/**
 * Java tools for tests: the programs in test/java/, compiled with javac against the RocketMQ 5.3.3 jars that the test
 * services resolved (.services/rocketmq/classpath.args), the way test/bench/sink.ts builds its reference producer, and
 * against the jars test/java/pom.xml lists (resolved here with `mvn` from Maven Central, once per content of the pom).
 * - remotingVectors(): answers computed by RocketMQ's own Java code (the proxy's queue selection, AclClientRPCHook's
 *   signatures) for the TypeScript remoting producer's tests; cached in .services/java-tools/vectors.json.
 * - consumeOrderly(): reads a topic back with a Java orderly consumer over remoting (4.x and 5.x brokers).
 * - readBinlogIndependently(): rows read by mysql-binlog-connector-java (Debezium's binlog client), BinlogReader.java.
 * Builds live in .services/java-tools/build-<hash of the sources and jars>/: a build is made in a temporary folder and
 * renamed into place, so parallel test workers never see half of one, and a changed source gets a new folder. Builds
 * older than an hour are pruned, not newer ones: checkouts that share .services (git worktrees) may run at once.
 */
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {z} from 'zod';
import {projectRoot, rocketmq, servicesDir} from '../services/settings.mjs';

const toolsDir = path.join(servicesDir, 'java-tools');
const sourceDir = path.join(projectRoot, 'test', 'java');
const logDir = path.join(toolsDir, 'logs');

// The RocketMQ client's logs go to stderr (which goes to a log file): by default its logback setup would pick the
// proxy's or broker's configuration from the shared classpath. The names are rewritten to the shaded logback.
const logbackXml = `<configuration>
  <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5p [%t] %logger{24} - %m%n</pattern></encoder>
  </appender>
  <root level="warn"><appender-ref ref="stderr"/></root>
</configuration>
`;

type Build = {readonly dir: string; readonly key: string; readonly classpath: string; readonly logback: string};
let building: Promise<Build> | undefined;

/** Compiles test/java/*.java into a jar (once per content; concurrent callers and processes share the result). */
export function javaToolsBuild(): Promise<Build> {
	building ??= build();
	return building;
}

async function build(): Promise<Build> {
	const argsFile = path.join(rocketmq.dir, 'classpath.args');
	if (!existsSync(argsFile)) throw new Error(`${argsFile} is missing: start the test services (node test/services/run.mjs up)`);
	const match = /^-cp "(.*)"\s*$/s.exec(readFileSync(argsFile, 'utf8'));
	if (!match?.[1]) throw new Error(`${argsFile} is not a single -cp "<jars>" line`);
	const jars = `${await mavenClasspath()}${path.delimiter}${match[1]}`;
	const sources = readdirSync(sourceDir)
		.filter((name) => name.endsWith('.java'))
		.sort()
		.map((name) => path.join(sourceDir, name));
	const hash = createHash('sha256').update(jars);
	for (const source of sources) hash.update(`\0${path.basename(source)}\0`).update(readFileSync(source));
	const key = hash.digest('hex').slice(0, 16);
	const dir = path.join(toolsDir, `build-${key}`);
	const jar = path.join(dir, 'tools.jar');
	if (!existsSync(jar)) {
		mkdirSync(toolsDir, {recursive: true});
		const tmp = mkdtempSync(path.join(toolsDir, 'tmp-build-'));
		try {
			const classes = path.join(tmp, 'classes');
			// A JVM argument file keeps the long classpath off the command line.
			const classpathArgs = path.join(tmp, 'classpath.args');
			writeFileSync(classpathArgs, `-cp "${jars}"\n`);
			await run('javac', ['-encoding', 'UTF-8', '-nowarn', '-d', classes, `@${classpathArgs}`, ...sources]);
			rmSync(classpathArgs);
			// A jar, not a folder of classes: class data sharing refuses non-empty folders on the classpath.
			await run('jar', ['--create', '--file', path.join(tmp, 'tools.jar'), '-C', classes, '.']);
			rmSync(classes, {recursive: true});
			writeFileSync(path.join(tmp, 'logback.xml'), logbackXml);
			renameSync(tmp, dir);
		} catch (error) {
			rmSync(tmp, {recursive: true, force: true});
			if (!existsSync(jar)) throw error; // else another worker renamed its identical build into place first
		}
		pruneOldBuilds(dir);
	}
	return {dir, key, classpath: `${jar}${path.delimiter}${jars}`, logback: path.join(dir, 'logback.xml')};
}

function pruneOldBuilds(keep: string): void {
	const hourAgo = Date.now() - 3_600_000;
	for (const name of readdirSync(toolsDir)) {
		const entry = path.join(toolsDir, name);
		const stale = /^(build|tmp-build|tmp-maven)-/.test(name) && statSync(entry).mtimeMs < hourAgo;
		if (stale && entry !== keep) rmSync(entry, {recursive: true, force: true});
	}
}

/**
 * The jars of test/java/pom.xml (and their dependencies), resolved with Maven once per content of the pom into
 * .services/java-tools/maven-<hash>/classpath.txt. On a fresh machine the first test that builds the tools downloads
 * them (mysql-binlog-connector-java and zstd-jni, about 7 MB); `npm test` has already checked that mvn is there.
 */
async function mavenClasspath(): Promise<string> {
	const pom = path.join(sourceDir, 'pom.xml');
	const key = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
	const dir = path.join(toolsDir, `maven-${key}`);
	const output = path.join(dir, 'classpath.txt');
	if (!existsSync(output)) {
		mkdirSync(toolsDir, {recursive: true});
		const tmp = mkdtempSync(path.join(toolsDir, 'tmp-maven-'));
		const args = ['-B', '-q', '-f', pom, 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath'];
		args.push(`-Dmdep.outputFile=${path.join(tmp, 'classpath.txt')}`, '-Dmdep.includeScope=runtime');
		if (process.env.OBSYNC_MAVEN_REPO) args.push(`-Dmaven.repo.local=${process.env.OBSYNC_MAVEN_REPO}`);
		try {
			await run('mvn', args);
			renameSync(tmp, dir);
		} catch (error) {
			rmSync(tmp, {recursive: true, force: true});
			if (!existsSync(output)) throw new Error(`mvn could not resolve the jars of ${pom}: ${String(error)}`);
		}
	}
	return readFileSync(output, 'utf8').trim();
}

/** Runs a JDK tool to completion; its output only matters when it fails. */
function run(command: string, args: readonly string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}):\n${output}`))));
	});
}

type JavaRun = {readonly lines: string[]; readonly logFile: string};

/**
 * Runs a tool's main class with quick-start JVM settings: client compiler only, small serial heap, and (`shareClasses`)
 * an application class-data archive that the first run writes and later runs map (about 0.3 s less per start).
 * stdout is read line by line; stderr (JVM and client logs) is appended to .services/java-tools/logs/<tool>.log.
 */
async function runJava(
	tool: string,
	args: readonly string[],
	options: {shareClasses: boolean; timeoutMs: number; onLine?: ((line: string) => void) | undefined},
): Promise<JavaRun> {
	const {dir, classpath, logback} = await javaToolsBuild();
	const archive = path.join(dir, `${tool}.jsa`);
	const archiveTmp = `${archive}.${process.pid}.${Date.now()}.tmp`;
	const share = existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`] : [`-XX:ArchiveClassesAtExit=${archiveTmp}`];
	const jvm = [
		'-XX:TieredStopAtLevel=1',
		'-XX:+UseSerialGC',
		'-Xms32m',
		'-Xmx256m',
		// Unified JVM logging (class-sharing warnings among it) defaults to stdout, which carries only JSON here.
		'-Xlog:disable',
		'-Xlog:all=warning:stderr',
		...(options.shareClasses ? share : []),
		`-Drmq.logback.configurationFile=${logback}`,
		`-Duser.home=${path.join(toolsDir, 'home')}`, // anything the client writes under ~ stays in .services
		'-cp',
		classpath,
	];
	mkdirSync(logDir, {recursive: true});
	const logFile = path.join(logDir, `${tool}.log`);
	if (existsSync(logFile) && statSync(logFile).size > 8 * 1024 * 1024) rmSync(logFile, {force: true});
	const log = openSync(logFile, 'a');
	writeFileSync(log, `\n=== ${new Date().toISOString()} ${tool} ${args.join(' ')}\n`);
	try {
		const child = spawn('java', [...jvm, tool, ...args], {stdio: ['ignore', 'pipe', log]});
		const {stdout} = child;
		if (!stdout) throw new Error('java started without a stdout pipe');
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
		const lines: string[] = [];
		const reading = (async () => {
			for await (const line of createInterface({input: stdout, crlfDelay: Number.POSITIVE_INFINITY})) {
				lines.push(line);
				options.onLine?.(line);
			}
		})();
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (exitCode) => resolve(exitCode));
		}).finally(() => clearTimeout(timer));
		await reading;
		if (code !== 0) throw new Error(`java ${tool} failed (exit ${code ?? 'killed after timeout'}); see ${logFile}`);
		if (existsSync(archiveTmp)) renameSync(archiveTmp, archive);
		return {lines, logFile};
	} finally {
		closeSync(log);
		rmSync(archiveTmp, {force: true});
	}
}

// --- remoting vectors --------------------------------------------------------------------------------------------

const brokerQueueSchema = z.object({brokerName: z.string(), queueId: z.number().int()});
const vectorsSchema = z.object({
	/** cases[i].queues[n - 1]: the index of the queue the proxy picks for cases[i].group among n writable queues. */
	queueSelection: z.object({
		maxQueues: z.number().int(),
		cases: z.array(z.object({group: z.string(), queues: z.array(z.number().int())})),
		/** The proxy never hashes an empty group (it round-robins); these are Guava's answers for hash 0. */
		emptyGroup: z.array(z.number().int()),
	}),
	/** A route over several brokers in route order, the proxy's writable queue list for it, and its picks. */
	multiBroker: z.object({
		route: z.array(z.object({brokerName: z.string(), writeQueueNums: z.number().int(), perm: z.number().int(), hasMaster: z.boolean()})),
		writeQueues: z.array(brokerQueueSchema),
		picks: z.array(z.object({group: z.string(), queue: brokerQueueSchema})),
	}),
	/** Requests signed by AclClientRPCHook: the ext fields before, and all of them after (`expected`). */
	signatures: z.array(
		z.object({
			name: z.string(),
			extFields: z.record(z.string(), z.string()),
			/** Base64; null for a request without a body. */
			body: z.string().nullable(),
			accessKey: z.string(),
			secretKey: z.string(),
			securityToken: z.string().nullable(),
			expected: z.record(z.string(), z.string()),
		}),
	),
});
export type RemotingVectors = z.infer<typeof vectorsSchema>;
export type SignatureVector = RemotingVectors['signatures'][number];

const vectorsCache = path.join(toolsDir, 'vectors.json');

/** The vectors from test/java/RemotingVectors.java, computed once per build of the Java sources. */
export async function remotingVectors(): Promise<RemotingVectors> {
	const {key} = await javaToolsBuild();
	if (existsSync(vectorsCache)) {
		const cached = z.object({key: z.string(), vectors: z.unknown()}).safeParse(JSON.parse(readFileSync(vectorsCache, 'utf8')));
		if (cached.success && cached.data.key === key) return vectorsSchema.parse(cached.data.vectors);
	}
	const {lines} = await runJava('RemotingVectors', [], {shareClasses: false, timeoutMs: 120_000});
	const vectors = vectorsSchema.parse(JSON.parse(lines.join('\n')));
	const tmp = `${vectorsCache}.${process.pid}.tmp`;
	writeFileSync(tmp, JSON.stringify({key, vectors}));
	renameSync(tmp, vectorsCache);
	return vectors;
}

// --- orderly consumer --------------------------------------------------------------------------------------------

export type ConsumeOrderlyOptions = {
	readonly namesrv: string;
	readonly topic: string;
	readonly group: string;
	/** Stop after this many (matching) messages; 0 = only when idle. */
	readonly count: number;
	/** Stop after this long without any message (from the start, or since the last one). */
	readonly idleTimeoutMs: number;
	/**
	 * Where a group without committed offsets starts. @default 'first'
	 * Brokers (4.x and 5.x) answer offset 0 for such a group while a queue's first message is still in memory, so
	 * 'last' and a timestamp only take effect on queues whose early messages have left the page cache.
	 */
	readonly from?: 'first' | 'last' | {readonly timestamp: number};
	/** Only messages whose keys or body contain this text are returned and counted (others are still consumed). */
	readonly filter?: string;
	/** Tag expression. @default '*' */
	readonly tags?: string;
	/** Kill the JVM when it has not finished by then. @default idleTimeoutMs + 60_000 */
	readonly timeoutMs?: number;
	/** Told of each message as its line arrives (the latency benchmark times them). */
	readonly onMessage?: (message: ConsumedMessage) => void;
	/** Messages per listener call (consumeMessageBatchMaxSize). @default 1 */
	readonly batchSize?: number;
};

const consumedSchema = z.object({
	msgId: z.string(),
	topic: z.string(),
	brokerName: z.string(),
	queueId: z.number().int(),
	queueOffset: z.number().int(),
	tags: z.string().nullable(),
	keys: z.string().nullable(),
	body: z.string().transform((base64) => Buffer.from(base64, 'base64')),
	bornTimestamp: z.number().int(),
	storeTimestamp: z.number().int(),
	reconsumeTimes: z.number().int(),
	/** All of the message's properties (KEYS, TAGS, UNIQ_KEY, __SHARDINGKEY, user properties...). */
	properties: z.record(z.string(), z.string()),
});
export type ConsumedMessage = z.infer<typeof consumedSchema>;

const summarySchema = z.object({
	summary: z.object({
		reason: z.enum(['count', 'idle']),
		received: z.number().int(),
		/** Messages consumed, the ones `filter` left out included. */
		seen: z.number().int(),
		/** JVM uptime when the consumer had started, and when the first returned message arrived (-1: none). */
		startedMs: z.number().int(),
		firstMessageMs: z.number().int(),
		shutdownMs: z.number().int(),
	}),
});
export type OrderlyConsumerSummary = z.infer<typeof summarySchema>['summary'];

export type OrderlyRun = {readonly messages: ConsumedMessage[]; readonly summary: OrderlyConsumerSummary};

/** Runs test/java/OrderlyConsumer.java; returns the messages in the order the listener received them, and its summary. */
export async function runOrderlyConsumer(options: ConsumeOrderlyOptions): Promise<OrderlyRun> {
	const {from = 'first'} = options;
	const args = ['-n', options.namesrv, '-t', options.topic, '-g', options.group];
	args.push('-c', String(options.count), '-i', String(options.idleTimeoutMs));
	if (from === 'first') args.push('-o', 'CONSUME_FROM_FIRST_OFFSET');
	else if (from === 'last') args.push('-o', 'CONSUME_FROM_LAST_OFFSET');
	else args.push('-o', 'CONSUME_FROM_TIMESTAMP', '-s', String(from.timestamp));
	if (options.filter !== undefined) args.push('-f', options.filter);
	if (options.tags !== undefined) args.push('-x', options.tags);
	if (options.batchSize !== undefined) args.push('-b', String(options.batchSize));
	const timeoutMs = options.timeoutMs ?? options.idleTimeoutMs + 60_000;
	const messages: ConsumedMessage[] = [];
	let summary: OrderlyConsumerSummary | undefined;
	const onLine = (line: string) => {
		const value: unknown = JSON.parse(line);
		const asSummary = summarySchema.safeParse(value);
		if (asSummary.success) {
			summary = asSummary.data.summary;
			return;
		}
		const message = consumedSchema.parse(value);
		messages.push(message);
		options.onMessage?.(message);
	};
	const {logFile} = await runJava('OrderlyConsumer', args, {shareClasses: true, timeoutMs, onLine});
	if (!summary) throw new Error(`OrderlyConsumer ended without its summary line; see ${logFile}`);
	return {messages, summary};
}

/** The messages of `topic` that an orderly remoting consumer in `group` receives (see ConsumeOrderlyOptions). */
export async function consumeOrderly(options: ConsumeOrderlyOptions): Promise<ConsumedMessage[]> {
	return (await runOrderlyConsumer(options)).messages;
}

// --- independent binlog reader -----------------------------------------------------------------------------------

export type IndependentReadOptions = {
	readonly host: string;
	readonly port: number;
	/** Where the dump starts: a file and position (COM_BINLOG_DUMP) or an executed GTID set (COM_BINLOG_DUMP_GTID). */
	readonly start: {readonly file: string; readonly position: number} | {readonly gtidSet: string};
	/** Stop after this many rows. */
	readonly rows: number;
	/** Stop after this long when fewer rows came. @default 20_000 */
	readonly timeoutMs?: number;
	/** What the client does before asking for the stream (see BinlogReader.java). @default 'crc32' */
	readonly setup?: 'crc32' | 'none' | 'stock';
};

const independentRowSchema = z.object({
	table: z.string().nullable(),
	op: z.enum(['insert', 'update', 'delete']),
	before: z.array(z.string().nullable()).nullable(),
	after: z.array(z.string().nullable()).nullable(),
});
export type IndependentRow = z.infer<typeof independentRowSchema>;
const readerSummarySchema = z.object({
	summary: z.object({reason: z.enum(['count', 'end', 'timeout', 'error']), rows: z.number().int(), error: z.string().nullable()}),
});
const rotateSchema = z.object({rotate: z.object({file: z.string(), position: z.number().int()})});
export type IndependentRead = {
	readonly rows: IndependentRow[];
	/** The ROTATE events the client read (the artificial one first), as it read them. */
	readonly rotates: Array<z.infer<typeof rotateSchema>['rotate']>;
	readonly summary: z.infer<typeof readerSummarySchema>['summary'];
};

/**
 * Reads row events with test/java/BinlogReader.java (mysql-binlog-connector-java): one entry per row, values as
 * strings (DECIMAL plain, byte[] as "hex:…", DATETIME2/TIMESTAMP2 as microseconds since the epoch read as UTC).
 */
export async function readBinlogIndependently(options: IndependentReadOptions): Promise<IndependentRead> {
	const timeoutMs = options.timeoutMs ?? 20_000;
	const args = [options.host, String(options.port), '--rows', String(options.rows), '--timeout', String(timeoutMs)];
	if ('gtidSet' in options.start) args.push('--gtid', options.start.gtidSet);
	else args.push('--file', options.start.file, '--pos', String(options.start.position));
	if (options.setup) args.push('--setup', options.setup);
	const rows: IndependentRow[] = [];
	const rotates: IndependentRead['rotates'] = [];
	let summary: IndependentRead['summary'] | undefined;
	const onLine = (line: string) => {
		const value: unknown = JSON.parse(line);
		const asSummary = readerSummarySchema.safeParse(value);
		const asRotate = rotateSchema.safeParse(value);
		if (asSummary.success) summary = asSummary.data.summary;
		else if (asRotate.success) rotates.push(asRotate.data.rotate);
		else rows.push(independentRowSchema.parse(value));
	};
	const {logFile} = await runJava('BinlogReader', args, {shareClasses: true, timeoutMs: timeoutMs + 30_000, onLine});
	if (!summary) throw new Error(`BinlogReader ended without its summary line; see ${logFile}`);
	return {rows, rotates, summary};
}
