import mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readChanges} from '../../../source/engine/binlog/binlog-source.js';
import {type StreamedEvent, streamBinlog} from '../../../source/engine/binlog/binlog-stream.js';
import {EventDecoder} from '../../../source/engine/binlog/event-decoder.js';
import {readBinlogFile} from '../../../source/engine/binlog/file-reader.js';
import {currentPosition, resolveStart} from '../../../source/engine/binlog/start-position.js';
import {type ReplayServer, startOceanBaseReplay} from '../../doubles/oceanbase-binlog-server.js';
import {hashTableId, OB_SERVER_UUID, type OceanBaseStream, toOceanBaseShape} from '../../doubles/oceanbase-shape.js';
import {binlogPath, comparable, masterStatus} from '../../helpers/binlog.js';
import {connectAdmin} from '../../helpers/services.js';

/** A real MariaDB binlog with several types and multi-row statements, replayed in OceanBase's shape. */
describe('reading an OceanBase-shaped stream (the Binlog Service replay server)', () => {
	let admin: mysql.Connection;
	let stream: OceanBaseStream;
	let replay: ReplayServer;
	let mariadbRows: unknown[];
	const connect = (start: {file: string; position: number} | {gtidSet: string}, extra = {}) => ({
		host: '127.0.0.1',
		port: replay.port,
		user: 'obsync@tenant#cluster',
		password: 'anything',
		serverId: 4100,
		start,
		...extra,
	});

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS ob_orders');
		await admin.query(
			'CREATE TABLE ob_orders (id BIGINT UNSIGNED PRIMARY KEY, amount DECIMAL(30,10), at DATETIME(6), note TEXT, tag ENUM("a","b"))',
		);
		const from = await masterStatus(admin);
		await admin.query(
			"INSERT INTO ob_orders VALUES (1, 1.5, '2024-01-01 00:00:00.000001', 'one', 'a'), (2, -2.25, NULL, '二', 'b'), (18446744073709551615, 0, NOW(6), '', NULL)",
		);
		await admin.query("UPDATE ob_orders SET note = CONCAT(note, '!') WHERE id IN (1, 2)");
		await admin.query('DELETE FROM ob_orders WHERE id = 2');
		await admin.query('FLUSH BINARY LOGS');
		const file = await binlogPath(admin, from.file);
		stream = await toOceanBaseShape(file, from.position);
		// The same changes, decoded from MariaDB's own file, one entry per row.
		mariadbRows = [];
		const decoder = new EventDecoder();
		for await (const raw of readBinlogFile(file)) {
			const event = decoder.decode(raw.bytes, raw.pos);
			if (event.kind === 'rows' && event.pos >= from.position)
				mariadbRows.push(...event.rows.rows.map((row) => ({op: event.rows.operation, ...row})));
		}
		replay = await startOceanBaseReplay(stream, {heartbeatMs: 200});
	});

	afterAll(async () => {
		await replay?.close();
		await admin?.end();
	});

	it('decodes the same row values from one-row v2 events with hashed table ids as from MariaDB v1 events', async () => {
		const events: StreamedEvent[] = [];
		for await (const item of streamBinlog({...connect({file: 'mysql-bin.000001', position: 4}), nonBlocking: true})) events.push(item);
		const kinds = events.map(({event}) => event.kind);
		expect(kinds.slice(0, 3)).toEqual(['rotate', 'format-description', 'previous-gtids']);
		const fde = events[1]!.event;
		expect(fde.kind === 'format-description' && [fde.format.serverVersion, fde.format.checksum]).toEqual(['5.7.38', 'CRC32']);
		const rows = events.flatMap(({event}) =>
			event.kind === 'rows' ? event.rows.rows.map((row) => ({op: event.rows.operation, ...row})) : [],
		);
		expect(rows).toHaveLength(6); // 3 inserts, 2 updates, 1 delete: one event each
		expect(comparable(rows)).toEqual(comparable(mariadbRows));
		const tableIds = new Set(events.flatMap(({event}) => (event.kind === 'table-map' ? [event.table.tableId] : [])));
		expect([...tableIds]).toEqual([hashTableId('obsync_test', 'ob_orders')]);
	});

	it('assembles GTID transactions and reads heartbeats whose timestamp is not zero', async () => {
		const controller = new AbortController();
		const items = [];
		const heartbeats: number[] = [];
		for await (const {event} of streamBinlog({...connect({file: 'mysql-bin.000001', position: 4}), signal: controller.signal})) {
			if (event.kind === 'heartbeat') {
				heartbeats.push(event.header.timestamp);
				controller.abort();
			}
		}
		expect(heartbeats[0]).toBeGreaterThan(0);
		for await (const item of readChanges({...connect({file: 'mysql-bin.000001', position: 4}), nonBlocking: true})) items.push(item);
		const commits = items.filter((item) => item.kind === 'commit');
		expect(commits.map((item) => item.kind === 'commit' && item.transaction.gtid)).toEqual([1, 2, 3].map((n) => `${OB_SERVER_UUID}:${n}`));
	});

	it('resumes with COM_BINLOG_DUMP_GTID after the executed GTID set', async () => {
		const items = [];
		for await (const item of readChanges({...connect({gtidSet: `${OB_SERVER_UUID}:1-2`}), nonBlocking: true})) items.push(item);
		const changes = items.flatMap((item) => (item.kind === 'rows' ? item.changes : []));
		expect(changes.map((change) => change.operation)).toEqual(['delete']);
	});

	it('copes with the quirks: OK for unknown SQL, no binlog_* variables, a checked SHOW MASTER STATUS', async () => {
		const options = connect({file: 'mysql-bin.000001', position: 4});
		expect(await currentPosition(options)).toEqual({
			file: 'mysql-bin.000001',
			position: stream.events.at(-1)!.pos + stream.events.at(-1)!.bytes.length,
		});
		expect(await resolveStart(options, {kind: 'checkpoint', file: 'mysql-bin.000001', position: 4})).toEqual({
			file: 'mysql-bin.000001',
			position: 4,
		});
		expect(replay.statements).toContain('SET @master_binlog_checksum = @@global.binlog_checksum');
	});

	it('answers system variables from a static table, and an unknown one with ERR 1236 after the column definitions', async () => {
		const client = await mysql.createConnection({host: '127.0.0.1', port: replay.port, user: 'u@t#c', password: 'x'});
		try {
			expect((await client.query('SELECT @@server_id'))[0]).toEqual([{'@@server_id': '0'}]);
			expect((await client.query("SHOW GLOBAL VARIABLES LIKE 'gtid_mode'"))[0]).toEqual([{Variable_name: 'gtid_mode', Value: 'ON'}]);
			for (const sql of ['SELECT @@global.binlog_checksum', "SHOW GLOBAL VARIABLES LIKE 'binlog_row_image'"])
				await expect(client.query(sql)).rejects.toMatchObject({
					errno: 1236,
					message: expect.stringMatching(/^Unknown system variable binlog_/),
				});
		} finally {
			await client.end();
		}
	});
});
