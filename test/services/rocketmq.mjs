// @ts-check
/**
 * The RocketMQ 5.3 test service: jars resolved from Maven Central by `mvn` (test/services/rocketmq/pom.xml), a
 * name server and a broker with its gRPC proxy in one JVM (`ProxyStartup -pm local`), small heaps, 127.0.0.1 only.
 * Topics and consumer groups the tests need are created with the admin tool (mqadmin), whose exit code is always 0,
 * so its output is checked instead.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {
	isAlive,
	isPortOpen,
	listenerPid,
	listeningAddresses,
	readPid,
	rssMiB,
	run,
	spawnDetached,
	stopProcess,
	waitFor,
	which,
} from './process.mjs';
import {rocketmq as cfg, groups, host, topics} from './settings.mjs';

const home = path.join(cfg.dir, 'home');
const confDir = path.join(cfg.dir, 'conf');
const store = path.join(cfg.dir, 'store');
const classpathArgs = path.join(cfg.dir, 'classpath.args');
const classpathStamp = path.join(cfg.dir, 'classpath.stamp');
const provisionedStamp = path.join(cfg.dir, 'provisioned.stamp');
const namesrv = {pidFile: path.join(cfg.dir, 'namesrv.pid'), logFile: path.join(cfg.dir, 'namesrv.log')};
const proxy = {pidFile: path.join(cfg.dir, 'proxy.pid'), logFile: path.join(cfg.dir, 'proxy.log')};
const namesrvAddr = `${host}:${cfg.namesrvPort}`;

/** JDK 17 rejects some reflective access the broker's dependencies attempt; these opens are harmless otherwise. */
const opens = [
	'--add-opens=java.base/java.lang=ALL-UNNAMED',
	'--add-opens=java.base/java.nio=ALL-UNNAMED',
	'--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
	'--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED',
];
const common = [`-Duser.home=${home}`, `-Drocketmq.home.dir=${cfg.dir}`, '-XX:+UseG1GC', '-XX:-OmitStackTraceInFastThrow', ...opens];
const javaEnv = () => ({...process.env, ROCKETMQ_HOME: cfg.dir, NAMESRV_ADDR: namesrvAddr});
const loopbackShim = path.join(cfg.dir, 'loopback-bind.so');

/**
 * RocketMQ 5.3.3 binds the gRPC proxy, the proxy's remoting server and the broker's HA port to every interface and
 * has no option to change that. A small LD_PRELOAD shim (loopback-bind.c) turns those wildcard binds into
 * loopback binds. Without a C compiler the servers still start, and `status` says which ports are exposed.
 * @param {(line: string) => void} log
 * @returns {Promise<NodeJS.ProcessEnv>}
 */
async function serverEnv(log) {
	const source = path.join(cfg.pomDir, '..', 'loopback-bind.c');
	const compiler = which('cc') ?? which('gcc');
	if (!fs.existsSync(loopbackShim) || fs.statSync(loopbackShim).mtimeMs < fs.statSync(source).mtimeMs) {
		if (!compiler) {
			log('rocketmq: no C compiler found; the gRPC proxy and HA ports will listen on all interfaces');
			return javaEnv();
		}
		await run(compiler, ['-shared', '-fPIC', '-O2', '-o', loopbackShim, source, '-ldl']);
	}
	return {...javaEnv(), LD_PRELOAD: loopbackShim};
}

/** @param {(line: string) => void} log */
async function ensureJava(log) {
	if (which('java') && which('mvn')) return;
	if (process.getuid?.() === 0 && which('apt-get')) {
		log('rocketmq: installing Debian packages openjdk-17-jdk-headless maven (apt-get)…');
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		await run('apt-get', ['update'], {env});
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'openjdk-17-jdk-headless', 'maven'], {env});
		return;
	}
	throw new Error('RocketMQ needs a JDK (17) and Maven on PATH: sudo apt-get install openjdk-17-jdk-headless maven');
}

/** Resolves the jars with Maven once per pom version; later runs reuse the classpath file. @param {(line: string) => void} log */
async function resolveClasspath(log) {
	const pom = path.join(cfg.pomDir, 'pom.xml');
	const stamp = crypto.createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
	if (fs.existsSync(classpathArgs) && fs.readFileSync(classpathStamp, 'utf8') === stamp) return;
	log(`rocketmq: resolving RocketMQ ${cfg.version} jars from Maven Central (the first time downloads ~150 MB)…`);
	const output = path.join(cfg.dir, 'classpath.txt');
	const args = [
		'-B',
		'-f',
		pom,
		'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath',
		`-Dmdep.outputFile=${output}`,
		'-Dmdep.includeScope=runtime',
	];
	if (process.env.OBSYNC_MAVEN_REPO) args.push(`-Dmaven.repo.local=${process.env.OBSYNC_MAVEN_REPO}`);
	try {
		fs.writeFileSync(path.join(cfg.dir, 'mvn.log'), await run('mvn', args));
	} catch (error) {
		fs.writeFileSync(path.join(cfg.dir, 'mvn.log'), String(error));
		throw new Error(`mvn could not resolve the RocketMQ jars; see ${path.join(cfg.dir, 'mvn.log')}`);
	}
	// A JVM argument file keeps the 140-jar classpath off the command line (and out of `ps`).
	fs.writeFileSync(classpathArgs, `-cp "${fs.readFileSync(output, 'utf8').trim()}"\n`);
	fs.writeFileSync(classpathStamp, stamp);
}

function writeConfig() {
	fs.mkdirSync(confDir, {recursive: true});
	fs.mkdirSync(home, {recursive: true});
	const broker = {
		brokerClusterName: cfg.cluster,
		brokerName: cfg.brokerName,
		brokerId: 0,
		brokerRole: 'ASYNC_MASTER',
		flushDiskType: 'ASYNC_FLUSH',
		namesrvAddr,
		// In local proxy mode brokerIP1 is also the host gRPC clients are told to use.
		brokerIP1: host,
		brokerIP2: host,
		bindAddress: host,
		listenPort: cfg.brokerPort,
		storePathRootDir: store,
		storePathCommitLog: path.join(store, 'commitlog'),
		mappedFileSizeCommitLog: 64 * 1024 * 1024,
		mappedFileSizeConsumeQueue: 600_000,
		maxHashSlotNum: 50_000,
		maxIndexNum: 200_000,
		mappedFileSizeTimerLog: 16 * 1024 * 1024,
		autoCreateTopicEnable: false,
		autoCreateSubscriptionGroup: true,
		deleteWhen: '04',
		fileReservedTime: 24,
		// Message tracing (issue: "Whether to Allow Message Tracing") needs the trace topic on the broker.
		traceTopicEnable: true,
	};
	const properties = Object.entries(broker).map(([key, value]) => `${key}=${value}`);
	fs.writeFileSync(path.join(confDir, 'broker.conf'), `${properties.join('\n')}\n`);
	fs.writeFileSync(path.join(confDir, 'namesrv.conf'), `listenPort=${cfg.namesrvPort}\nbindAddress=${host}\n`);
	const proxyConfig = {
		rocketMQClusterName: cfg.cluster,
		proxyMode: 'local',
		namesrvAddr,
		brokerConfigPath: path.join(confDir, 'broker.conf'),
		grpcServerPort: cfg.proxyPort,
		remotingListenPort: cfg.proxyRemotingPort,
		grpcShutdownTimeSeconds: 1,
		topicRouteServiceCacheRefreshSeconds: 2,
		enablePrintJstack: false,
	};
	fs.writeFileSync(path.join(confDir, 'rmq-proxy.json'), `${JSON.stringify(proxyConfig, null, 2)}\n`);
}

/** Runs mqadmin in a short-lived JVM and returns what it printed. @param {string[]} args */
export function mqadmin(args) {
	return run(
		'java',
		[
			'-Xmx256m',
			'-XX:TieredStopAtLevel=1',
			'-XX:+UseSerialGC',
			`-Duser.home=${home}`,
			'-Drmq.logback.configurationFile=rmq.tools.logback.xml',
			`@${classpathArgs}`,
			'org.apache.rocketmq.tools.command.MQAdminStartup',
			...args,
		],
		{env: javaEnv()},
	);
}

/** mqadmin exits 0 even when it fails, so success is read from its output and retried while the broker registers. */
/** @param {string[]} args @param {RegExp} success @param {string} what */
async function mqadminUntil(args, success, what) {
	let output = '';
	for (let attempt = 0; attempt < 15; attempt++) {
		output = await mqadmin(args);
		if (success.test(output)) return output;
		await sleep(2000);
	}
	throw new Error(`${what} failed; mqadmin said:\n${output.trim().split('\n').slice(-15).join('\n')}`);
}

/** @param {(line: string) => void} log */
async function provision(log) {
	const wanted = JSON.stringify({topics, groups});
	if (fs.existsSync(provisionedStamp) && fs.readFileSync(provisionedStamp, 'utf8') === wanted) return;
	const existing = new Set(
		(await mqadminUntil(['topicList', '-n', namesrvAddr], /\S/, 'listing topics')).split('\n').map((line) => line.trim()),
	);
	for (const topic of topics) {
		if (existing.has(topic.name)) continue;
		log(`rocketmq: creating ${topic.type} topic ${topic.name} (${topic.queues} queues)`);
		const args = [
			'updateTopic',
			'-n',
			namesrvAddr,
			'-c',
			cfg.cluster,
			'-t',
			topic.name,
			'-r',
			String(topic.queues),
			'-w',
			String(topic.queues),
		];
		args.push('-a', `+message.type=${topic.type}`);
		await mqadminUntil(args, /create topic to .* success/, `creating topic ${topic.name}`);
	}
	for (const group of groups) {
		const args = ['updateSubGroup', '-n', namesrvAddr, '-c', cfg.cluster, '-g', group.name, '-o', String(group.orderly)];
		await mqadminUntil(args, /create subscription group to .* success/, `creating consumer group ${group.name}`);
	}
	fs.writeFileSync(provisionedStamp, wanted);
}

/** @param {(line: string) => void} log */
export async function up(log) {
	fs.mkdirSync(cfg.dir, {recursive: true});
	const running = (await isPortOpen(cfg.namesrvPort)) && (await isPortOpen(cfg.proxyPort)) && (await isPortOpen(cfg.brokerPort));
	const ours = isAlive(readPid(namesrv.pidFile)) && isAlive(readPid(proxy.pidFile));
	await ensureJava(log);
	await resolveClasspath(log);
	if (running) {
		if (!ours) fs.rmSync(provisionedStamp, {force: true}); // started from another clone: check its topics
		await provision(log);
		return {reused: true};
	}
	for (const port of [cfg.namesrvPort, cfg.proxyPort, cfg.proxyRemotingPort, cfg.brokerPort, cfg.brokerPort - 2, cfg.brokerPort + 1]) {
		if ((await isPortOpen(port)) && !(port === cfg.namesrvPort && isAlive(readPid(namesrv.pidFile)))) {
			throw new Error(`port ${port} is taken by another process; stop it, or set the OBSYNC_TEST_RMQ_*_PORT variables.`);
		}
	}
	writeConfig();
	if (!(await isPortOpen(cfg.namesrvPort))) {
		const args = ['-Xms128m', '-Xmx256m', ...common, '-Drmq.logback.configurationFile=rmq.namesrv.logback.xml', `@${classpathArgs}`];
		args.push('org.apache.rocketmq.namesrv.NamesrvStartup', '-c', path.join(confDir, 'namesrv.conf'));
		const pid = spawnDetached('java', args, {...namesrv, env: await serverEnv(log), cwd: cfg.dir});
		await waitFor(() => isPortOpen(cfg.namesrvPort), {
			what: 'RocketMQ name server did not start',
			timeoutMs: 60_000,
			logFile: namesrv.logFile,
			pid,
		});
	}
	const args = ['-Xms512m', '-Xmx512m', '-XX:MaxDirectMemorySize=512m', ...common, '-Drmq.logback.configurationFile=rmq.proxy.logback.xml'];
	args.push(`@${classpathArgs}`, 'org.apache.rocketmq.proxy.ProxyStartup', '-pm', 'local');
	args.push('-bc', path.join(confDir, 'broker.conf'), '-pc', path.join(confDir, 'rmq-proxy.json'), '-n', namesrvAddr);
	const pid = spawnDetached('java', args, {...proxy, env: await serverEnv(log), cwd: cfg.dir});
	await waitFor(async () => (await isPortOpen(cfg.proxyPort)) && (await isPortOpen(cfg.brokerPort)), {
		what: 'RocketMQ broker/proxy did not start',
		timeoutMs: 120_000,
		logFile: proxy.logFile,
		pid,
	});
	await provision(log);
	await waitForTopics();
	return {reused: false};
}

/**
 * The broker's ports open before it has registered its topics with the name server; a client started in that moment
 * is told the topic does not exist (seen in a clean-clone run, right after a broker restart). Waits until the name
 * server lists every test topic.
 */
async function waitForTopics() {
	let missing = topics.map((topic) => topic.name);
	for (let attempt = 0; attempt < 30 && missing.length > 0; attempt++) {
		if (attempt > 0) await sleep(1000);
		const listed = new Set((await mqadmin(['topicList', '-n', namesrvAddr])).split('\n').map((line) => line.trim()));
		missing = missing.filter((name) => !listed.has(name));
	}
	if (missing.length > 0)
		throw new Error(`the RocketMQ name server does not list the topics ${missing.join(', ')} after the broker started`);
}

/**
 * Restarts the broker and proxy (one JVM here) and leaves the name server running: what a broker upgrade or crash
 * looks like to a producer. The store is kept, so topics and messages survive.
 * @param {(line: string) => void} log
 */
export async function restartBroker(log = () => {}) {
	const pid = readPid(proxy.pidFile) ?? listenerPid(cfg.proxyPort);
	if (isAlive(pid)) await stopProcess(/** @type {number} */ (pid), 30_000);
	fs.rmSync(proxy.pidFile, {force: true});
	await up(log);
}

export async function down() {
	const stopped = [];
	/** @type {Array<[{pidFile: string}, number]>} */
	const order = [
		[proxy, cfg.proxyPort],
		[namesrv, cfg.namesrvPort],
	];
	for (const [service, port] of order) {
		const pid = readPid(service.pidFile) ?? listenerPid(port);
		if (isAlive(pid)) {
			await stopProcess(/** @type {number} */ (pid), 30_000);
			stopped.push(pid);
		}
		fs.rmSync(service.pidFile, {force: true});
	}
	return stopped;
}

export async function status() {
	const pidOf = (/** @type {{pidFile: string}} */ service, /** @type {number} */ port) =>
		isAlive(readPid(service.pidFile)) ? readPid(service.pidFile) : listenerPid(port);
	const namesrvUp = await isPortOpen(cfg.namesrvPort);
	const proxyUp = await isPortOpen(cfg.proxyPort);
	const brokerUp = await isPortOpen(cfg.brokerPort);
	const namesrvPid = namesrvUp ? pidOf(namesrv, cfg.namesrvPort) : undefined;
	const proxyPid = proxyUp ? pidOf(proxy, cfg.proxyPort) : undefined;
	const state = (/** @type {boolean} */ up) => (up ? 'reachable' : 'not reachable');
	return {
		name: 'rocketmq',
		up: namesrvUp && proxyUp && brokerUp,
		lines: [
			`RocketMQ ${cfg.version}; topics ${topics.map((t) => `${t.name} (${t.type})`).join(', ')}`,
			`name server   ${host}:${cfg.namesrvPort}  pid ${namesrvPid ?? '-'}  rss ${rssMiB(namesrvPid) ?? '-'} MiB  ${state(namesrvUp)}`,
			`gRPC proxy    ${host}:${cfg.proxyPort}  pid ${proxyPid ?? '-'}  rss ${rssMiB(proxyPid) ?? '-'} MiB  ${state(proxyUp)} (broker and proxy share this JVM)`,
			`broker        ${host}:${cfg.brokerPort} (also ${cfg.brokerPort - 2}, ${cfg.brokerPort + 1}); proxy remoting ${host}:${cfg.proxyRemotingPort}  ${state(brokerUp)}`,
			`listening on ${[...listeningAddresses(namesrvPid), ...listeningAddresses(proxyPid)].join(', ') || '-'}`,
			`logs ${path.join(home, 'logs', 'rocketmqlogs')}`,
		],
		pid: proxyPid,
		pids: [namesrvPid, proxyPid],
	};
}
