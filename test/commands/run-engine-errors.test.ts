/**
 * `obsync run` on inputs a retry cannot fix: it stops with exit 3, says what was wrong, where, and what to do, and
 * never shows a stack trace, a raw `%s` or the password.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {masterStatus} from '../helpers/binlog.js';
import {cliHome, importProject, obsync} from '../helpers/obsync-cli.js';
import {connectAdmin, mariadbService, rocketmqService} from '../helpers/services.js';

const project = (name: string, extra: Record<string, unknown> = {}) => ({
	name,
	source: {flavor: 'mariadb', ...mariadbService},
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
		await admin.query("INSERT INTO cli_errors VALUES (1, 'x') ON DUPLICATE KEY UPDATE v = 'y'");
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
				`^obsync run: 127\\.0\\.0\\.1:${mariadbService.port} cannot send the binlog from binlog ${at.file.replace('.', '\\.')} at position ${inside}: "binlog truncated in the middle of event; .*" \\(MySQL error 1236\\)$`,
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
});
