import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readChanges, type SourceOutput} from '../../../source/engine/binlog/binlog-source.js';
import {streamBinlog} from '../../../source/engine/binlog/binlog-stream.js';
import {EventDecoder} from '../../../source/engine/binlog/event-decoder.js';
import {readBinlogFile} from '../../../source/engine/binlog/file-reader.js';
import {ConfigError} from '../../../source/engine/errors.js';
import {binlogPath, comparable, masterStatus, replicaOptions} from '../../helpers/binlog.js';
import {connectAdmin} from '../../helpers/services.js';
import * as mariadbService from '../../services/mariadb.mjs';

describe('the replication stream from the live MariaDB', () => {
	let admin: mysql.Connection;

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS stream_a, stream_b, stream_big, stream_wide');
		await admin.query('CREATE TABLE stream_a (id INT PRIMARY KEY, amount DECIMAL(20,4), at DATETIME(6), note VARCHAR(100))');
		await admin.query('CREATE TABLE stream_b (id BIGINT UNSIGNED PRIMARY KEY, flag BIT(3), doc JSON, raw BLOB)');
	});

	afterAll(async () => {
		await admin?.end();
	});

	it('yields the same events the binlog file holds, decoded the same way', async () => {
		// Given writes after a known position, in a file closed afterwards
		const from = await masterStatus(admin);
		await admin.query("INSERT INTO stream_a VALUES (1, -12.5000, '2024-01-02 03:04:05.678901', 'ünïcödé 😀'), (2, NULL, NULL, '')");
		await admin.query("INSERT INTO stream_b VALUES (18446744073709551615, b'101', '{\"k\": [1, 2]}', X'00FF')");
		await admin.query("UPDATE stream_a SET note = 'changed' WHERE id = 1");
		await admin.query('DELETE FROM stream_b');
		await admin.query('FLUSH BINARY LOGS');
		const file = await binlogPath(admin, from.file);

		// When the same range is read over replication and from the file
		const streamed = [];
		for await (const {event} of streamBinlog({...replicaOptions(from), nonBlocking: true})) {
			if (event.kind === 'rows' && event.pos >= from.position)
				streamed.push({pos: event.pos, rows: event.rows.rows, op: event.rows.operation});
			if (event.kind === 'rotate' && !event.artificial) break;
		}
		const fromFile = [];
		const decoder = new EventDecoder();
		for await (const raw of readBinlogFile(file)) {
			const event = decoder.decode(raw.bytes, raw.pos);
			if (event.kind === 'rows' && event.pos >= from.position)
				fromFile.push({pos: event.pos, rows: event.rows.rows, op: event.rows.operation});
		}

		// Then they agree, event for event
		expect(streamed.map((e) => e.op)).toEqual(['insert', 'insert', 'update', 'delete']);
		expect(comparable(streamed)).toEqual(comparable(fromFile));
	});

	it('assembles transactions with their GTID, rows in order and the position to resume after them', async () => {
		const from = await masterStatus(admin);
		await admin.query('BEGIN');
		await admin.query("INSERT INTO stream_a VALUES (10, 1, NULL, 'a'), (11, 2, NULL, 'b')");
		await admin.query("INSERT INTO stream_b VALUES (10, b'1', NULL, NULL)");
		await admin.query('COMMIT');
		await admin.query('ALTER TABLE stream_a ADD COLUMN extra INT');
		const end = await masterStatus(admin);

		const items: SourceOutput[] = [];
		for await (const item of readChanges({...replicaOptions(from), nonBlocking: true})) items.push(item);
		const kinds = items.filter((i) => i.kind !== 'progress').map((i) => i.kind);
		expect(kinds).toEqual(['begin', 'rows', 'commit', 'ddl']);
		const rows = items.find((i) => i.kind === 'rows');
		expect(rows?.kind === 'rows' && rows.changes.map((c) => `${c.table.table}:${c.after?.[0]}`)).toEqual([
			'stream_a:10',
			'stream_a:11',
			'stream_b:10',
		]);
		const commit = items.find((i) => i.kind === 'commit');
		expect(commit?.kind === 'commit' && commit.transaction.gtid).toMatch(/^0-4242-\d+$/);
		const ddl = items.find((i) => i.kind === 'ddl');
		expect(ddl).toMatchObject({
			kind: 'ddl',
			database: 'obsync_test',
			query: 'ALTER TABLE stream_a ADD COLUMN extra INT',
			resume: {file: end.file, position: end.position},
		});
	});

	it('pauses the socket while the consumer is slow, so buffered bytes stay bounded', async () => {
		const from = await masterStatus(admin);
		await admin.query('CREATE TABLE stream_wide (id INT PRIMARY KEY, filler TEXT)');
		await admin.query('INSERT INTO stream_wide SELECT seq, REPEAT(MD5(seq), 64) FROM seq_1_to_20000'); // ~40 MB of rows
		const highWaterMark = 1024 * 1024;
		let maxQueued = 0;
		let pauses = 0;
		let rows = 0;
		for await (const {event} of streamBinlog({
			...replicaOptions(from),
			nonBlocking: true,
			highWaterMark,
			onBuffer: ({queuedBytes, paused}) => {
				maxQueued = Math.max(maxQueued, queuedBytes);
				if (paused) pauses++;
			},
		})) {
			if (event.kind === 'rows') {
				rows += event.rows.rows.length;
				if (rows % 100 < event.rows.rows.length) await new Promise((resolve) => setTimeout(resolve, 20)); // a slow sink
			}
		}
		expect(rows).toBe(20_000);
		expect(pauses).toBeGreaterThan(0);
		// At most what was in flight when the pause took effect: one socket read beyond the mark.
		expect(maxQueued).toBeLessThan(highWaterMark + 512 * 1024);
	});

	it('streams a 1,000,000-row transaction in bounded chunks, never whole', async () => {
		const from = await masterStatus(admin);
		await admin.query('CREATE TABLE stream_big (id INT PRIMARY KEY, v INT)');
		await admin.query('INSERT INTO stream_big SELECT seq, seq FROM seq_1_to_1000000');
		let total = 0;
		let largestChunk = 0;
		const kinds: string[] = [];
		for await (const item of readChanges({...replicaOptions(from), nonBlocking: true, maxBufferedRows: 10_000})) {
			if (item.kind === 'rows') {
				total += item.changes.length;
				largestChunk = Math.max(largestChunk, item.changes.length);
			}
			if (item.kind !== 'rows' && item.kind !== 'progress') kinds.push(item.kind);
		}
		expect(total).toBe(1_000_000);
		expect(largestChunk).toBeLessThan(11_000); // 10,000 plus the rows of one event
		expect(kinds).toEqual(['ddl', 'begin', 'commit']);
	});

	it('heartbeats while idle, and stops at once when aborted', async () => {
		const from = await masterStatus(admin);
		const controller = new AbortController();
		const seen: string[] = [];
		const started = Date.now();
		for await (const {event} of streamBinlog({...replicaOptions(from), heartbeatSeconds: 1, signal: controller.signal})) {
			seen.push(event.kind);
			if (event.kind === 'heartbeat') controller.abort();
			if (Date.now() - started > 20_000) break;
		}
		expect(seen).toContain('heartbeat');
	});

	it('fails with a ConfigError that names the server when the password is wrong (a retry cannot fix it)', async () => {
		const options = {...replicaOptions(await masterStatus(admin)), password: 'wrong'};
		await expect(streamBinlog(options).next()).rejects.toThrow(ConfigError);
		await expect(streamBinlog(options).next()).rejects.toThrow(
			/^127\.0\.0\.1:\d+ refused user obsync \(opening a replication connection\): "Access denied/,
		);
	});

	it('reconnects after MariaDB restarts and resumes from the last commit, losing nothing', async () => {
		await admin.query('DROP TABLE IF EXISTS stream_restart');
		await admin.query('CREATE TABLE stream_restart (id INT PRIMARY KEY)');
		const from = await masterStatus(admin);
		const controller = new AbortController();
		const seen = new Set<number>();
		let reconnects = 0;
		const reading = (async () => {
			for await (const item of readChanges({
				...replicaOptions(from),
				heartbeatSeconds: 1,
				signal: controller.signal,
				backoff: {initialMs: 200, maxMs: 1000},
				onReconnect: () => reconnects++,
			})) {
				if (item.kind === 'rows')
					for (const change of item.changes) if (change.table.table === 'stream_restart') seen.add(Number(change.after?.[0]));
				if (seen.size === 200) controller.abort();
			}
		})();
		for (let i = 1; i <= 100; i++) await admin.query('INSERT INTO stream_restart VALUES (?)', [i]);
		await admin.end();
		await mariadbService.restart();
		admin = await connectAdmin();
		for (let i = 101; i <= 200; i++) await admin.query('INSERT INTO stream_restart VALUES (?)', [i]);
		const timeout = setTimeout(() => controller.abort(), 60_000);
		await reading;
		clearTimeout(timeout);
		expect(reconnects).toBeGreaterThan(0);
		expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({length: 200}, (_, i) => i + 1));
	});
});

describe('the replication stream: GTID start and partial row images', () => {
	let admin: mysql.Connection;

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS stream_gtid');
		await admin.query('CREATE TABLE stream_gtid (id INT PRIMARY KEY, a VARCHAR(10), b VARCHAR(10))');
	});

	afterAll(async () => {
		await admin?.end();
	});

	it('starts after a MariaDB GTID position (@slave_connect_state), replaying nothing before it', async () => {
		await admin.query("INSERT INTO stream_gtid VALUES (1, 'old', 'x')");
		const [[{pos}]] = (await admin.query('SELECT @@gtid_binlog_pos AS pos')) as unknown as [[{pos: string}]];
		await admin.query("INSERT INTO stream_gtid VALUES (2, 'new', 'y')");
		const ids: number[] = [];
		for await (const item of readChanges({...replicaOptions({gtidSet: pos}), nonBlocking: true})) {
			if (item.kind === 'rows') ids.push(...item.changes.filter((c) => c.table.table === 'stream_gtid').map((c) => Number(c.after?.[0])));
		}
		expect(ids).toEqual([2]);
	});

	it('reads MINIMAL row images: the key before, the changed column after, the rest absent', async () => {
		const from = await masterStatus(admin);
		await admin.query("SET SESSION binlog_row_image = 'MINIMAL'");
		await admin.query("UPDATE stream_gtid SET b = 'z' WHERE id = 2");
		await admin.query("SET SESSION binlog_row_image = 'FULL'");
		const changes = [];
		for await (const item of readChanges({...replicaOptions(from), nonBlocking: true}))
			if (item.kind === 'rows') changes.push(...item.changes);
		expect(changes).toHaveLength(1);
		expect(comparable([changes[0]!.before, changes[0]!.after])).toEqual([
			[2, null, null],
			[null, null, 'hex:7a'],
		]);
		// JSON has no holes: absent columns come back as null above; the arrays really have none at 1 and 2.
		expect(1 in changes[0]!.before! || 2 in changes[0]!.before!).toBe(false);
		expect(0 in changes[0]!.after! || 1 in changes[0]!.after!).toBe(false);
	});
});
