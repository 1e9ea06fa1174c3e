import mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connectAdmin, mariadbService} from '../helpers/services.js';

type MasterStatus = {File: string; Position: string | number};

describe('the MariaDB test service', () => {
	let adminConnection: mysql.Connection;
	let replicationUser: mysql.Connection;

	beforeAll(async () => {
		adminConnection = await connectAdmin();
		replicationUser = await mysql.createConnection(mariadbService);
		await adminConnection.query('CREATE TABLE IF NOT EXISTS smoke_rows (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64))');
	});

	afterAll(async () => {
		await adminConnection?.end();
		await replicationUser?.end();
	});

	it('writes row events to a binary log with the settings obsync needs', async () => {
		const [rows] = await replicationUser.query(
			'SELECT @@log_bin AS logBin, @@binlog_format AS format, @@binlog_row_image AS image, @@binlog_checksum AS checksum',
		);
		expect(rows).toEqual([{logBin: 1, format: 'ROW', image: 'FULL', checksum: 'CRC32'}]);
	});

	it('moves SHOW MASTER STATUS when a row is inserted, as seen by the replication user', async () => {
		// Given the position before the write
		const [[before]] = (await replicationUser.query('SHOW MASTER STATUS')) as unknown as [MasterStatus[]];
		// When a row is inserted through mysql2
		await adminConnection.query('INSERT INTO smoke_rows (note) VALUES (?)', [`smoke ${Date.now()}`]);
		// Then the binlog has grown
		const [[after]] = (await replicationUser.query('SHOW MASTER STATUS')) as unknown as [MasterStatus[]];
		expect(before).toBeDefined();
		expect(after).toBeDefined();
		const moved = after!.File !== before!.File || Number(after!.Position) > Number(before!.Position);
		expect(moved, `binlog stayed at ${before!.File}:${before!.Position}`).toBe(true);
	});

	it('grants the replication user REPLICATION SLAVE but no writes', async () => {
		const [grants] = (await replicationUser.query('SHOW GRANTS')) as unknown as [Record<string, string>[]];
		const text = grants.map((row) => Object.values(row)[0]).join('\n');
		expect(text).toMatch(/REPLICATION SLAVE/);
		await expect(replicationUser.query('CREATE TABLE not_allowed (id INT)')).rejects.toThrow(/denied/i);
	});
});
