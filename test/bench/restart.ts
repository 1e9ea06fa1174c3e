/**
 * `npm run bench -- restart`: how fast `obsync run NAME --resume` is back at work, through the built CLI as an
 * operator runs it (one table of obsync_test on the 8-queue FIFO topic obsync_test_fifo).
 * Each restart inserts one row just before the spawn, then times, from the spawn:
 * - `started`: the JSON line the engine prints once the checkpoint is loaded and the start position, the start checks
 *   (live schema, topics) and the RocketMQ producer (routes, heartbeat) are ready; the binlog connection opens after it;
 * - `acked`: the first status line whose acked count is 1, i.e. the row read from the binlog and stored by the
 *   broker (status lines every STATUS_SECONDS, so this is late by half of that on average).
 * Ten restarts after SIGTERM (drained, checkpoint saved), ten after SIGKILL (the lock and the replication connection
 * of a dead process left behind), on the remoting transport; then ten after SIGTERM on the gRPC transport, and the
 * time to spawn `node -e 0` and see it exit, as references measured in the same invocation. Results go to stdout
 * and bench-results/restart.json.
 */

import {spawn} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const RESTARTS = 10;
const TOPIC = 'obsync_test_fifo';
const TABLE = 'bench_restart';
const STATUS_SECONDS = 0.02;
const log = (line: string) => process.stdout.write(`${line}\n`);

type Stop = 'SIGTERM' | 'SIGKILL';
type Sample = {startedMs: number; ackedMs: number};
type Summary = {restarts: number; startedMedianMs: number; startedMaxMs: number; ackedMedianMs: number; ackedMaxMs: number};

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => Math.round(value);

function summarize(samples: Sample[]): Summary {
	const started = samples.map((sample) => sample.startedMs);
	const acked = samples.map((sample) => sample.ackedMs);
	return {
		restarts: samples.length,
		startedMedianMs: ms(median(started)),
		startedMaxMs: ms(Math.max(...started)),
		ackedMedianMs: ms(median(acked)),
		ackedMaxMs: ms(Math.max(...acked)),
	};
}

/** Spawn to exit of `node -e 0` with the flags obsync runs with: node's own floor on this machine. */
async function bareNode(): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < RESTARTS; i++) {
		const begin = performance.now();
		await new Promise<void>((resolve, reject) => {
			const child = spawn(process.execPath, ['--max-semi-space-size=64', '-e', '0'], {stdio: 'ignore'});
			child.on('error', reject);
			child.on('exit', () => resolve());
		});
		times.push(performance.now() - begin);
	}
	return ms(median(times));
}

async function restarts(admin: mysql.Connection, destination: object, name: string, stop: Stop, ids: {next: number}): Promise<Sample[]> {
	const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
	importProject(home, {
		name,
		source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
		destination,
		objects: [{database: 'obsync_test', table: TABLE, topic: TOPIC}],
	});
	// A first run, from now, leaves the checkpoint that every restart resumes from.
	const first = new RunningObsync(home, [name]);
	await first.waitFor((line) => line.type === 'started');
	first.kill('SIGTERM');
	if ((await first.exited) !== 0) throw new Error(`the first run of ${name} failed: ${first.stderr}`);

	const samples: Sample[] = [];
	for (let i = 0; i < RESTARTS; i++) {
		await admin.query(`INSERT INTO ${TABLE} (id, v) VALUES (?, ?)`, [++ids.next, i]);
		const begin = performance.now();
		const runner = new RunningObsync(home, [name, '--resume', '--status-interval', String(STATUS_SECONDS)]);
		await runner.waitFor((line) => line.type === 'started');
		const startedMs = performance.now() - begin;
		await runner.waitFor((line) => line.type === 'status' && ((line.totals as {acked: number} | undefined)?.acked ?? 0) >= 1);
		const ackedMs = performance.now() - begin;
		samples.push({startedMs, ackedMs});
		runner.kill(stop);
		const code = await runner.exited;
		if (stop === 'SIGTERM' && code !== 0) throw new Error(`obsync run exited ${code} after SIGTERM: ${runner.stderr}`);
	}
	return samples;
}

function report(label: string, summary: Summary, nodeMs: number) {
	log(
		`restart ${label}: ${summary.restarts} restarts, spawn to started median ${summary.startedMedianMs} ms, max ${summary.startedMaxMs} ms ` +
			`(${(summary.startedMedianMs / nodeMs).toFixed(1)}x node -e 0); spawn to first row acked median ${summary.ackedMedianMs} ms, max ${summary.ackedMaxMs} ms`,
	);
}

export async function benchRestart(): Promise<void> {
	const admin = await connectAdmin();
	try {
		await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
		await admin.query(`CREATE TABLE ${TABLE} (id INT PRIMARY KEY, v INT NOT NULL)`);
		const ids = {next: 0};
		const nodeMs = await bareNode();
		log(`restart reference: spawn to exit of node -e 0, median of ${RESTARTS}: ${nodeMs} ms`);
		const remoting = {nameServer: rocketmqService.namesrv};
		const sigterm = summarize(await restarts(admin, remoting, 'bench-restart-term', 'SIGTERM', ids));
		report('remoting after SIGTERM', sigterm, nodeMs);
		const sigkill = summarize(await restarts(admin, remoting, 'bench-restart-kill', 'SIGKILL', ids));
		report('remoting after SIGKILL', sigkill, nodeMs);
		const grpc = summarize(await restarts(admin, {endpoints: rocketmqService.endpoints}, 'bench-restart-grpc', 'SIGTERM', ids));
		report('gRPC after SIGTERM', grpc, nodeMs);
		log(`restart, remoting / gRPC (spawn to started, medians): ${(sigterm.startedMedianMs / grpc.startedMedianMs).toFixed(2)}x`);
		const results = {
			date: new Date().toISOString(),
			machine: 'the build machine (2 cores, 24 GiB), MariaDB and RocketMQ on the same host',
			project: `one table of obsync_test on ${TOPIC}, obsync run NAME --resume --json --status-interval ${STATUS_SECONDS}`,
			ackedResolutionMs: STATUS_SECONDS * 1000,
			nodeMs,
			remoting: {sigterm, sigkill},
			grpc: {sigterm: grpc},
			ratios: {
				startedOverNode: Number((sigterm.startedMedianMs / nodeMs).toFixed(1)),
				remotingOverGrpc: Number((sigterm.startedMedianMs / grpc.startedMedianMs).toFixed(2)),
			},
		};
		const directory = path.join(projectRoot, 'bench-results');
		mkdirSync(directory, {recursive: true});
		writeFileSync(path.join(directory, 'restart.json'), `${JSON.stringify(results, null, 2)}\n`);
		log('written to bench-results/restart.json');
	} finally {
		await admin.end();
	}
}
