import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {cliHome, importProject, obsync, RunningObsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';

const literalPassword = mariadbService.password;

const project = (name: string, extra: Record<string, unknown> = {}) => ({
	name,
	tags: ['cli'],
	source: {flavor: 'mariadb', ...mariadbSource, password: literalPassword},
	destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
	objects: [{database: 'obsync_test', table: 'cli_orders', topic: 'obsync_test_fifo'}],
	...extra,
});

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('CREATE TABLE IF NOT EXISTS cli_orders (id INT PRIMARY KEY, v VARCHAR(20))');
	await admin.end();
});

describe('obsync project', () => {
	const home = cliHome();

	it('imports a valid project into a 0600 store and lists it', () => {
		const file = path.join(home.directory, 'p.json');
		writeFileSync(file, JSON.stringify(project('shop-sync')));
		const imported = obsync(home, ['project', 'import', file]);
		expect(imported.code).toBe(0);
		expect(imported.stdout).toContain('saved project shop-sync (1 table(s))');
		expect(statSync(path.join(home.directory, 'obsync.json')).mode & 0o777).toBe(0o600);
		expect(statSync(home.directory).mode & 0o777).toBe(0o700);
		const listed = obsync(home, ['project', 'list', '--json']);
		expect(JSON.parse(listed.stdout)).toEqual([{name: 'shop-sync', tags: ['cli'], tables: 1, format: 'Default', valid: true}]);
	});

	it('refuses an invalid file, naming every wrong field, and a second import without --replace', () => {
		const file = path.join(home.directory, 'bad.json');
		writeFileSync(
			file,
			JSON.stringify({
				...project('bad name!'),
				objects: [{database: 'd', table: 't', topic: 'has.dot'}],
				options: {format: 'Avro', businessId: 'x'.repeat(21)},
			}),
		);
		const bad = obsync(home, ['project', 'import', file]);
		expect(bad.code).toBe(3);
		expect(bad.stderr).toContain('is not a valid obsync project');
		expect(bad.stderr).toContain('name: a project name may hold letters (Chinese included), digits, _ and - only');
		expect(bad.stderr).toContain('objects.0.topic: a topic name has 1-127 characters');
		expect(bad.stderr).toContain('options.format:');
		expect(bad.stderr).toContain('options.businessId: the business system identification has 1-20 characters');

		const again = path.join(home.directory, 'again.json');
		writeFileSync(again, JSON.stringify(project('shop-sync')));
		const duplicate = obsync(home, ['project', 'import', again]);
		expect(duplicate.code).toBe(3);
		expect(duplicate.stderr).toContain('add --replace to overwrite it');
		expect(obsync(home, ['project', 'import', again, '--replace']).code).toBe(0);
		expect(obsync(home, ['project', 'import', path.join(home.directory, 'missing.json')]).stderr).toContain('missing.json: no such file');
	});

	it('exports with secrets masked unless asked, and will not import a masked export', () => {
		const exported = obsync(home, ['project', 'export', 'shop-sync']);
		expect(exported.code).toBe(0);
		expect(exported.stdout).not.toContain(literalPassword);
		expect(JSON.parse(exported.stdout).source.password).toBe('******');
		const withSecrets = obsync(home, ['project', 'export', 'shop-sync', '--include-secrets']);
		expect(JSON.parse(withSecrets.stdout).source.password).toBe(literalPassword);

		const masked = path.join(home.directory, 'masked.json');
		writeFileSync(masked, exported.stdout);
		const refused = obsync(home, ['project', 'import', masked, '--replace']);
		expect(refused.code).toBe(3);
		expect(refused.stderr).toContain('holds masked secrets (source.password)');
		expect(obsync(home, ['project', 'show', 'nope']).stderr).toContain('the projects are: shop-sync');
	});

	it('removes a project but keeps its checkpoint file, so that one imported again under its name can resume', () => {
		const own = cliHome();
		importProject(own, project('to-remove'));
		const checkpoint = path.join(own.directory, 'checkpoints', 'to-remove.json');
		mkdirSync(path.dirname(checkpoint), {recursive: true});
		writeFileSync(checkpoint, '{"kept":true}');
		const removed = obsync(own, ['project', 'remove', 'to-remove']);
		expect(removed.code).toBe(0);
		expect(removed.stdout).toBe(`removed project to-remove (its checkpoint file, if any, is kept in ${checkpoint})\n`);
		expect(JSON.parse(obsync(own, ['project', 'list', '--json']).stdout)).toEqual([]);
		expect(readFileSync(checkpoint, 'utf8')).toBe('{"kept":true}');
		const again = obsync(own, ['project', 'remove', 'to-remove']);
		expect(again.code).toBe(3);
		expect(again.stderr).toContain('there is no project named "to-remove"');
	});
});

describe('obsync run', () => {
	it('fails clearly for an unknown project, a missing checkpoint and a bad flag', () => {
		const home = cliHome();
		importProject(home, project('one'));
		const unknown = obsync(home, ['run', 'two']);
		expect([unknown.code, unknown.stderr]).toEqual([3, expect.stringContaining('there is no project named "two"')]);
		const noCheckpoint = obsync(home, ['run', 'one', '--resume']);
		expect(noCheckpoint.code).toBe(3);
		expect(noCheckpoint.stderr).toContain('has no checkpoint to resume from');
		expect(noCheckpoint.stderr).toContain('hint: run it once without --resume');
		const badFlag = obsync(home, ['run', 'one', '--metrics-port', 'x']);
		expect([badFlag.code, badFlag.stderr]).toEqual([2, expect.stringContaining('--metrics-port takes a port number')]);
	});

	it('runs headless: JSON Lines, Prometheus metrics, one process per project, SIGTERM drains and exits 0, no password anywhere', async () => {
		const home = cliHome();
		importProject(home, project('headless'));
		const runner = new RunningObsync(home, ['headless', '--metrics-port', '0', '--status-interval', '1']);
		const metricsLine = await runner.waitFor((line) => line.type === 'metrics');
		await runner.waitFor((line) => line.type === 'state' && line.state === 'running');

		const second = obsync(home, ['run', 'headless']);
		expect(second.code).toBe(3);
		expect(second.stderr).toContain(`project headless is already running (pid ${runner.pid})`);

		const admin = await connectAdmin();
		const id = Date.now() % 1_000_000_000;
		await admin.query('INSERT INTO cli_orders VALUES (?, ?)', [id, 'hello']);
		await admin.query('DELETE FROM cli_orders WHERE id = ?', [id]);
		await admin.end();
		const status = await runner.waitFor(
			(line) => line.type === 'status' && (line.totals as {acked: number}).acked >= 2 && line.lagSeconds === 0,
			30_000,
		);
		expect(status).toMatchObject({
			project: 'headless',
			state: 'running',
			inFlight: 0,
			tables: {'obsync_test.cli_orders': {insert: 1, delete: 1}},
		});

		const metrics = await (await fetch(String(metricsLine.url))).text();
		expect(metrics).toContain('obsync_state{state="running"} 1');
		expect(metrics).toContain('obsync_row_changes_total{table="obsync_test.cli_orders",operation="insert"} 1');
		expect(metrics).toContain('obsync_messages_acked_total{topic="obsync_test_fifo"} 2');
		// Caught up a moment ago; other tests' writes to the same server (other tables) can make it 1 s since then:
		// binlog commit times have whole seconds.
		const lag = Number(/^obsync_lag_seconds (\S+)$/m.exec(metrics)?.[1]);
		expect(lag).toBeGreaterThanOrEqual(0);
		expect(lag).toBeLessThanOrEqual(2);

		runner.kill('SIGTERM');
		expect(await runner.exited).toBe(0);
		const last = runner.lines.at(-1)!;
		expect(last).toMatchObject({type: 'exit', state: 'stopped'});
		const checkpoint = JSON.parse(readFileSync(path.join(home.directory, 'checkpoints', 'headless.json'), 'utf8'));
		expect((last.snapshot as {checkpoint: unknown}).checkpoint).toEqual(checkpoint);

		const everything = `${JSON.stringify(runner.lines)}${runner.stderr}${readFileSync(path.join(home.directory, 'obsync.log'), 'utf8')}`;
		expect(everything).not.toContain(literalPassword);
	});

	it('prints human status lines without --json', async () => {
		const home = cliHome();
		importProject(home, project('human'));
		const result = obsync(home, ['run', 'human', '--resume']);
		expect(result.stderr).toContain('obsync run: project human has no checkpoint');
		const runner = new RunningObsync(home, ['human', '--status-interval', '1'], {json: false});
		const text = (line: {[key: string]: unknown}) => String(line.line);
		await runner.waitFor((line) => / state running$/.test(text(line)));
		const status = await runner.waitFor((line) => / running pos mariadb-bin\.\d+:\d+ lag /.test(text(line)));
		expect(text(status)).toMatch(
			/rows\/s [\d.]+ msgs\/s [\d.]+ ins 0 upd 0 del 0 filtered 0 acked 0 in-flight 0 retries 0 reconnects 0 checkpoint mariadb-bin/,
		);
		runner.kill('SIGINT');
		expect(await runner.exited).toBe(0);
		expect(text(runner.lines.at(-1)!)).toMatch(/ stopped; checkpoint mariadb-bin\.\d+:\d+$/);
	});
});
