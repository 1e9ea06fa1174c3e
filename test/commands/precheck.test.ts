import {beforeAll, describe, expect, it} from 'vitest';
import {cliHome, importProject, obsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';

const base = {
	source: {flavor: 'mariadb', ...mariadbSource},
	destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
};

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('CREATE TABLE IF NOT EXISTS pc_good (id INT PRIMARY KEY, status VARCHAR(10), amount INT)');
	await admin.query('CREATE TABLE IF NOT EXISTS pc_nokey (v INT)');
	await admin.query('CREATE TABLE IF NOT EXISTS `pc_名字` (id INT PRIMARY KEY)');
	await admin.query('CREATE OR REPLACE VIEW pc_view AS SELECT id FROM pc_good');
	await admin.end();
});

type Check = {type: string; id: string; status: string; detail: string; hint?: string};

function precheck(project: object) {
	const home = cliHome();
	importProject(home, project);
	const result = obsync(home, ['precheck', (project as {name: string}).name, '--json']);
	const lines = result.stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Check);
	return {code: result.code, checks: new Map(lines.filter((l) => l.type === 'check').map((l) => [l.id, l])), summary: lines.at(-1)!};
}

describe('obsync precheck', () => {
	it('passes a sound project, saying what it found', () => {
		const {code, checks, summary} = precheck({
			...base,
			name: 'good',
			objects: [
				{database: 'obsync_test', table: 'pc_good', topic: 'obsync_test_fifo', where: "status = 'paid'", columns: ['id', 'status']},
			],
		});
		expect(code).toBe(0);
		expect(summary).toMatchObject({type: 'summary', passed: true, counts: {fail: 0}});
		expect(checks.get('source-version')).toMatchObject({status: 'pass', detail: expect.stringMatching(/^mariadb 1\d\.\d+/)});
		expect(checks.get('binlog-endpoint')).toMatchObject({status: 'pass', detail: expect.stringMatching(/is at mariadb-bin\.\d+:\d+/)});
		expect(checks.get('binlog-settings')).toMatchObject({status: 'pass', detail: 'ROW, FULL'});
		expect(checks.get('privileges')?.status).toBe('pass');
		expect(checks.get('object:obsync_test.pc_good')).toMatchObject({
			status: 'pass',
			detail: 'key id; topic obsync_test_fifo; filter valid; 2 of 3 columns',
		});
		expect(checks.get('destination-connect')?.status).toBe('pass');
		expect(checks.get('topics-fifo')).toMatchObject({status: 'pass', detail: 'obsync_test_fifo: FIFO, 8 queues'});
		expect(checks.get('store')?.status).toBe('pass');
	});

	it('fails each bad object and topic with the reason and the fix', () => {
		const {code, checks, summary} = precheck({
			...base,
			name: 'bad',
			objects: [
				{database: 'obsync_test', table: 'pc_missing', topic: 'obsync_test_fifo'},
				{database: 'obsync_test', table: 'pc_nokey', topic: 'obsync_test_fifo'},
				{database: 'obsync_test', table: 'pc_view', topic: 'obsync_test_fifo'},
				{database: 'obsync_test', table: 'pc_名字', topic: 'obsync_test_fifo'},
				{database: 'obsync_test', table: 'pc_good', topic: 'obsync_test_normal', where: 'nope = 1'},
			],
			options: {startTimestamp: 1_000_000_000},
		});
		expect(code).toBe(1);
		expect(summary).toMatchObject({passed: false});
		expect(checks.get('object:obsync_test.pc_missing')).toMatchObject({status: 'fail', detail: expect.stringContaining('does not exist')});
		expect(checks.get('object:obsync_test.pc_nokey')).toMatchObject({
			status: 'fail',
			hint: expect.stringContaining('choose sharding columns'),
		});
		expect(checks.get('object:obsync_test.pc_view')).toMatchObject({
			status: 'fail',
			detail: expect.stringContaining('is a view, not a physical table'),
		});
		expect(checks.get('object:obsync_test.pc_名字')).toMatchObject({status: 'fail', detail: 'names with Chinese characters: pc_名字'});
		expect(checks.get('object:obsync_test.pc_good')).toMatchObject({
			status: 'fail',
			detail: expect.stringContaining('names column(s) the table does not have: nope'),
		});
		expect(checks.get('topics-fifo')).toMatchObject({status: 'fail', detail: 'not FIFO: obsync_test_normal (NORMAL)'});
		expect(checks.get('start')).toMatchObject({
			status: 'fail',
			detail: expect.stringContaining('before the oldest binlog the server keeps'),
		});
	});

	it('skips what depends on a source it cannot reach, and never prints the password', () => {
		const home = cliHome();
		const secret = 'Wrong-pw-42';
		importProject(home, {
			...base,
			source: {...base.source, password: secret},
			destination: {endpoints: '127.0.0.1:1', nameServer: '127.0.0.1:1'},
			name: 'unreachable',
			objects: [{database: 'obsync_test', table: 'pc_good', topic: 'obsync_test_fifo'}],
		});
		const result = obsync(home, ['precheck', 'unreachable']);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/FAIL {2}Source connectivity: Access denied for user 'obsync'/);
		expect(result.stdout).toContain('skip  Binlog endpoint answers SHOW MASTER STATUS: the source is not reachable');
		expect(result.stdout).toMatch(
			/FAIL {2}Destination connectivity and topics: could not connect to the RocketMQ name server at 127\.0\.0\.1:1/,
		);
		expect(result.stdout).toContain('precheck FAILED');
		expect(result.stdout + result.stderr).not.toContain(secret);
	});
});
