// @ts-check
/**
 * The RocketMQ 5.3 test service: jars resolved from Maven Central by `mvn` (test/services/rocketmq/pom.xml), a
 * name server and a broker with its gRPC proxy in one JVM (`ProxyStartup -pm local`), small heaps, 127.0.0.1 only.
 * Topics and consumer groups the tests need are created with the admin tool (mqadmin), whose exit code is always 0,
 * so its output is checked instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import {isAlive, isPortOpen, listenerPid, listeningAddresses, readPid, rssMiB, spawnDetached, waitFor} from './process.mjs';
import {adminTool, classpathArgsFile, ensureJava, loopbackEnv, resolveClasspath, stopJvms} from './rocketmq-common.mjs';
import {rocketmq as cfg, groups, host, topics} from './settings.mjs';

const home = path.join(cfg.dir, 'home');
const confDir = path.join(cfg.dir, 'conf');
const store = path.join(cfg.dir, 'store');
const runtime = {name: 'rocketmq', version: cfg.version, dir: cfg.dir, pomDir: cfg.pomDir};
const classpathArgs = classpathArgsFile(runtime);
const provisionedStamp = path.join(cfg.dir, 'provisioned.stamp');
const namesrv = {pidFile: path.join(cfg.dir, 'namesrv.pid'), logFile: path.join(cfg.dir, 'namesrv.log')};
const proxy = {pidFile: path.join(cfg.dir, 'proxy.pid'), logFile: path.join(cfg.dir, 'proxy.log')};
const namesrvAddr = `${host}:${cfg.namesrvPort}`;
const topicNames = topics.map((topic) => topic.name);

/** JDK 17 rejects some reflective access the broker's dependencies attempt; these opens are harmless otherwise. */
const opens = [
	'--add-opens=java.base/java.lang=ALL-UNNAMED',
	'--add-opens=java.base/java.nio=ALL-UNNAMED',
	'--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
	'--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED',
];
const common = [`-Duser.home=${home}`, `-Drocketmq.home.dir=${cfg.dir}`, '-XX:+UseG1GC', '-XX:-OmitStackTraceInFastThrow', ...opens];
const javaEnv = () => ({...process.env, ROCKETMQ_HOME: cfg.dir, NAMESRV_ADDR: namesrvAddr});
/** RocketMQ 5.3.3 binds the gRPC proxy, its remoting server and the broker's HA port to every interface. @param {(line: string) => void} log */
const serverEnv = (log) => loopbackEnv(runtime, javaEnv(), log, 'the gRPC proxy and HA ports');
const admin = adminTool({runtime, home, env: javaEnv, jvmArgs: ['-Drmq.logback.configurationFile=rmq.tools.logback.xml']});
/** Runs mqadmin in a short-lived JVM and returns what it printed. */
export const mqadmin = admin.mqadmin;

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

/** @param {(line: string) => void} log */
function provision(log) {
	return admin.provision({
		namesrvAddr,
		cluster: cfg.cluster,
		stampFile: provisionedStamp,
		log,
		topics,
		groups,
		topicOptions: (topic) => ['-a', `+message.type=${topic.type}`],
		groupOptions: (group) => ['-o', String(group.orderly)],
	});
}

/** @param {(line: string) => void} log */
export async function up(log) {
	fs.mkdirSync(cfg.dir, {recursive: true});
	const running = (await isPortOpen(cfg.namesrvPort)) && (await isPortOpen(cfg.proxyPort)) && (await isPortOpen(cfg.brokerPort));
	const ours = isAlive(readPid(namesrv.pidFile)) && isAlive(readPid(proxy.pidFile));
	await ensureJava(log, 'rocketmq');
	await resolveClasspath(runtime, log, '~150 MB');
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
	await admin.waitForTopics(namesrvAddr, topicNames);
	return {reused: false};
}

/**
 * Restarts the broker and proxy (one JVM here) and leaves the name server running: what a broker upgrade or crash
 * looks like to a producer. The store is kept, so topics and messages survive.
 * @param {(line: string) => void} log
 */
export async function restartBroker(log = () => {}) {
	await stopJvms([[proxy, cfg.proxyPort]]);
	await up(log);
}

export function down() {
	return stopJvms([
		[proxy, cfg.proxyPort],
		[namesrv, cfg.namesrvPort],
	]);
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
