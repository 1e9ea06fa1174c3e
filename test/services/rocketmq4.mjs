// @ts-check
/**
 * The RocketMQ 4.9.7 test service, for the remoting producer's tests against a 4.x broker: jars resolved from Maven
 * Central by `mvn` (test/services/rocketmq4/pom.xml), a name server and a broker (4.x has no proxy), small heaps,
 * 127.0.0.1 only. Topics and consumer groups are created with 4.9.7's own mqadmin, checked by its output.
 *
 * Measured on the 2-core test machine while other work ran (load 4-8), `run.mjs up rocketmq4` alone:
 * - cold (4.9.7 jars not in ~/.m2, empty .services/rocketmq4): 71 s = mvn 14 s (~28 MB, 40 jars) + name server 2 s
 *   + broker 6 s + provisioning 43 s (9 mqadmin JVMs of ~5 s each) + the name-server topic check 5 s;
 * - warm (jars resolved, store provisioned, JVMs stopped): 10-13 s; `down` 8-11 s; `restartBroker` 16 s.
 * - RSS: name server ~110 MiB, broker ~140 MiB after start, ~170 MiB after the smoke tests and a restart (the
 *   broker's mapped store files count in its RSS once written: expect more after a benchmark).
 * With `up` of every service in parallel, it finishes before the 5.3.3 service (118 s against 146 s, cold classpath).
 */
import fs from 'node:fs';
import path from 'node:path';
import {isAlive, isPortOpen, listenerPid, listeningAddresses, readPid, rssMiB, spawnDetached, waitFor} from './process.mjs';
import {adminTool, classpathArgsFile, ensureJava, loopbackEnv, resolveClasspath, stopJvms} from './rocketmq-common.mjs';
import {rocketmq4 as cfg, groups, host, topics} from './settings.mjs';

const home = path.join(cfg.dir, 'home');
const confDir = path.join(cfg.dir, 'conf');
const store = path.join(cfg.dir, 'store');
const runtime = {name: 'rocketmq4', version: cfg.version, dir: cfg.dir, pomDir: cfg.pomDir};
const provisionedStamp = path.join(cfg.dir, 'provisioned.stamp');
const namesrv = {pidFile: path.join(cfg.dir, 'namesrv.pid'), logFile: path.join(cfg.dir, 'namesrv.log')};
const broker = {pidFile: path.join(cfg.dir, 'broker.pid'), logFile: path.join(cfg.dir, 'broker.log')};
const namesrvAddr = `${host}:${cfg.namesrvPort}`;
const topicNames = topics.map((topic) => topic.name);
const brokerPorts = [cfg.brokerPort, cfg.brokerPort - 2, cfg.brokerPort + 1];

/**
 * JDK 17: the broker frees its memory-mapped store files through reflection (MappedFile.clean calls
 * DirectByteBuffer.attachment() and cleaner(), then jdk.internal.ref.Cleaner.clean()). Without these flags the
 * broker starts, but its shutdown hook dies with InaccessibleObjectException before it writes the checkpoint and
 * removes the `abort` file, so every restart recovers the store as after a crash. sun.nio.ch is for
 * MappedFile.mlock (warmMapedFileEnable, transientStorePoolEnable; both off here, exported in case).
 * tls.server.mode=disabled: in the default "permissive" mode each server builds a self-signed TLS context at start
 * (about 1-3 s here); obsync's TLS checks certificates against the system CAs, so a test could not use it anyway.
 */
const jdk17 = [
	'--add-opens=java.base/java.nio=ALL-UNNAMED',
	'--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED',
	'--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
];
const common = [`-Duser.home=${home}`, '-XX:+UseG1GC', '-XX:-OmitStackTraceInFastThrow', '-Dtls.server.mode=disabled', ...jdk17];
const javaEnv = () => ({...process.env, ROCKETMQ_HOME: cfg.dir, NAMESRV_ADDR: namesrvAddr});
/** RocketMQ 4.9.7 has no bind address option at all: the name server and the broker's three ports bind the wildcard. */
const serverEnv = (/** @type {(line: string) => void} */ log) => loopbackEnv(runtime, javaEnv(), log, 'the name server and broker ports');
const admin = adminTool({runtime, home, env: javaEnv});
/** Runs 4.9.7's mqadmin in a short-lived JVM and returns what it printed. */
export const mqadmin = admin.mqadmin;

/** 4.x reads its logback configuration from $ROCKETMQ_HOME/conf/logback_<name>.xml, which no jar ships. @param {string} name */
const logback = (name) => `<configuration>
  <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>${home}/logs/rocketmqlogs/${name}.log</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
      <fileNamePattern>${home}/logs/rocketmqlogs/${name}.%i.log</fileNamePattern><maxIndex>2</maxIndex>
    </rollingPolicy>
    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy"><maxFileSize>32MB</maxFileSize></triggeringPolicy>
    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p [%t] %c{0} - %m%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
`;

function writeConfig() {
	fs.mkdirSync(confDir, {recursive: true});
	fs.mkdirSync(home, {recursive: true});
	const settings = {
		brokerClusterName: cfg.cluster,
		brokerName: cfg.brokerName,
		brokerId: 0,
		brokerRole: 'ASYNC_MASTER',
		flushDiskType: 'ASYNC_FLUSH',
		namesrvAddr,
		// The address the broker registers, which clients are told to connect to.
		brokerIP1: host,
		brokerIP2: host,
		listenPort: cfg.brokerPort,
		storePathRootDir: store,
		storePathCommitLog: path.join(store, 'commitlog'),
		mappedFileSizeCommitLog: 64 * 1024 * 1024,
		mappedFileSizeConsumeQueue: 600_000,
		maxHashSlotNum: 50_000,
		maxIndexNum: 200_000,
		autoCreateTopicEnable: false,
		autoCreateSubscriptionGroup: true,
		deleteWhen: '04',
		fileReservedTime: 24,
		traceTopicEnable: true,
	};
	fs.writeFileSync(
		path.join(confDir, 'broker.conf'),
		`${Object.entries(settings)
			.map(([key, value]) => `${key}=${value}`)
			.join('\n')}\n`,
	);
	fs.writeFileSync(path.join(confDir, 'namesrv.conf'), `listenPort=${cfg.namesrvPort}\n`);
	for (const name of ['namesrv', 'broker', 'tools']) fs.writeFileSync(path.join(confDir, `logback_${name}.xml`), logback(name));
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
		// 4.x has no message.type attribute: a FIFO topic is an "order" topic (-o true), which is what 4.x users create.
		topicOptions: (topic) => (topic.type === 'FIFO' ? ['-o', 'true'] : []),
		// 4.x groups have no consumeMessageOrderly flag: orderly consumption is the client's choice (MessageListenerOrderly).
		groupOptions: () => [],
	});
}

/** @param {(line: string) => void} log */
export async function up(log) {
	fs.mkdirSync(cfg.dir, {recursive: true});
	const running = (await isPortOpen(cfg.namesrvPort)) && (await isPortOpen(cfg.brokerPort));
	const ours = isAlive(readPid(namesrv.pidFile)) && isAlive(readPid(broker.pidFile));
	await ensureJava(log, runtime.name);
	await resolveClasspath(runtime, log, '~30 MB');
	if (running) {
		if (!ours) fs.rmSync(provisionedStamp, {force: true}); // started from another clone: check its topics
		await provision(log);
		return {reused: true};
	}
	for (const port of [cfg.namesrvPort, ...brokerPorts]) {
		if ((await isPortOpen(port)) && !(port === cfg.namesrvPort && isAlive(readPid(namesrv.pidFile)))) {
			throw new Error(`port ${port} is taken by another process; stop it, or set the OBSYNC_TEST_RMQ4_*_PORT variables.`);
		}
	}
	writeConfig();
	const env = await serverEnv(log);
	const classpath = `@${classpathArgsFile(runtime)}`;
	if (!(await isPortOpen(cfg.namesrvPort))) {
		const args = ['-Xms128m', '-Xmx256m', ...common, classpath, 'org.apache.rocketmq.namesrv.NamesrvStartup'];
		const pid = spawnDetached('java', [...args, '-c', path.join(confDir, 'namesrv.conf')], {...namesrv, env, cwd: cfg.dir});
		await waitFor(() => isPortOpen(cfg.namesrvPort), {
			what: 'RocketMQ 4 name server did not start',
			timeoutMs: 60_000,
			logFile: namesrv.logFile,
			pid,
		});
	}
	const args = ['-Xms384m', '-Xmx384m', '-XX:MaxDirectMemorySize=256m', ...common, classpath, 'org.apache.rocketmq.broker.BrokerStartup'];
	const pid = spawnDetached('java', [...args, '-c', path.join(confDir, 'broker.conf')], {...broker, env, cwd: cfg.dir});
	await waitFor(async () => (await isPortOpen(cfg.brokerPort)) && (await isPortOpen(cfg.brokerPort - 2)), {
		what: 'RocketMQ 4 broker did not start',
		timeoutMs: 120_000,
		logFile: broker.logFile,
		pid,
	});
	await provision(log);
	await admin.waitForTopics(namesrvAddr, topicNames);
	return {reused: false};
}

/**
 * Restarts the broker JVM and leaves the name server running: what a broker upgrade or crash looks like to a
 * producer. The store is kept, so topics and messages survive.
 * @param {(line: string) => void} log
 */
export async function restartBroker(log = () => {}) {
	await stopJvms([[broker, cfg.brokerPort]]);
	await up(log);
}

export function down() {
	return stopJvms([
		[broker, cfg.brokerPort],
		[namesrv, cfg.namesrvPort],
	]);
}

export async function status() {
	const pidOf = (/** @type {{pidFile: string}} */ service, /** @type {number} */ port) =>
		isAlive(readPid(service.pidFile)) ? readPid(service.pidFile) : listenerPid(port);
	const namesrvUp = await isPortOpen(cfg.namesrvPort);
	const brokerUp = await isPortOpen(cfg.brokerPort);
	const namesrvPid = namesrvUp ? pidOf(namesrv, cfg.namesrvPort) : undefined;
	const brokerPid = brokerUp ? pidOf(broker, cfg.brokerPort) : undefined;
	const state = (/** @type {boolean} */ up) => (up ? 'reachable' : 'not reachable');
	return {
		name: 'rocketmq4',
		up: namesrvUp && brokerUp,
		lines: [
			`RocketMQ ${cfg.version} (remoting only, no proxy); topics ${topics.map((t) => `${t.name} (${t.type === 'FIFO' ? 'order' : 'plain'})`).join(', ')}`,
			`name server   ${namesrvAddr}  pid ${namesrvPid ?? '-'}  rss ${rssMiB(namesrvPid) ?? '-'} MiB  ${state(namesrvUp)}`,
			`broker        ${host}:${cfg.brokerPort} (also ${cfg.brokerPort - 2}, ${cfg.brokerPort + 1})  pid ${brokerPid ?? '-'}  rss ${rssMiB(brokerPid) ?? '-'} MiB  ${state(brokerUp)}`,
			`listening on ${[...listeningAddresses(namesrvPid), ...listeningAddresses(brokerPid)].join(', ') || '-'}`,
			`logs ${path.join(home, 'logs', 'rocketmqlogs')}`,
		],
		pid: brokerPid,
		pids: [namesrvPid, brokerPid],
	};
}
