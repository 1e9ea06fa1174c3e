import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {projectRoot} from '../services/settings.mjs';

const cli = path.join(projectRoot, 'dist', 'cli.js');
const data = '/usr/share/mysql/mysql-test';
const obsync = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', env: {...process.env, CI: 'true'}});

describe('obsync binlog inspect (the built CLI)', () => {
	it('prints one JSON object per row change and exits 0', () => {
		const result = obsync('binlog', 'inspect', `${data}/std_data/rpl/master-bin-seq_10.3.36.000001`);
		expect(result.status).toBe(0);
		const lines = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines[0]).toEqual({
			file: `${data}/std_data/rpl/master-bin-seq_10.3.36.000001`,
			pos: 599,
			op: 'insert',
			db: 'test',
			table: 's1',
			before: null,
			after: ['1001', '1', '9223372036854775806', '1', '1', '1000', '0', '0'],
		});
	});

	it('prints the other events too with --all', () => {
		const result = obsync('binlog', 'inspect', '--all', `${data}/std_data/rpl/master-bin-seq_10.3.36.000001`);
		const events = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(events[0]).toMatchObject({pos: 4, event: 'format-description', serverVersion: '10.3.36-MariaDB-debug-log', checksum: 'CRC32'});
		expect(events.map((event) => event.event ?? event.op)).toContain('mariadb-gtid');
	});

	it('fails with the file, position and type of an event it cannot decode', () => {
		// MariaDB's own test file: a v2 rows event (type 30) with a broken header, right after the FDE.
		const result = obsync('binlog', 'inspect', `${data}/suite/binlog/std_data/invalid_row_v2_tag.001`);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(
			`obsync binlog inspect: rows event for table id 0 has no TABLE_MAP before it (at file ${data}/suite/binlog/std_data/invalid_row_v2_tag.001, position 256, event type 30)\n`,
		);
	});

	it('says when a binlog was cut short', () => {
		const truncated = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-')), 'cut.000001');
		const whole = fs.readFileSync(`${data}/std_data/rpl/master-bin-seq_10.3.36.000001`);
		fs.writeFileSync(truncated, whole.subarray(0, 650));
		const result = obsync('binlog', 'inspect', truncated);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('truncated binlog: the event says 91 bytes but the file ends after 51 (at file');
		expect(result.stdout.trim().split('\n')).toHaveLength(1);
	});

	it('stops at an event whose CRC32 does not match, never skipping it', () => {
		const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-')), 'crc.000001');
		const bytes = Buffer.from(fs.readFileSync(`${data}/std_data/rpl/master-bin-seq_10.3.36.000001`));
		bytes[700] = bytes[700]! ^ 0x01; // one bit inside the COMMIT query event at 690
		fs.writeFileSync(copy, bytes);
		const result = obsync('binlog', 'inspect', copy);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(
			/^obsync binlog inspect: CRC32 mismatch: the event says 0x[0-9a-f]{8}, its bytes give 0x[0-9a-f]{8} \(at file .*crc\.000001, position 690, event type 2\)\n {2}hint: the binlog is corrupt/,
		);
		expect(result.stdout.trim().split('\n')).toHaveLength(1); // the row before it was printed
	});

	it('refuses a file that is not a binlog, a missing file and a missing argument, each with what to do', () => {
		expect(obsync('binlog', 'inspect', path.join(projectRoot, 'package.json'))).toMatchObject({
			status: 1,
			stderr: expect.stringContaining('not a binlog file: it does not start with the binlog magic bytes'),
		});
		expect(obsync('binlog', 'inspect', '/nonexistent/mysql-bin.000001')).toMatchObject({
			status: 1,
			stderr: 'obsync binlog inspect: /nonexistent/mysql-bin.000001: no such file\n',
		});
		expect(obsync('binlog', 'inspect')).toMatchObject({status: 2, stderr: expect.stringContaining('name at least one binlog file')});
		expect(obsync('binlog', 'frobnicate')).toMatchObject({status: 2, stderr: expect.stringContaining('unknown subcommand "frobnicate"')});
	});
});
