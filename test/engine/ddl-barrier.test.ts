/**
 * A table's DDL is a barrier for that table, live: 20 times, an ADD COLUMN between two bursts of updates on 64 keys
 * (each burst three transactions), through the built `obsync run` with DDL on, read back by the Java orderly consumer.
 * In the DDL's queue no row committed before the DDL is stored after it and none committed after it before it; across
 * all queues, the broker stored every earlier row no later than the DDL, and every later row no earlier.
 */
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {waitCheckpointAt} from '../helpers/delivery.js';
import {type ConsumedMessage, consumeOrderly} from '../helpers/java-tools.js';
import {cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';

const TOPIC = 'obsync_test_fifo';
const KEYS = 64;
const ROUNDS = 20;
const TRANSACTIONS_PER_BURST = 3;

let admin: mysql.Connection;
beforeAll(async () => {
	admin = await connectAdmin();
});
afterAll(async () => {
	await admin?.end();
});

type Read = {message: ConsumedMessage; op: string; era: number; ddlRound?: number};

/**
 * Which DDLs a message comes after: a row of phase `r<N>a` is committed after DDL N-1 and before DDL N (era N), one of
 * `r<N>b` after DDL N (era N+1); the inserts before any (era 0). DDL N is at the boundary of era N and N+1.
 */
function read(message: ConsumedMessage): Read {
	const op = message.properties.obsync_op!;
	const body = JSON.parse(message.body.toString()) as {
		postStruct: {phase?: string; ddl?: string} | null;
		prevStruct: {phase?: string} | null;
	};
	if (op === 'DDL') {
		const round = Number(/ADD COLUMN c(\d+)/.exec(body.postStruct?.ddl ?? '')?.[1]);
		return {message, op, era: round, ddlRound: round};
	}
	const phase = (body.postStruct ?? body.prevStruct)?.phase ?? 'init';
	const match = /^r(\d+)([ab])$/.exec(phase);
	const era = match ? Number(match[1]) + (match[2] === 'b' ? 1 : 0) : 0;
	return {message, op, era};
}

describe('a table’s DDL as a barrier', () => {
	it('stores no row of the table committed before an ADD COLUMN after it, and none committed after it before it, 20 times', async () => {
		const table = `ddl_barrier_${Date.now()}`;
		await admin.query(`CREATE TABLE obsync_test.${table} (id INT PRIMARY KEY, v INT NOT NULL, phase VARCHAR(20))`);
		const home = cliHome({OBSYNC_TEST_PW: mariadbService.password});
		importProject(home, {
			name: 'ddl-barrier',
			source: {flavor: 'mariadb', ...mariadbSource, password: '\u0024{OBSYNC_TEST_PW}'},
			destination: {nameServer: rocketmqService.namesrv},
			objects: [{database: 'obsync_test', table, topic: TOPIC}],
			options: {ddl: true},
		});
		const runner = new RunningObsync(home, ['ddl-barrier', '--status-interval', '1']);
		try {
			await runner.waitFor((line) => line.type === 'started');
			await admin.query(`INSERT INTO obsync_test.${table} (id, v, phase) VALUES ?`, [
				Array.from({length: KEYS}, (_, i) => [i + 1, 0, 'init']),
			]);
			const burst = async (phase: string) => {
				for (let t = 0; t < TRANSACTIONS_PER_BURST; t++) await admin.query(`UPDATE obsync_test.${table} SET v = v + 1, phase = ?`, [phase]);
			};
			for (let round = 0; round < ROUNDS; round++) {
				await burst(`r${round}a`);
				await admin.query(`ALTER TABLE obsync_test.${table} ADD COLUMN c${round} INT`);
				await burst(`r${round}b`);
			}
			await waitCheckpointAt(runner, await masterStatus(admin));
		} finally {
			runner.kill('SIGTERM');
		}
		expect(await runner.exited).toBe(0);

		const expected = KEYS + ROUNDS * 2 * TRANSACTIONS_PER_BURST * KEYS + ROUNDS;
		const messages = await consumeOrderly({
			namesrv: rocketmqService.namesrv,
			topic: TOPIC,
			group: `ddl_barrier_${Date.now()}`,
			count: expected,
			idleTimeoutMs: 30_000,
			filter: table,
		});
		expect(messages.length).toBeGreaterThanOrEqual(expected);
		const reads = messages.map(read);
		const ddls = reads.filter((r) => r.ddlRound !== undefined);
		expect(ddls.map((d) => d.ddlRound).sort((a, b) => a! - b!)).toEqual(Array.from({length: ROUNDS}, (_, i) => i));

		const queueOf = (r: Read) => `${r.message.brokerName}/${r.message.queueId}`;
		let checked = 0;
		for (const ddl of ddls) {
			const round = ddl.ddlRound!;
			// In the DDL's queue, by offset.
			for (const row of reads.filter((r) => r.op !== 'DDL' && queueOf(r) === queueOf(ddl))) {
				if (row.era <= round)
					expect(row.message.queueOffset, `round ${round}: an earlier row stored after the DDL`).toBeLessThan(ddl.message.queueOffset);
				else expect(row.message.queueOffset, `round ${round}: a later row stored before the DDL`).toBeGreaterThan(ddl.message.queueOffset);
				checked++;
			}
			// In every queue, by the broker's store time.
			for (const row of reads.filter((r) => r.op !== 'DDL')) {
				if (row.era <= round) expect(row.message.storeTimestamp).toBeLessThanOrEqual(ddl.message.storeTimestamp);
				else expect(row.message.storeTimestamp).toBeGreaterThanOrEqual(ddl.message.storeTimestamp);
			}
		}
		console.log(
			`ddl barrier: ${ROUNDS} ADD COLUMNs among ${messages.length} messages; ${checked} row/DDL pairs checked by offset in the DDLs' queues, ` +
				`${(messages.length - ROUNDS) * ROUNDS} by store time`,
		);
	}, 600_000);
});
