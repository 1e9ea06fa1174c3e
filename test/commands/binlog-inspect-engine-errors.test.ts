/**
 * `obsync binlog inspect` on damaged files: bytes that are not binlog events are "not a binlog, or corrupt at offset
 * N", with what is wrong with the header there; "truncated" is kept for a file that really ends inside an event.
 * The binlogs are real ones, written by the MariaDB test service.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {BINLOG_MAGIC, readBinlogFile} from '../../source/engine/binlog/file-reader.js';
import {binlogPath, masterStatus} from '../helpers/binlog.js';
import {connectAdmin} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const cli = path.join(projectRoot, 'dist', 'cli.js');
const inspect = (file: string) => spawnSync(process.execPath, [cli, 'binlog', 'inspect', file], {encoding: 'utf8'});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-inspect-errors-'));
const CORRUPT_HINT =
	'  hint: the file is not a binlog, or is damaged from that offset on (the events before it were read): copy it again from the server, or read the changes through replication';

/** A closed binlog of the test service holding 20 inserts, and its events' offsets, sizes and types. */
let whole: Buffer;
let events: Array<{pos: number; size: number; type: number}>;

beforeAll(async () => {
	const admin = await connectAdmin();
	await admin.query('DROP TABLE IF EXISTS inspect_errors');
	await admin.query('CREATE TABLE inspect_errors (id INT PRIMARY KEY, note VARCHAR(200))');
	await admin.query('FLUSH BINARY LOGS');
	const {file} = await masterStatus(admin);
	for (let id = 1; id <= 20; id++) await admin.query('INSERT INTO inspect_errors VALUES (?, ?)', [id, `row ${id} `.repeat(10)]);
	await admin.query('FLUSH BINARY LOGS');
	const source = await binlogPath(admin, file);
	await admin.end();
	whole = fs.readFileSync(source);
	events = [];
	for await (const raw of readBinlogFile(source)) events.push({pos: raw.pos, size: raw.bytes.length, type: raw.bytes[4]!});
});

/** The rows events of the file (WRITE_ROWS v1 or v2). */
const rowsEvents = () => events.filter((event) => event.type === 23 || event.type === 30);

describe('obsync binlog inspect on damaged files', () => {
	it('says random bytes after the binlog magic are not a binlog, or corrupt at offset 4, instead of "truncated"', () => {
		const file = path.join(dir, 'random.000001');
		const random = Buffer.from(Array.from({length: 4096}, (_, i) => (i * 151 + 89) % 256));
		random[4] = 0xc8; // the type byte of the first header: 200
		fs.writeFileSync(file, Buffer.concat([BINLOG_MAGIC, random]));
		const result = inspect(file);
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`obsync binlog inspect: not a binlog, or corrupt at offset 4: a binlog starts with a FORMAT_DESCRIPTION event, but the event header there says type 200 (at file ${file}, position 4, event type 200)\n${CORRUPT_HINT}\n`,
		);
	});

	it('says a real binlog whose event header was overwritten is corrupt at that offset, after printing the rows before it', () => {
		const victim = rowsEvents()[10]!;
		const bytes = Buffer.from(whole);
		bytes.writeUInt32LE(0xfffffff0, victim.pos + 9); // the event's size
		const file = path.join(dir, 'overwritten.000001');
		fs.writeFileSync(file, bytes);
		const result = inspect(file);
		expect(result.status).toBe(1);
		expect(result.stdout.trim().split('\n')).toHaveLength(10);
		expect(result.stderr).toBe(
			`obsync binlog inspect: not a binlog, or corrupt at offset ${victim.pos}: the event header there gives a size of 4294967280 bytes, over the 1 GiB any server writes (at file ${file}, position ${victim.pos}, event type ${victim.type})\n${CORRUPT_HINT}\n`,
		);
	});

	it('keeps "truncated" for a real binlog cut short in the middle of an event, with what to do', () => {
		const victim = rowsEvents()[15]!;
		const kept = Math.floor(victim.size / 2);
		const file = path.join(dir, 'cut.000001');
		fs.writeFileSync(file, whole.subarray(0, victim.pos + kept));
		const result = inspect(file);
		expect(result.status).toBe(1);
		expect(result.stdout.trim().split('\n')).toHaveLength(15);
		expect(result.stderr).toBe(
			`obsync binlog inspect: truncated binlog: the event says ${victim.size} bytes but the file ends after ${kept} (at file ${file}, position ${victim.pos}, event type ${victim.type})\n` +
				'  hint: the file ends in the middle of an event (copied while it was being written, or cut short): copy it again, whole\n',
		);
	});
});
