/**
 * `npm run bench -- decode`: generates a binlog of at least 200 MB on the MariaDB test service (one transaction of
 * 1,000,000 rows plus more rows until the file is big enough), then, in the same run and on the same file, times
 * `mariadb-binlog --base64-output=decode-rows -v` (to /dev/null) against obsync's decoder, and reports ratios and
 * obsync's peak RSS.
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import {binlogPath, masterStatus} from '../helpers/binlog.js';
import {mariadbAdmin, mariadbService} from '../helpers/services.js';
import {projectRoot} from '../services/settings.mjs';

const TARGET_BYTES = 200 * 1024 * 1024;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function generate(): Promise<{file: string; rows: number}> {
	const connection = await mysql.createConnection({...mariadbAdmin, multipleStatements: true});
	try {
		await connection.query('DROP TABLE IF EXISTS bench_rows');
		await connection.query(
			'CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, n INT, name VARCHAR(64), amount DECIMAL(12,2), at DATETIME(6), note TEXT)',
		);
		await connection.query('FLUSH BINARY LOGS');
		const fullPath = await binlogPath(connection, (await masterStatus(connection)).file);
		const batch = async (from: number, count: number) => {
			await connection.query(
				`INSERT INTO bench_rows SELECT seq, seq * 7, CONCAT('name-', seq, '-', MD5(seq)), seq / 100, '2024-01-01 00:00:00.123456' + INTERVAL seq SECOND, REPEAT(MD5(seq), 3) FROM seq_${from}_to_${from + count - 1}`,
			);
		};
		// One transaction of a million rows (autocommit INSERT ... SELECT), then more until the file is >= 200 MB.
		await batch(1, 1_000_000);
		let rows = 1_000_000;
		while (fs.statSync(fullPath).size < TARGET_BYTES) {
			await batch(rows + 1, 100_000);
			rows += 100_000;
		}
		await connection.query('FLUSH BINARY LOGS');
		return {file: fullPath, rows};
	} finally {
		await connection.end();
	}
}

function timeMariadbBinlog(file: string): number {
	const devNull = fs.openSync('/dev/null', 'w');
	const started = performance.now();
	const result = spawnSync('mariadb-binlog', ['--no-defaults', '--base64-output=decode-rows', '-v', file], {
		stdio: ['ignore', devNull, 'pipe'],
	});
	const seconds = (performance.now() - started) / 1000;
	fs.closeSync(devNull);
	if (result.status !== 0) throw new Error(`mariadb-binlog failed: ${result.stderr}`);
	return seconds;
}

function runWorker(
	mode: 'events' | 'inspect' | 'stream',
	file: string,
	nodeOptions: string[] = [],
): Promise<{rows: number; seconds: number; maxRssMiB: number}> {
	const extra = mode === 'stream' ? [JSON.stringify(mariadbService)] : [];
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[...nodeOptions, path.join(projectRoot, 'test', 'bench', 'decode-worker.mjs'), mode, file, ...extra],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
		});
		child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`decode worker exited with ${code}`))));
	});
}

export async function benchDecode(): Promise<void> {
	log('decode: generating a binlog of at least 200 MB on the MariaDB test service…');
	const {file, rows} = await generate();
	const megabytes = fs.statSync(file).size / 1024 / 1024;
	log(`decode: ${file}: ${megabytes.toFixed(1)} MB, ${rows.toLocaleString('en')} rows (the first transaction has 1,000,000)`);
	// Three interleaved rounds, medians reported: the machine is shared with the MariaDB server and its flushing.
	type Run = {rows: number; seconds: number; maxRssMiB: number};
	const rounds: Array<{reference: number; inspect: Run; events: Run; streamed: Run; capped: Run}> = [];
	for (let round = 0; round < 3; round++) {
		rounds.push({
			reference: timeMariadbBinlog(file),
			inspect: await runWorker('inspect', file),
			events: await runWorker('events', file),
			streamed: await runWorker('stream', path.basename(file)),
			// V8's old generation capped: how much of the peak is live data, how much lazy collection.
			capped: await runWorker('stream', path.basename(file), ['--max-old-space-size=64']),
		});
	}
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const pick = (key: 'inspect' | 'events' | 'streamed' | 'capped'): Run => ({
		rows: rounds[0]![key].rows,
		seconds: median(rounds.map((r) => r[key].seconds)),
		maxRssMiB: Math.max(...rounds.map((r) => r[key].maxRssMiB)),
	});
	const reference = median(rounds.map((r) => r.reference));
	const [inspect, events, streamed, capped] = [pick('inspect'), pick('events'), pick('streamed'), pick('capped')];
	const line = (name: string, seconds: number, extra = '') =>
		`  ${name.padEnd(52)} ${seconds.toFixed(2).padStart(7)} s  ${(megabytes / seconds).toFixed(1).padStart(7)} MB/s  ${Math.round(
			rows / seconds,
		)
			.toLocaleString('en')
			.padStart(10)} rows/s  ${(reference / seconds).toFixed(2)}x${extra}`;
	log('decode results, medians of 3 rounds (ratio = mariadb-binlog time / this time; above 1 is faster than mariadb-binlog):');
	log(line('mariadb-binlog --base64-output=decode-rows -v', reference));
	log(line('obsync binlog inspect (JSON lines, mysqlbinlog text)', inspect.seconds, `  peak RSS ${inspect.maxRssMiB} MiB`));
	log(line('obsync decoder to typed events', events.seconds, `  peak RSS ${events.maxRssMiB} MiB`));
	log(line('obsync over replication, assembled (stream)', streamed.seconds, `  peak RSS ${streamed.maxRssMiB} MiB`));
	log(line('  the same, node --max-old-space-size=64', capped.seconds, `  peak RSS ${capped.maxRssMiB} MiB`));
	if (inspect.rows !== rows || events.rows !== rows || streamed.rows !== rows) {
		throw new Error(`row counts differ: expected ${rows}, inspect ${inspect.rows}, events ${events.rows}, stream ${streamed.rows}`);
	}
}
