/**
 * `obsync run` refuses, at start, a project that cannot run: before reading anything it exits 3 with the reason and
 * the fix on stderr, and writes no checkpoint (so a later `--resume` does not start from a run that never ran).
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type CliHome, cliHome, importProject, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';

const ns = rocketmqService.namesrv;

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('DROP TABLE IF EXISTS runpf_orders, runpf_nokey');
	await admin.query('CREATE TABLE runpf_orders (id INT PRIMARY KEY, status VARCHAR(10), amount INT)');
	await admin.query('CREATE TABLE runpf_nokey (v INT)');
	await admin.end();
});

const orders = {database: 'obsync_test', table: 'runpf_orders', topic: 'obsync_test_fifo'};

/** Runs `obsync run NAME` (human output) on the project; kills it if it has not exited within 30 s. */
async function run(home: CliHome, name: string, objects: object[]) {
	importProject(home, {
		name,
		source: {flavor: 'mariadb', ...mariadbSource},
		destination: {endpoints: rocketmqService.endpoints, nameServer: ns},
		objects,
	});
	const runner = new RunningObsync(home, [name], {json: false});
	let timer: NodeJS.Timeout | undefined;
	const code = await Promise.race([
		runner.exited,
		new Promise<'still running'>((resolve) => {
			timer = setTimeout(() => resolve('still running'), 30_000);
		}),
	]);
	clearTimeout(timer);
	if (code === 'still running') {
		runner.kill('SIGKILL');
		await runner.exited;
	}
	return {code, stderr: runner.stderr, checkpoint: path.join(home.directory, 'checkpoints', `${name}.json`)};
}

describe('obsync run refuses at start a project that cannot run', () => {
	it('exits 3 for a table mapped to a NORMAL topic, saying so and how to fix it, and writes no checkpoint', async () => {
		const {code, stderr, checkpoint} = await run(cliHome(), 'runpf-normal', [{...orders, topic: 'obsync_test_normal'}]);

		expect(code).toBe(3);
		expect(stderr).toContain(
			'obsync run: project runpf-normal cannot start: topic obsync_test_normal (mapped from obsync_test.runpf_orders) is NORMAL, not FIFO\n' +
				`  hint: per-key order needs FIFO topics: mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_normal -a +message.type=FIFO, or map the tables to FIFO topics\n`,
		);
		expect(existsSync(checkpoint)).toBe(false);
	});

	it('exits 3 for a table without a key and no sharding columns, saying so and how to fix it, and writes no checkpoint', async () => {
		const {code, stderr, checkpoint} = await run(cliHome(), 'runpf-keyless', [
			{database: 'obsync_test', table: 'runpf_nokey', topic: 'obsync_test_fifo'},
		]);

		expect(code).toBe(3);
		expect(stderr).toContain(
			'obsync run: project runpf-keyless cannot start: `obsync_test`.`runpf_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key\n' +
				'  hint: choose sharding columns for it in the object settings (rows with equal values in them keep their order)\n',
		);
		expect(existsSync(checkpoint)).toBe(false);
	});

	it('exits 3 for a row filter that does not compile, saying so and how to fix it, and writes no checkpoint', async () => {
		const {code, stderr, checkpoint} = await run(cliHome(), 'runpf-filter', [{...orders, where: "nope = 1 AND status = 'paid'"}]);

		expect(code).toBe(3);
		expect(stderr).toContain(
			'obsync run: project runpf-filter cannot start: the row filter of obsync_test.runpf_orders names column(s) the table does not have: nope\n' +
				'  hint: the columns are: id, status, amount\n',
		);
		expect(existsSync(checkpoint)).toBe(false);
	});

	it('exits 3 listing every problem when a project has several', async () => {
		const {code, stderr, checkpoint} = await run(cliHome(), 'runpf-several', [
			{...orders, topic: 'obsync_test_normal', where: 'nope = 1'},
			{database: 'obsync_test', table: 'runpf_nokey', topic: 'obsync_test_fifo'},
		]);

		expect(code).toBe(3);
		expect(stderr).toContain(
			[
				'obsync run: project runpf-several cannot start, 3 problems:',
				'  1. the row filter of obsync_test.runpf_orders names column(s) the table does not have: nope',
				'  2. `obsync_test`.`runpf_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key',
				'  3. topic obsync_test_normal (mapped from obsync_test.runpf_orders) is NORMAL, not FIFO',
				'  hint: 1. the columns are: id, status, amount',
				'        2. choose sharding columns for it in the object settings (rows with equal values in them keep their order)',
				`        3. per-key order needs FIFO topics: mqadmin updateTopic -n ${ns} -c CLUSTER -t obsync_test_normal -a +message.type=FIFO, or map the tables to FIFO topics`,
				'',
			].join('\n'),
		);
		expect(existsSync(checkpoint)).toBe(false);
	});
});
