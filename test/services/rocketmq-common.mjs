// @ts-check
/**
 * What the two RocketMQ test services share (5.3.3 in rocketmq.mjs, 4.9.7 in rocketmq4.mjs): a JDK and Maven, the
 * jars' classpath resolved from Maven Central, the loopback-bind shim, and the admin tool (mqadmin) with its checks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {isAlive, listenerPid, readPid, run, stopProcess, which} from './process.mjs';

/** @typedef {(line: string) => void} Log */
/**
 * One RocketMQ runtime: its name in log lines, version, service folder and the folder of the pom.xml listing its jars.
 * @typedef {{name: string, version: string, dir: string, pomDir: string}} Runtime
 */

/** The JVM argument file with the classpath of a runtime's jars. @param {Runtime} runtime */
export const classpathArgsFile = (runtime) => path.join(runtime.dir, 'classpath.args');

/** @param {Log} log @param {string} name */
export async function ensureJava(log, name) {
	if (which('java') && which('mvn')) return;
	if (process.getuid?.() === 0 && which('apt-get')) {
		log(`${name}: installing Debian packages openjdk-17-jdk-headless maven (apt-get)…`);
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		await run('apt-get', ['update'], {env});
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'openjdk-17-jdk-headless', 'maven'], {env});
		return;
	}
	throw new Error('RocketMQ needs a JDK (17) and Maven on PATH: sudo apt-get install openjdk-17-jdk-headless maven');
}

/** Maven's local repository has no locks: two services starting in parallel resolve one after the other. */
let mavenQueue = Promise.resolve();

/**
 * Resolves the jars with Maven once per pom version; later runs reuse the classpath file.
 * @param {Runtime} runtime @param {Log} log @param {string} downloadSize what the first resolution downloads
 */
export function resolveClasspath(runtime, log, downloadSize) {
	const resolve = () => resolveNow(runtime, log, downloadSize);
	const result = mavenQueue.then(resolve, resolve);
	mavenQueue = result.then(
		() => {},
		() => {},
	);
	return result;
}

/** @param {Runtime} runtime @param {Log} log @param {string} downloadSize */
async function resolveNow(runtime, log, downloadSize) {
	const pom = path.join(runtime.pomDir, 'pom.xml');
	const stampFile = path.join(runtime.dir, 'classpath.stamp');
	const stamp = crypto.createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
	if (fs.existsSync(classpathArgsFile(runtime)) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
	log(`${runtime.name}: resolving RocketMQ ${runtime.version} jars from Maven Central (the first time downloads ${downloadSize})…`);
	const output = path.join(runtime.dir, 'classpath.txt');
	const mvnLog = path.join(runtime.dir, 'mvn.log');
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
		fs.writeFileSync(mvnLog, await run('mvn', args));
	} catch (error) {
		fs.writeFileSync(mvnLog, String(error));
		throw new Error(`mvn could not resolve the RocketMQ jars; see ${mvnLog}`);
	}
	// A JVM argument file keeps the long classpath off the command line (and out of `ps`).
	fs.writeFileSync(classpathArgsFile(runtime), `-cp "${fs.readFileSync(output, 'utf8').trim()}"\n`);
	fs.writeFileSync(stampFile, stamp);
}

/**
 * RocketMQ binds some servers to every interface with no option to change that (5.3.3: the gRPC proxy, proxy
 * remoting and HA; 4.9.7: all of them). A small LD_PRELOAD shim (loopback-bind.c) turns wildcard binds into
 * loopback binds. Without a C compiler the servers still start, and `status` says which ports are exposed.
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env @param {Log} log @param {string} exposed what then listens on all interfaces
 * @returns {Promise<NodeJS.ProcessEnv>}
 */
export async function loopbackEnv(runtime, env, log, exposed) {
	const shim = path.join(runtime.dir, 'loopback-bind.so');
	const source = path.join(runtime.pomDir, '..', 'loopback-bind.c');
	const compiler = which('cc') ?? which('gcc');
	if (!fs.existsSync(shim) || fs.statSync(shim).mtimeMs < fs.statSync(source).mtimeMs) {
		if (!compiler) {
			log(`${runtime.name}: no C compiler found; ${exposed} will listen on all interfaces`);
			return env;
		}
		await run(compiler, ['-shared', '-fPIC', '-O2', '-o', shim, source, '-ldl']);
	}
	return {...env, LD_PRELOAD: shim};
}

/**
 * The admin tool of a runtime. mqadmin exits 0 even when it fails, so `mqadminUntil` reads success from its output.
 * @param {{runtime: Runtime, home: string, env: () => NodeJS.ProcessEnv, jvmArgs?: string[]}} options
 */
export function adminTool({runtime, home, env, jvmArgs = []}) {
	/** Runs mqadmin in a short-lived JVM and returns what it printed. @param {string[]} args */
	const mqadmin = (args) =>
		run(
			'java',
			[
				'-Xmx256m',
				'-XX:TieredStopAtLevel=1',
				'-XX:+UseSerialGC',
				`-Duser.home=${home}`,
				...jvmArgs,
				`@${classpathArgsFile(runtime)}`,
				'org.apache.rocketmq.tools.command.MQAdminStartup',
				...args,
			],
			{env: env()},
		);

	/** Retries while the broker registers. @param {string[]} args @param {RegExp} success @param {string} what */
	const mqadminUntil = async (args, success, what) => {
		let output = '';
		for (let attempt = 0; attempt < 15; attempt++) {
			output = await mqadmin(args);
			if (success.test(output)) return output;
			await sleep(2000);
		}
		throw new Error(`${what} failed; mqadmin said:\n${output.trim().split('\n').slice(-15).join('\n')}`);
	};

	/** The topic names in the output of `mqadmin topicList`. @param {string} output */
	const listed = (output) => new Set(output.split('\n').map((line) => line.trim()));

	/**
	 * Creates the missing topics and every consumer group, once per wanted set (a stamp file remembers it).
	 * `topicOptions` and `groupOptions` add the runtime's own options to `updateTopic` and `updateSubGroup`.
	 * @param {{namesrvAddr: string, cluster: string, stampFile: string, log: Log,
	 *   topics: Array<{name: string, type: string, queues: number}>, groups: Array<{name: string, orderly: boolean}>,
	 *   topicOptions: (topic: {name: string, type: string, queues: number}) => string[],
	 *   groupOptions: (group: {name: string, orderly: boolean}) => string[]}} options
	 */
	const provision = async ({namesrvAddr, cluster, stampFile, log, topics, groups, topicOptions, groupOptions}) => {
		const wanted = JSON.stringify({topics, groups});
		if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === wanted) return;
		const existing = listed(await mqadminUntil(['topicList', '-n', namesrvAddr], /\S/, 'listing topics'));
		for (const topic of topics) {
			if (existing.has(topic.name)) continue;
			log(`${runtime.name}: creating ${topic.type} topic ${topic.name} (${topic.queues} queues)`);
			const queues = String(topic.queues);
			const args = ['updateTopic', '-n', namesrvAddr, '-c', cluster, '-t', topic.name, '-r', queues, '-w', queues, ...topicOptions(topic)];
			await mqadminUntil(args, /create topic to .* success/, `creating topic ${topic.name}`);
		}
		for (const group of groups) {
			const args = ['updateSubGroup', '-n', namesrvAddr, '-c', cluster, '-g', group.name, ...groupOptions(group)];
			await mqadminUntil(args, /create subscription group to .* success/, `creating consumer group ${group.name}`);
		}
		fs.writeFileSync(stampFile, wanted);
	};

	/**
	 * The broker's ports open before it has registered its topics with the name server; a client started in that
	 * moment is told the topic does not exist (seen in a clean-clone run, right after a broker restart). Waits until
	 * the name server lists every test topic.
	 * @param {string} namesrvAddr @param {string[]} wanted
	 */
	const waitForTopics = async (namesrvAddr, wanted) => {
		let missing = wanted;
		for (let attempt = 0; attempt < 30 && missing.length > 0; attempt++) {
			if (attempt > 0) await sleep(1000);
			const names = listed(await mqadmin(['topicList', '-n', namesrvAddr]));
			missing = missing.filter((name) => !names.has(name));
		}
		if (missing.length > 0)
			throw new Error(`the RocketMQ name server does not list the topics ${missing.join(', ')} after the broker started`);
	};

	return {mqadmin, mqadminUntil, provision, waitForTopics};
}

/**
 * Stops each JVM in turn (the one its pid file names, else whatever listens on its port) and removes the pid files.
 * @param {Array<[{pidFile: string}, number]>} order
 * @returns {Promise<number[]>} the pids stopped
 */
export async function stopJvms(order) {
	const stopped = [];
	for (const [service, port] of order) {
		const pid = readPid(service.pidFile) ?? listenerPid(port);
		if (isAlive(pid)) {
			await stopProcess(/** @type {number} */ (pid), 30_000);
			stopped.push(/** @type {number} */ (pid));
		}
		fs.rmSync(service.pidFile, {force: true});
	}
	return stopped;
}
