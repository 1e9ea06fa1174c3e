/**
 * Recovery from the other side: the same kind of workload while MariaDB restarts and then the RocketMQ broker and
 * proxy restart, under one `obsync run` that keeps running. It reconnects to each with backoff, resumes from the
 * last acked position, and nothing is lost or reordered per key.
 */
import type mysql from 'mysql2/promise';
import {afterAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {expectAllInOrder, readBack, waitCheckpointAt} from '../helpers/delivery.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmq4Service, rocketmqService} from '../helpers/services.js';
import {Workload} from '../helpers/workload.js';
import * as mariadb from '../services/mariadb.mjs';
import * as rocketmq from '../services/rocketmq.mjs';
import * as rocketmq4 from '../services/rocketmq4.mjs';

const TOPIC = 'obsync_test_fifo_b';
const PHASE = 5_000;

let admin: mysql.Connection | undefined;
afterAll(async () => {
	await admin?.end();
});

async function write(workload: Workload, connection: mysql.Connection, changes: number): Promise<void> {
	const target = workload.expected.length + changes;
	while (workload.expected.length < target) await workload.transaction(connection);
}

/**
 * The remoting transport against 5.3 goes through both restarts; the gRPC transport and RocketMQ 4.9.7 (remoting,
 * read back by a Java orderly consumer) through the broker's.
 */
const cases = [
	{name: 'remoting, RocketMQ 5.3', destination: {nameServer: rocketmqService.namesrv}, mariadb: true, broker: rocketmq, java: undefined},
	{name: 'grpc, RocketMQ 5.3', destination: {endpoints: rocketmqService.endpoints}, mariadb: false, broker: rocketmq, java: undefined},
	{
		name: 'remoting, RocketMQ 4.9.7',
		destination: {nameServer: rocketmq4Service.namesrv},
		mariadb: false,
		broker: rocketmq4,
		java: rocketmq4Service.namesrv,
	},
];

describe.each(cases)('obsync run across service restarts ($name)', ({name, destination, broker, java, ...restart}) => {
	it(`survives ${restart.mariadb ? 'a MariaDB restart and ' : ''}a RocketMQ broker restart mid-run with nothing lost`, async () => {
		const run = `rs${Date.now()}`;
		const startedAt = Date.now();
		const workload = new Workload(['rs_a', 'rs_b'], run, Date.now() % 100_000);
		admin = await connectAdmin();
		await workload.createTables(admin);
		const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
		importProject(home, {
			name: 'restarts',
			source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
			destination,
			objects: workload.tables.map((table) => ({database: 'obsync_test', table, topic: TOPIC})),
		});
		const runner = new RunningObsync(home, ['restarts', '--status-interval', '1']);
		await runner.waitFor((line) => line.type === 'started');

		// MariaDB restarts while obsync is still sending what was written before.
		await write(workload, admin, PHASE);
		if (restart.mariadb) {
			await admin.end();
			await mariadb.restart();
			admin = await connectAdmin();
			await runner.waitFor((line) => line.type === 'reconnect');
		}
		await write(workload, admin, PHASE);

		// The broker (and the 5.x proxy) restart while messages are in flight: sends fail and are retried until it is back.
		await broker.restartBroker();
		await write(workload, admin, PHASE);

		await waitCheckpointAt(runner, await masterStatus(admin));
		const retries = runner.lines.filter((line) => line.type === 'retry').length;
		const reconnects = runner.lines.filter((line) => line.type === 'reconnect').length;
		runner.kill('SIGTERM');
		expect(await runner.exited).toBe(0);
		console.log(`restarts (${name}): ${workload.expected.length} row changes; ${reconnects} source reconnect(s), ${retries} send retries`);
		if (restart.mariadb) expect(reconnects).toBeGreaterThan(0);

		const received = await readBack(TOPIC, run, workload.expected.length, java ? {namesrv: java, since: startedAt - 5000} : undefined);
		expectAllInOrder(received, workload.expected);
	}, 600_000);
});
