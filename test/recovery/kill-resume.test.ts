/**
 * Recovery, as the issue asks it to be shown: `obsync run` is killed with SIGKILL at random points, five times, while
 * a mixed workload of more than 100,000 row changes runs, and restarted with --resume each time. Afterwards every
 * row change is in RocketMQ, each key's changes arrive in commit order, and the only duplicates are messages sent
 * again from the checkpoint of a kill, each with its original event id and body.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {atOrAfter, copiesByEvent, expectAllInOrder, IN_FLIGHT_WINDOW, positionOf, readBack, waitCheckpointAt} from '../helpers/delivery.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';
import {Workload} from '../helpers/workload.js';

const TOPIC = 'obsync_test_fifo_b';
/**
 * The issue asks for 100,000+ over the default (remoting) transport; the gRPC transport, ten times slower, is shown
 * with 20,000. OBSYNC_RECOVERY_CHANGES makes a quicker run while developing.
 */
const transports = [
	{transport: 'remoting', changes: 100_000, big: 20_000, destination: {nameServer: rocketmqService.namesrv}},
	{transport: 'grpc', changes: 20_000, big: 5_000, destination: {endpoints: rocketmqService.endpoints}},
] as const;
const KILLS = 5;

let admin: mysql.Connection;
beforeAll(async () => {
	admin = await connectAdmin();
});
afterAll(async () => {
	await admin?.end();
});

describe.each(transports)('obsync run under SIGKILL, $transport transport', ({transport, changes, big, destination}) => {
	const TARGET_CHANGES = Number(process.env.OBSYNC_RECOVERY_CHANGES ?? changes);
	it('loses nothing, keeps per-key order, and duplicates only what a kill left unconfirmed', async () => {
		const run = `kr${Date.now()}`;
		const workload = new Workload(['kr_a', 'kr_b'], run, Date.now() % 100_000);
		await workload.createTables(admin);
		const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
		importProject(home, {
			name: `recovery-${transport}`,
			source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
			destination,
			objects: workload.tables.map((table) => ({database: 'obsync_test', table, topic: TOPIC})),
		});
		const checkpointFile = path.join(home.directory, 'checkpoints', `recovery-${transport}.json`);

		let runner = new RunningObsync(home, [`recovery-${transport}`, '--status-interval', '1']);
		await runner.waitFor((line) => line.type === 'started');

		// The workload runs on its own while obsync is killed and resumed under it; every quarter of it, one
		// transaction of `big` rows, which kills land inside of.
		let writing = true;
		const writer = (async () => {
			let nextBig = 0;
			while (workload.expected.length < TARGET_CHANGES) {
				if (workload.expected.length >= nextBig) {
					await workload.bigTransaction(admin, big);
					nextBig += TARGET_CHANGES / 4;
				} else await workload.transaction(admin);
			}
			writing = false;
		})();

		const kills: Array<{
			at: number;
			checkpoint: {file: string; position: number; transaction?: {id: string; rows: number}};
			duplicates: number;
		}> = [];
		for (let kill = 0; kill < KILLS; kill++) {
			// A random point 1-4 s after this run started reading (the workload keeps writing meanwhile).
			await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 3000));
			runner.kill('SIGKILL');
			expect(await runner.exited).toBeNull(); // killed by the signal
			kills.push({at: Date.now(), checkpoint: JSON.parse(readFileSync(checkpointFile, 'utf8')), duplicates: 0});
			runner = new RunningObsync(home, [`recovery-${transport}`, '--resume', '--status-interval', '1']);
			await runner.waitFor((line) => line.type === 'started');
		}
		await writer;
		expect(writing).toBe(false);

		// Caught up: everything up to the server's position is acked and checkpointed.
		const end = await masterStatus(admin);
		await waitCheckpointAt(runner, end);
		runner.kill('SIGTERM');
		expect(await runner.exited).toBe(0);

		const received = await readBack(TOPIC, run, workload.expected.length);
		expectAllInOrder(received, workload.expected);

		// Duplicates: a second copy of an event id is the same change with the same body (checked by copiesByEvent).
		// Each was sent again because the run that sent the copy before it was killed before a saved checkpoint
		// covered it: that copy was sent before the kill, the next one after, and it lies at or after the checkpoint
		// the killed run left.
		const {copies, redelivered} = copiesByEvent(received);
		let duplicates = 0;
		for (const list of copies.values()) {
			// A change is sent again at most once: the run after a kill checkpoints it before it can be killed again.
			expect(list.length, `${list[0]!.eventId} sent ${list.length} times`).toBeLessThanOrEqual(2);
			for (let i = 1; i < list.length; i++) {
				duplicates++;
				const kill = kills.find((k) => list[i - 1]!.born <= k.at);
				expect(kill, `a copy of ${list[i]!.eventId} was sent again without a kill`).toBeDefined();
				expect(list[i]!.born, 'sent again after the kill').toBeGreaterThan(kill!.at);
				expect(atOrAfter(positionOf(list[i]!.position), kill!.checkpoint), 'a duplicate of a change the checkpoint covered').toBe(true);
				kill!.duplicates++;
			}
		}
		console.log(
			`recovery (${transport}): ${workload.expected.length} row changes (transactions of ${big} rows among them), ` +
				`${received.length} messages received, ${redelivered} redelivered to the consumer, ${duplicates} duplicates; ` +
				`per kill: ${kills.map((k, i) => `#${i + 1} ${k.duplicates}${k.checkpoint.transaction ? ` (inside a transaction, ${k.checkpoint.transaction.rows} rows acked)` : ''}`).join(', ')}`,
		);
		// Replays are bounded by the in-flight window, inside big transactions too (checkpoints inside them).
		for (const kill of kills) expect(kill.duplicates).toBeLessThanOrEqual(IN_FLIGHT_WINDOW);
	}, 900_000);
});
