import {setTimeout as sleep} from 'node:timers/promises';
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readChanges} from '../../../source/engine/binlog/binlog-source.js';
import {binaryLogs, resolveStart} from '../../../source/engine/binlog/start-position.js';
import {ConfigError} from '../../../source/engine/errors.js';
import {masterStatus, replicaOptions} from '../../helpers/binlog.js';
import {connectAdmin} from '../../helpers/services.js';

describe('start positions', () => {
	let admin: mysql.Connection;
	const server = () => {
		const {start: _start, ...options} = replicaOptions({file: '', position: 4});
		return options;
	};

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS start_rows');
		await admin.query('CREATE TABLE start_rows (id INT PRIMARY KEY)');
	});

	afterAll(async () => {
		await admin?.end();
	});

	it('starts now at the end of the binlog', async () => {
		expect(await resolveStart(server(), {kind: 'now'})).toEqual(await masterStatus(admin));
	});

	it('starts at the first transaction at or after a time, so nothing older is replayed', async () => {
		await admin.query('INSERT INTO start_rows VALUES (1)');
		await sleep(1100); // binlog timestamps are in seconds
		const at = Math.ceil(Date.now() / 1000);
		await sleep(at * 1000 - Date.now() + 50);
		await admin.query('INSERT INTO start_rows VALUES (2)');
		await admin.query('INSERT INTO start_rows VALUES (3)');
		const start = await resolveStart(server(), {kind: 'timestamp', at});
		const ids: number[] = [];
		for await (const item of readChanges({...server(), start, nonBlocking: true})) {
			if (item.kind === 'rows') ids.push(...item.changes.filter((c) => c.table.table === 'start_rows').map((c) => Number(c.after?.[0])));
		}
		expect(ids).toEqual([2, 3]);
	});

	it('refuses a time before the oldest retained binlog and says which time is the earliest', async () => {
		const attempt = resolveStart(server(), {kind: 'timestamp', at: Date.UTC(2001, 0, 1) / 1000});
		await expect(attempt).rejects.toThrow(ConfigError);
		await expect(resolveStart(server(), {kind: 'timestamp', at: Date.UTC(2001, 0, 1) / 1000})).rejects.toThrow(
			/the start time 2001-01-01T00:00:00Z is before the oldest binlog the server keeps \(mariadb-bin\.\d+, from \d{4}-\d\d-\d\dT/,
		);
	});

	it('refuses a time in the future', async () => {
		await expect(resolveStart(server(), {kind: 'timestamp', at: Date.now() / 1000 + 3600})).rejects.toThrow(/is in the future/);
	});

	it('resumes at a checkpoint, and refuses one whose binlog was purged, naming the oldest file kept', async () => {
		const here = await masterStatus(admin);
		expect(await resolveStart(server(), {kind: 'checkpoint', ...here})).toEqual(here);
		const [oldest] = await binaryLogs(server());
		await expect(resolveStart(server(), {kind: 'checkpoint', file: 'mariadb-bin.000000', position: 4})).rejects.toThrow(
			`the checkpoint is in binlog mariadb-bin.000000 at position 4, which the server no longer has (oldest kept: ${oldest})`,
		);
	});
});
