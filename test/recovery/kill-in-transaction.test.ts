/**
 * A kill in the middle of one 100,000-row transaction: the checkpoint names the transaction and how many of its
 * rows are acked, so the resumed run sends only the rest, and what it sends again is bounded by the in-flight
 * window, not by the size of the transaction.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {copiesByEvent, expectAllInOrder, IN_FLIGHT_WINDOW, readBack, waitCheckpointAt} from '../helpers/delivery.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';
import {Workload} from '../helpers/workload.js';

const TOPIC = 'obsync_test_fifo_b';
const ROWS = 100_000;

let admin: mysql.Connection;
beforeAll(async () => {
	admin = await connectAdmin();
});
afterAll(async () => {
	await admin?.end();
});

describe('a kill inside a 100,000-row transaction', () => {
	it('resumes inside the transaction and sends again no more than the in-flight window', async () => {
		const run = `kt${Date.now()}`;
		const workload = new Workload(['kt_a'], run, 7);
		await workload.createTables(admin);
		const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
		importProject(home, {
			name: 'kill-in-transaction',
			source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
			destination: {nameServer: rocketmqService.namesrv},
			objects: [{database: 'obsync_test', table: 'kt_a', topic: TOPIC}],
		});
		const checkpointFile = path.join(home.directory, 'checkpoints', 'kill-in-transaction.json');
		let runner = new RunningObsync(home, ['kill-in-transaction', '--status-interval', '0.2']);
		await runner.waitFor((line) => line.type === 'started');

		await workload.bigTransaction(admin, ROWS);
		// Killed once a fifth to four fifths of the transaction is acked.
		const acked = (line: {type: string; [key: string]: unknown}) => (line.totals as {acked?: number} | undefined)?.acked ?? 0;
		const threshold = ROWS * (0.2 + Math.random() * 0.6);
		await runner.waitFor((line) => line.type === 'status' && acked(line) >= threshold, 120_000);
		runner.kill('SIGKILL');
		expect(await runner.exited).toBeNull();
		const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as {transaction?: {id: string; rows: number}};
		expect(checkpoint.transaction?.rows).toBeGreaterThan(0);
		expect(checkpoint.transaction?.rows).toBeLessThan(ROWS);

		runner = new RunningObsync(home, ['kill-in-transaction', '--resume', '--status-interval', '1']);
		await runner.waitFor((line) => line.type === 'started');
		await waitCheckpointAt(runner, await masterStatus(admin));
		runner.kill('SIGTERM');
		expect(await runner.exited).toBe(0);

		const received = await readBack(TOPIC, run, ROWS);
		expectAllInOrder(received, workload.expected);
		const {copies, redelivered} = copiesByEvent(received);
		let duplicates = 0;
		for (const list of copies.values()) {
			expect(list.length).toBeLessThanOrEqual(2);
			duplicates += list.length - 1;
		}
		console.log(
			`kill inside a ${ROWS}-row transaction at ${Math.round(threshold)} acked: checkpoint had ${checkpoint.transaction?.rows} rows acked; ` +
				`${received.length} messages received, ${redelivered} redelivered to the consumer, ${duplicates} sent again`,
		);
		expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_WINDOW);
	}, 600_000);
});
