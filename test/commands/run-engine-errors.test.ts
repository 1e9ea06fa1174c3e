/**
 * `obsync run` on inputs a retry cannot fix: it stops with exit 3, says what was wrong, where, and what to do, and
 * never shows a stack trace, a raw `%s` or the password.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {type AddressInfo, createServer} from 'node:net';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {cliHome, importProject, obsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbSource, rocketmqService} from '../helpers/services.js';

const project = (name: string, extra: Record<string, unknown> = {}) => ({
	name,
	source: {flavor: 'mariadb', ...mariadbSource},
	destination: {endpoints: rocketmqService.endpoints, nameServer: rocketmqService.namesrv},
	objects: [{database: 'obsync_test', table: 'cli_errors', topic: 'obsync_test_fifo'}],
	...extra,
});

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('CREATE TABLE IF NOT EXISTS cli_errors (id INT PRIMARY KEY, v VARCHAR(20))');
	await admin.end();
});

describe('obsync run stops on what a retry cannot fix', () => {
	it('exits 3 at once, quoting the server and naming the position, when --resume finds a checkpoint inside an event', async () => {
		const admin = await connectAdmin();
		const at = await masterStatus(admin);
		// A change that is never a no-op, so that an event starts at `at`.
		await admin.query('INSERT INTO cli_errors VALUES (1, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)', [String(Date.now())]);
		await admin.end();
		const home = cliHome();
		importProject(home, project('inside-event'));
		const checkpoint = path.join(home.directory, 'checkpoints', 'inside-event.json');
		mkdirSync(path.dirname(checkpoint), {recursive: true});
		const inside = at.position + 5;
		writeFileSync(
			checkpoint,
			JSON.stringify({file: at.file, position: inside, gtid: null, commitTime: 0, savedAt: new Date().toISOString()}),
		);

		const began = Date.now();
		const result = obsync(home, ['run', 'inside-event', '--resume', '--log-file', path.join(home.directory, 'run.log')]);
		expect(Date.now() - began).toBeLessThan(20_000);
		expect(result.code).toBe(3);
		const [said, hint, ...rest] = result.stderr.trimEnd().split('\n');
		expect(said).toMatch(
			new RegExp(
				`^obsync run: 127\\.0\\.0\\.1:${mariadbSource.port} cannot send the binlog from binlog ${at.file.replace('.', '\\.')} at position ${inside}: "binlog truncated in the middle of event; .*" \\(MySQL error 1236\\)$`,
			),
		);
		expect(hint).toBe(
			"  hint: the checkpoint (or start position) points where the server cannot start (inside an event, past the end of the file, or in a file it does not have): run without --resume to start again from the start time (default: now), or fix `file`/`position` in the checkpoint file to the start of an event (SHOW BINLOG EVENTS IN 'file' lists them)",
		);
		expect(rest).toEqual([]);
		const log = readFileSync(path.join(home.directory, 'run.log'), 'utf8');
		expect(log).not.toContain('reconnecting');
		expect(`${result.stdout}${result.stderr}${log}`).not.toContain('%s');
	});

	it('exits 3 on a wrong source password, quoting the server and saying to check the user, the password and the grants', () => {
		const home = cliHome();
		importProject(home, project('wrong-password', {source: {flavor: 'mariadb', ...mariadbSource, password: 'not-the-password'}}));
		const result = obsync(home, ['run', 'wrong-password', '--log-file', path.join(home.directory, 'run.log')]);
		expect(result.code).toBe(3);
		expect(result.stderr).toBe(
			`obsync run: 127.0.0.1:${mariadbSource.port} refused user obsync (SHOW MASTER STATUS): "Access denied for user 'obsync'@'127.0.0.1' (using password: YES)" (MySQL error 1045)\n` +
				"  hint: check the user and password in the project (source, or source.binlog for a separate binlog endpoint; OceanBase through ODP: user@tenant#cluster), and the user's grants on the server (SHOW GRANTS FOR the user)\n",
		);
		expect(`${result.stdout}${readFileSync(path.join(home.directory, 'run.log'), 'utf8')}`).not.toContain('not-the-password');
	});

	it('says nothing listens on a closed source port, and what to check', async () => {
		const port = await closedPort();
		const home = cliHome();
		importProject(home, project('closed-source', {source: {flavor: 'mariadb', ...mariadbSource, port}}));
		const result = obsync(home, ['run', 'closed-source', '--log-file', path.join(home.directory, 'run.log')]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`obsync run: SHOW MASTER STATUS failed on 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n` +
				`  hint: nothing listens on 127.0.0.1:${port}: check the host and port in the project, and that the server is running and listens there\n`,
		);
	});

	it('says a closed gRPC proxy port cannot be reached, with what to check, and logs the client without a raw %s', async () => {
		const port = await closedPort();
		const home = cliHome();
		importProject(home, project('closed-proxy', {destination: {transport: 'grpc', endpoints: `127.0.0.1:${port}`}}));
		const began = Date.now();
		const result = obsync(home, ['run', 'closed-proxy', '--log-level', 'debug', '--log-file', path.join(home.directory, 'run.log')]);
		expect(Date.now() - began).toBeLessThan(9_000); // one client's three route attempts, not three clients'
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`obsync run: could not reach the RocketMQ proxy at 127.0.0.1:${port}: connection refused (nothing listens on that port)\n` +
				`  hint: check destination.endpoints (127.0.0.1:${port}: host:port of the gRPC proxy, 8081 by default) and that the proxy is running, listens there and is reachable from this machine\n`,
		);
		const log = readFileSync(path.join(home.directory, 'run.log'), 'utf8');
		expect(log).toContain(`Fetch topic route failed during startup, will retry, clientId=`);
		expect(log).toContain(`attempt=1/3, error=14 UNAVAILABLE`);
		expect(log).not.toContain('%s');
		expect(log).not.toContain('%d');
	});
});

/** A port nothing listens on (one that was free a moment ago). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}
