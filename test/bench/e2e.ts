/**
 * `npm run bench -- e2e`: the whole path, MariaDB commit to RocketMQ ack, through the built `obsync run`.
 * 1. Sustained throughput: a backlog of row changes written as fast as MariaDB takes them, and the time until obsync
 *    has every one acked and checkpointed (row changes/s from the first commit to the last ack).
 * 2. Latency at a fixed 2,000 rows/s for 30 s, then at 1,000 rows/s: commit (when COMMIT returned to the writer) to a
 *    consumer receiving the message, p50/p99.
 * Results go to stdout and to bench-results/e2e.json.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {SimpleConsumer} from 'rocketmq-client-nodejs';
import {startClient} from '../../source/engine/sink/start-client.js';
import {masterStatus} from '../helpers/binlog.js';
import {waitCheckpointAt} from '../helpers/delivery.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, quietRocketmqLogger, rocketmqService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const topic = 'obsync_bench_fifo';
const log = (line: string) => process.stdout.write(`${line}\n`);
const BACKLOG = 60_000;
const RATE = 2_000;
const LATENCY_SECONDS = 30;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchE2e(): Promise<void> {
	const run = `e2e${Date.now()}`;
	const admin = await connectAdmin();
	await admin.query('DROP TABLE IF EXISTS bench_e2e');
	await admin.query('CREATE TABLE bench_e2e (id INT PRIMARY KEY, v INT NOT NULL, run VARCHAR(40) NOT NULL, pad VARCHAR(100))');
	const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
	importProject(home, {
		name: 'bench',
		source: {flavor: 'mariadb', ...mariadbService, password: '\u0024{OBSYNC_TEST_PW}'},
		destination: {endpoints: rocketmqService.endpoints},
		objects: [{database: 'obsync_test', table: 'bench_e2e', topic}],
	});
	const runner = new RunningObsync(home, ['bench', '--status-interval', '1']);
	await runner.waitFor((line) => line.type === 'started');
	const consumer = await startClient(
		() =>
			new SimpleConsumer({
				endpoints: rocketmqService.endpoints,
				namespace: '',
				consumerGroup: 'obsync_bench_group',
				subscriptions: new Map([[topic, '*']]),
				awaitDuration: 3000,
				logger: quietRocketmqLogger,
			}),
	);
	try {
		// 1. Sustained: 600 transactions of 100 rows (inserts, then updates of the same rows), then wait for the acks.
		let id = 0;
		const started = performance.now();
		while (id < BACKLOG / 2) {
			const ids = Array.from({length: 100}, () => ++id);
			await admin.query('INSERT INTO bench_e2e (id, v, run, pad) VALUES ?', [ids.map((i) => [i, 0, run, 'p'.repeat(60)])]);
		}
		for (let first = 1; first <= id; first += 100)
			await admin.query('UPDATE bench_e2e SET v = v + 1 WHERE id BETWEEN ? AND ?', [first, first + 99]);
		const written = performance.now();
		await waitCheckpointAt(runner, await masterStatus(admin));
		const acked = performance.now();
		const sustained = BACKLOG / ((acked - started) / 1000);
		const writeRate = BACKLOG / ((written - started) / 1000);
		log(
			`e2e sustained: ${BACKLOG} row changes committed at ${Math.round(writeRate)}/s, all acked after ${((acked - started) / 1000).toFixed(1)} s: ${Math.round(sustained)} row changes/s`,
		);

		// Drain what the consumer group has waiting (this bench's backlog and leftovers) before timing latency.
		for (let empty = 0; empty < 3; ) {
			const batch = await consumer.receive(32, 20_000);
			await Promise.all(batch.map((m) => consumer.ack(m)));
			empty = batch.length === 0 ? empty + 1 : 0;
		}

		// 2. Latency at a fixed rate (rows every 50 ms): the 2,000 rows/s, and 1,000 rows/s for comparison.
		const latencyAt = async (rate: number) => {
			const committedAt = new Map<number, number>();
			const latencies: number[] = [];
			let receiving = true;
			const receiver = (async () => {
				while (receiving || latencies.length < committedAt.size) {
					const batch = await consumer.receive(32, 20_000);
					const now = performance.now();
					for (const message of batch) {
						const body = message.body.toString('utf8');
						const match = /"postStruct":\{"id":(\d+),"v":\d+,"run":"([^"]+)"/.exec(body);
						if (match && match[2] === run) {
							const at = committedAt.get(Number(match[1]));
							if (at !== undefined) latencies.push(now - at);
						}
					}
					await Promise.all(batch.map((m) => consumer.ack(m)));
					if (!receiving && batch.length === 0) break;
				}
			})();
			const perTick = rate / 20;
			const begin = performance.now();
			for (let tick = 0; tick < LATENCY_SECONDS * 20; tick++) {
				const due = begin + tick * 50;
				const wait = due - performance.now();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
				const ids = Array.from({length: perTick}, () => ++id);
				await admin.query('INSERT INTO bench_e2e (id, v, run, pad) VALUES ?', [ids.map((i) => [i, 0, run, 'p'.repeat(60)])]);
				const now = performance.now();
				for (const i of ids) committedAt.set(i, now);
			}
			const achievedRate = committedAt.size / ((performance.now() - begin) / 1000);
			const deadline = Date.now() + 60_000;
			while (latencies.length < committedAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
			receiving = false;
			await receiver;
			latencies.sort((a, b) => a - b);
			const p50 = percentile(latencies, 50);
			const p99 = percentile(latencies, 99);
			log(
				`e2e latency at ${Math.round(achievedRate)} rows/s for ${LATENCY_SECONDS} s: ${latencies.length}/${committedAt.size} received, ` +
					`commit to consumer p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`,
			);
			return {
				rate: Math.round(achievedRate),
				seconds: LATENCY_SECONDS,
				received: latencies.length,
				sent: committedAt.size,
				p50Ms: Math.round(p50),
				p99Ms: Math.round(p99),
			};
		};
		const latency = await latencyAt(RATE);
		const latencyHalfRate = await latencyAt(RATE / 2);
		const results = {
			date: new Date().toISOString(),
			machine: 'the build machine (2 cores, 24 GiB), MariaDB and RocketMQ on the same host',
			sustained: {
				rowChanges: BACKLOG,
				writeRate: Math.round(writeRate),
				seconds: (acked - started) / 1000,
				rowChangesPerSecond: Math.round(sustained),
			},
			latency,
			latencyHalfRate,
		};
		const directory = path.join(projectRoot, 'bench-results');
		mkdirSync(directory, {recursive: true});
		writeFileSync(path.join(directory, 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
		log(`written to bench-results/e2e.json`);
	} finally {
		runner.kill('SIGTERM');
		await runner.exited;
		await consumer.shutdown();
		await admin.end();
	}
}
