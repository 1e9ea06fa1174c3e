// @ts-check
/**
 * The MariaDB test service: its own datadir, port and socket under .services/mariadb, from Debian's
 * mariadb-server, with the binlog settings obsync needs (ROW, FULL image, CRC32, fixed server_id).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	isAlive,
	isPortOpen,
	listenerPid,
	listeningAddresses,
	readPid,
	rssMiB,
	run,
	spawnDetached,
	stopProcess,
	waitFor,
	which,
} from './process.mjs';
import {mariadb as cfg, host} from './settings.mjs';

const dataDir = path.join(cfg.dir, 'data');
const socket = path.join(cfg.dir, 'mariadb.sock');
const pidFile = path.join(cfg.dir, 'mariadbd.pid');
const logFile = path.join(cfg.dir, 'mariadbd.log');
const isRoot = process.getuid?.() === 0;

/** Test-only administrator, for DDL and workloads; obsync itself connects as `cfg.user`. */
export const admin = {user: 'obsync_admin', password: 'obsync-admin-pw'};

/** @param {string} name */
function binary(name) {
	return which(name) ?? (fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : undefined);
}

/** Installs Debian's mariadb-server when it is missing and we may (root with apt); otherwise says what to install. */
/** @param {(line: string) => void} log */
async function ensureInstalled(log) {
	const haveTestData = fs.existsSync('/usr/share/mysql/mysql-test/std_data');
	// tmux drives the terminal app in the end-to-end UI test; it comes from the same package source.
	if (binary('mariadbd') && binary('mariadb-install-db') && binary('mariadb') && binary('mariadb-binlog') && haveTestData && which('tmux'))
		return;
	if (!isRoot || !which('apt-get')) {
		throw new Error(
			'MariaDB server or its test data is not installed. Install them with: ' +
				'sudo apt-get install mariadb-server mariadb-client mariadb-test-data tmux ' +
				'(Debian/Ubuntu), then run `npm run services -- up` again.',
		);
	}
	log('mariadb: installing Debian packages mariadb-server mariadb-client mariadb-test-data tmux (apt-get)…');
	const logPath = path.join(cfg.dir, 'apt.log');
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	for (const args of [
		['update'],
		['install', '-y', '--no-install-recommends', 'mariadb-server', 'mariadb-client', 'mariadb-test-data', 'tmux'],
	]) {
		fs.appendFileSync(logPath, await run('apt-get', args, {env}));
	}
}

/** Runs SQL as the datadir's root user over the unix socket (root has no password there). @param {string} sql */
async function rootSql(sql) {
	return run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', '-e', sql]);
}

/** Runs SQL over TCP as the replication user; returns stdout, or undefined when it cannot connect. @param {string} sql */
async function userSql(sql) {
	try {
		return await run('mariadb', [
			'--no-defaults',
			`-h${host}`,
			`-P${cfg.port}`,
			`-u${cfg.user}`,
			`-p${cfg.password}`,
			'--batch',
			'--skip-column-names',
			'-e',
			sql,
		]);
	} catch {
		return undefined;
	}
}

async function provision() {
	const users = [
		`CREATE USER IF NOT EXISTS '${cfg.user}'@'%' IDENTIFIED BY '${cfg.password}'`,
		`GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR, REPLICATION CLIENT, SHOW VIEW ON *.* TO '${cfg.user}'@'%'`,
		`CREATE USER IF NOT EXISTS '${admin.user}'@'%' IDENTIFIED BY '${admin.password}'`,
		`GRANT ALL PRIVILEGES ON *.* TO '${admin.user}'@'%' WITH GRANT OPTION`,
		`CREATE DATABASE IF NOT EXISTS \`${cfg.database}\` CHARACTER SET utf8mb4`,
	];
	await rootSql(users.join('; '));
}

/** @param {(line: string) => void} log */
export async function up(log) {
	fs.mkdirSync(cfg.dir, {recursive: true});
	const pid = readPid(pidFile);
	if (isAlive(pid) && (await isPortOpen(cfg.port))) {
		await provision();
		return {reused: true};
	}
	if (await isPortOpen(cfg.port)) {
		// Started from another clone (CI clones afresh): reuse it when it is ours, refuse anything else.
		if ((await userSql('SELECT @@server_id'))?.trim() === String(cfg.serverId)) return {reused: true};
		throw new Error(
			`port ${cfg.port} is taken by a server that is not the obsync test MariaDB; set OBSYNC_TEST_MARIADB_PORT to a free port.`,
		);
	}
	await ensureInstalled(log);
	if (!fs.existsSync(path.join(dataDir, 'mysql'))) {
		log(`mariadb: initialising ${dataDir}`);
		fs.rmSync(dataDir, {recursive: true, force: true});
		const args = ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db'];
		if (isRoot) args.push('--user=root');
		fs.appendFileSync(path.join(cfg.dir, 'install-db.log'), await run(binary('mariadb-install-db') ?? 'mariadb-install-db', args));
	}
	const args = [
		'--no-defaults',
		`--datadir=${dataDir}`,
		`--socket=${socket}`,
		`--port=${cfg.port}`,
		`--bind-address=${host}`,
		`--pid-file=${path.join(cfg.dir, 'mariadbd.server.pid')}`,
		`--log-error=${path.join(cfg.dir, 'error.log')}`,
		`--server-id=${cfg.serverId}`,
		'--log-bin=mariadb-bin',
		'--binlog-format=ROW',
		'--binlog-row-image=FULL',
		'--binlog-checksum=CRC32',
		'--max-binlog-size=256M',
		'--skip-name-resolve',
		'--character-set-server=utf8mb4',
		'--collation-server=utf8mb4_general_ci',
		'--max-allowed-packet=64M',
		'--innodb-buffer-pool-size=256M',
		'--innodb-log-file-size=256M',
		'--innodb-flush-log-at-trx-commit=2',
		'--sync-binlog=0',
		'--performance-schema=OFF',
	];
	if (isRoot) args.push('--user=root');
	const started = spawnDetached(binary('mariadbd') ?? 'mariadbd', args, {logFile, pidFile});
	await waitFor(
		async () => {
			if (!(await isPortOpen(cfg.port))) return false;
			try {
				await rootSql('SELECT 1');
				return true;
			} catch {
				return false;
			}
		},
		{what: 'MariaDB did not start', timeoutMs: 60_000, logFile: path.join(cfg.dir, 'error.log'), pid: started},
	);
	await provision();
	return {reused: false};
}

/**
 * Restarts the running server with the same command line (and so the same datadir and binlogs), whichever clone
 * started it: what a failover or a maintenance restart looks like to obsync.
 */
export async function restart() {
	const pid = listenerPid(cfg.port);
	if (!pid) throw new Error(`no MariaDB listens on ${cfg.port}`);
	const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	await stopProcess(pid, 60_000);
	const [command, ...args] = argv;
	const started = spawnDetached(/** @type {string} */ (command), args, {logFile, pidFile});
	await waitFor(async () => (await userSql('SELECT 1')) !== undefined, {what: 'MariaDB did not restart', timeoutMs: 60_000, pid: started});
}

export async function down() {
	const pid = readPid(pidFile) ?? listenerPid(cfg.port);
	if (isAlive(pid)) await stopProcess(/** @type {number} */ (pid), 60_000);
	fs.rmSync(pidFile, {force: true});
	return pid;
}

export async function status() {
	const reachable = await isPortOpen(cfg.port);
	const pid = isAlive(readPid(pidFile)) ? readPid(pidFile) : reachable ? listenerPid(cfg.port) : undefined;
	const row = reachable
		? await userSql('SELECT VERSION(), @@server_id, @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_checksum')
		: undefined;
	const [version, serverId, logBin, format, image, checksum] = (row ?? '').trim().split('\t');
	return {
		name: 'mariadb',
		up: Boolean(row),
		lines: [
			`127.0.0.1:${cfg.port}  pid ${pid ?? '-'}  rss ${rssMiB(pid) ?? '-'} MiB  ${version ?? 'not reachable'}`,
			row ? `server_id=${serverId} log_bin=${logBin} binlog_format=${format} binlog_row_image=${image} binlog_checksum=${checksum}` : '',
			`listening on ${listeningAddresses(pid).join(', ') || '-'}`,
			`user ${cfg.user} (replication), ${admin.user} (tests); datadir ${dataDir}`,
		].filter(Boolean),
		pid,
		pids: [pid],
	};
}
