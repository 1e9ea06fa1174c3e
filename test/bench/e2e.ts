/**
 * `npm run bench -- e2e`: the whole path, MariaDB commit to RocketMQ ack, through the built `obsync run`, on the
 * remoting transport and, for comparison, the gRPC one (same broker, same run):
 * 1. Sustained throughput: a backlog of row changes written as fast as MariaDB takes them, and the time until obsync
 *    has every one acked and checkpointed (row changes/s from the first commit to the last ack).
 * 2. Latency at fixed rates for 30 s each (remoting: 2,000 and 5,000 rows/s; gRPC: 2,000 and 1,000): commit (when
 *    COMMIT returned to the writer) to a consumer receiving the message, p50/p99. The consumer is the Java orderly
 *    consumer over remoting (test/java/OrderlyConsumer.java) for both transports, so both are read the same way.
 * Results go to stdout and to bench-results/e2e.json (`sustained` and `latency` are the remoting transport's).
 * With OBSYNC_BENCH_PROFILE=DIR, each obsync run writes a CPU profile under DIR/<transport>/; with
 * OBSYNC_BENCH_SERIES=1, each latency run prints its worst commit-to-stored latency per half second; with
 * OBSYNC_BENCH_LOG=DIR, each obsync run logs at debug level to DIR/<transport>.log.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import {queueIndexForGroup} from '../../source/engine/remoting/queue-selection.js';
import {messageGroup} from '../../source/engine/sink/sharding.js';
import {masterStatus} from '../helpers/binlog.js';
import {waitCheckpointAt} from '../helpers/delivery.js';
import {runOrderlyConsumer} from '../helpers/java-tools.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const topic = 'obsync_bench_fifo';
const log = (line: string) => process.stdout.write(`${line}\n`);
const LATENCY_SECONDS = 30;
const WARM_UP_SECONDS = 5;
const QUEUES = 8;
const transports = {
	remoting: {destination: {nameServer: rocketmqService.namesrv}, backlog: 200_000, rates: [2_000, 5_000]},
	grpc: {destination: {endpoints: rocketmqService.endpoints}, backlog: 40_000, rates: [2_000, 1_000]},
} as const;
type Transport = keyof typeof transports;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Inserts `ids` as one multi-row statement (one transaction). */
function insert(admin: mysql.Connection, ids: number[], run: string) {
	return admin.query('INSERT INTO bench_e2e (id, v, run, pad) VALUES ?', [ids.map((i) => [i, 0, run, 'p'.repeat(60)])]);
}

async function sustained(admin: mysql.Connection, runner: RunningObsync, backlog: number, run: string, ids: {next: number}) {
	// Transactions of 100 rows: inserts, then updates of the same rows; then wait for the acks.
	const first = ids.next + 1;
	const started = performance.now();
	while (ids.next - first + 1 < backlog / 2)
		await insert(
			admin,
			Array.from({length: 100}, () => ++ids.next),
			run,
		);
	for (let from = first; from <= ids.next; from += 100)
		await admin.query('UPDATE bench_e2e SET v = v + 1 WHERE id BETWEEN ? AND ?', [from, from + 99]);
	const written = performance.now();
	await waitCheckpointAt(runner, await masterStatus(admin));
	const acked = performance.now();
	return {
		rowChanges: backlog,
		writeRate: Math.round(backlog / ((written - started) / 1000)),
		seconds: Number(((acked - started) / 1000).toFixed(2)),
		rowChangesPerSecond: Math.round(backlog / ((acked - started) / 1000)),
	};
}

/**
 * Ids whose rows land on each of the topic's queues (the group of a row is its table and id; the queue, the proxy's
 * choice for that group): one row per queue tells when the consumer reads every queue.
 */
function oneIdPerQueue(ids: {next: number}): number[] {
	const byQueue = new Map<number, number>();
	while (byQueue.size < QUEUES) {
		const id = ++ids.next;
		const queue = queueIndexForGroup(messageGroup('obsync_test', 'bench_e2e', [String(id)]), QUEUES);
		if (!byQueue.has(queue)) byQueue.set(queue, id);
	}
	return [...byQueue.values()];
}

/**
 * Rows at `rate`/s for LATENCY_SECONDS (a statement every 50 ms), timed from COMMIT returning to the writer to the
 * Java consumer printing the message. A message can arrive before the writer's COMMIT returns: that counts as 0 ms.
 */
export async function latencyAt(admin: mysql.Connection, rate: number, run: string, ids: {next: number}) {
	const marker = `${run}-l${rate}`;
	const committedAt = new Map<number, number>();
	const arrivedAt = new Map<number, number>();
	/** Wall-clock commit and broker store times (ms), to tell obsync's share of the latency from the consumer's. */
	const committedWall = new Map<number, number>();
	const storedAt = new Map<number, number>();
	const readyIds = new Set(oneIdPerQueue(ids));
	let ready: () => void;
	const consumerReady = new Promise<void>((resolve) => {
		ready = resolve;
	});
	const expected = rate * (WARM_UP_SECONDS + LATENCY_SECONDS) + readyIds.size;
	const consumer = runOrderlyConsumer({
		namesrv: rocketmqService.namesrv,
		topic,
		group: 'obsync_bench_java_group',
		count: expected,
		idleTimeoutMs: 60_000,
		timeoutMs: 600_000,
		from: {timestamp: Date.now() - 60_000},
		filter: marker,
		batchSize: 32,
		onMessage: (message) => {
			const now = performance.now();
			const id = Number(/"postStruct":\{"id":(\d+)/.exec(message.body.toString('utf8'))?.[1]);
			if (readyIds.delete(id) && readyIds.size === 0) ready();
			else if (!arrivedAt.has(id)) {
				arrivedAt.set(id, now);
				storedAt.set(id, message.storeTimestamp);
			}
		},
	});
	// The consumer skips what earlier phases left before it, then locks and pulls each queue: a row on every queue
	// says when it reads them all.
	await insert(admin, [...readyIds], marker);
	await consumerReady;
	const perTick = rate / 20;
	// WARM_UP_SECONDS at the same rate first, not timed: the consumer's JVM has just started (its JIT takes CPU from
	// everything on the 2-core machine), and the measure is of the steady state.
	const warmUpTicks = WARM_UP_SECONDS * 20;
	let begin = performance.now();
	const start = begin;
	for (let tick = 0; tick < warmUpTicks + LATENCY_SECONDS * 20; tick++) {
		const wait = start + tick * 50 - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		if (tick === warmUpTicks) begin = performance.now();
		const batch = Array.from({length: perTick}, () => ++ids.next);
		await insert(admin, batch, marker);
		if (tick < warmUpTicks) continue;
		const now = performance.now();
		const wall = Date.now();
		for (const i of batch) {
			committedAt.set(i, now);
			committedWall.set(i, wall);
		}
	}
	const achievedRate = committedAt.size / ((performance.now() - begin) / 1000);
	await consumer;
	const latencies: number[] = [];
	const stored: number[] = [];
	for (const [id, committed] of committedAt) {
		const arrived = arrivedAt.get(id);
		if (arrived !== undefined) latencies.push(Math.max(0, arrived - committed));
		const store = storedAt.get(id);
		if (store !== undefined) stored.push(Math.max(0, store - committedWall.get(id)!));
	}
	if (process.env.OBSYNC_BENCH_SERIES) {
		const buckets = new Map<number, number>();
		for (const [id, wall] of committedWall) {
			const store = storedAt.get(id);
			if (store === undefined) continue;
			const bucket = Math.floor((wall - committedWall.values().next().value!) / 500);
			buckets.set(bucket, Math.max(buckets.get(bucket) ?? 0, store - wall));
		}
		console.log([...buckets].map(([b, ms]) => `${b / 2}s:${ms}`).join(' '));
	}
	latencies.sort((a, b) => a - b);
	stored.sort((a, b) => a - b);
	return {
		rate: Math.round(achievedRate),
		seconds: LATENCY_SECONDS,
		received: latencies.length,
		sent: committedAt.size,
		p50Ms: Math.round(percentile(latencies, 50)),
		p99Ms: Math.round(percentile(latencies, 99)),
		maxMs: Math.round(latencies.at(-1) ?? 0),
		/** COMMIT returned to the broker's store timestamp: MariaDB, obsync and the broker, without the consumer. */
		storedP50Ms: Math.round(percentile(stored, 50)),
		storedP99Ms: Math.round(percentile(stored, 99)),
	};
}

async function benchTransport(admin: mysql.Connection, transport: Transport, run: string, ids: {next: number}) {
	const {destination, backlog, rates} = transports[transport];
	const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
	importProject(home, {
		name: `bench-${transport}`,
		source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
		destination,
		objects: [{database: 'obsync_test', table: 'bench_e2e', topic}],
	});
	// OBSYNC_BENCH_PROFILE=DIR: obsync writes a CPU profile (node --cpu-prof) there when it exits.
	const profile = process.env.OBSYNC_BENCH_PROFILE;
	const node = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile, transport)}`] : [];
	// OBSYNC_BENCH_LOG=DIR: obsync logs at debug level (each checkpoint save with its duration) to DIR/<transport>.log.
	const logs = process.env.OBSYNC_BENCH_LOG;
	const logging = logs ? ['--log-level', 'debug', '--log-file', path.resolve(logs, `${transport}.log`)] : [];
	if (logs) mkdirSync(path.resolve(logs), {recursive: true});
	const runner = new RunningObsync(home, [`bench-${transport}`, '--status-interval', '1', ...logging], {node});
	try {
		await runner.waitFor((line) => line.type === 'started');
		const throughput = await sustained(admin, runner, backlog, `${run}-s`, ids);
		log(
			`e2e ${transport} sustained: ${backlog.toLocaleString('en')} row changes committed at ${throughput.writeRate}/s, all acked after ${throughput.seconds} s: ${throughput.rowChangesPerSecond.toLocaleString('en')} row changes/s`,
		);
		const latencies = [];
		for (const rate of rates) {
			const latency = await latencyAt(admin, rate, `${run}-${transport}`, ids);
			log(
				`e2e ${transport} latency at ${latency.rate} rows/s for ${LATENCY_SECONDS} s: ${latency.received}/${latency.sent} received, commit to consumer p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms; commit to stored p50 ${latency.storedP50Ms} ms, p99 ${latency.storedP99Ms} ms`,
			);
			latencies.push(latency);
		}
		return {transport, sustained: throughput, latencies};
	} finally {
		runner.kill('SIGTERM');
		await runner.exited;
	}
}

export async function benchE2e(): Promise<void> {
	const run = `e2e${Date.now()}`;
	const admin = await connectAdmin();
	try {
		await admin.query('DROP TABLE IF EXISTS bench_e2e');
		await admin.query('CREATE TABLE bench_e2e (id INT PRIMARY KEY, v INT NOT NULL, run VARCHAR(40) NOT NULL, pad VARCHAR(100))');
		const ids = {next: 0};
		const remoting = await benchTransport(admin, 'remoting', run, ids);
		const grpc = await benchTransport(admin, 'grpc', run, ids);
		const ratio = remoting.sustained.rowChangesPerSecond / grpc.sustained.rowChangesPerSecond;
		log(`e2e sustained, remoting / gRPC: ${ratio.toFixed(2)}x`);
		const results = {
			date: new Date().toISOString(),
			machine: 'the build machine (2 cores, 24 GiB), MariaDB and RocketMQ on the same host',
			transport: 'remoting',
			consumer: 'Java orderly consumer over remoting (test/java/OrderlyConsumer.java), for both transports',
			sustained: {transport: 'remoting', ...remoting.sustained},
			latency: {transport: 'remoting', ...remoting.latencies[0]!},
			latency5000: {transport: 'remoting', ...remoting.latencies[1]!},
			grpc: {sustained: grpc.sustained, latency: grpc.latencies[0], latencyHalfRate: grpc.latencies[1]},
			ratios: {sustainedRemotingOverGrpc: Number(ratio.toFixed(2))},
		};
		const directory = path.join(projectRoot, 'bench-results');
		mkdirSync(directory, {recursive: true});
		writeFileSync(path.join(directory, 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
		log('written to bench-results/e2e.json');
	} finally {
		await admin.end();
	}
}
