/**
 * Where the playground finds the local test services: the MariaDB and RocketMQ that `node test/services/run.mjs up`
 * starts from a clone of the repository. Their settings are read at run time from test/services/ (one truth, with
 * its `OBSYNC_TEST_*` port overrides); nothing in source/ imports test/ statically, and an installed package (which
 * ships no test/) is told that the playground needs a clone.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ConfigError} from '../engine/errors.js';

/** The names the playground creates, in the services and in the store. */
export const PLAYGROUND = {
	database: 'obsync_playground',
	table: 'orders',
	project: 'playground',
	tag: 'playground',
	source: 'playground-mariadb',
	destination: 'playground-rocketmq',
	/** A FIFO topic the test services create. */
	topic: 'obsync_test_fifo',
} as const;

export type PlaygroundSettings = {
	/** The clone the services run from. */
	readonly root: string;
	/** What obsync connects as (SELECT and replication). */
	readonly mariadb: {readonly host: string; readonly port: number; readonly user: string; readonly password: string};
	/** The test administrator, for the sample table's DDL and the workload's writes. */
	readonly admin: {readonly user: string; readonly password: string};
	readonly rocketmq: {readonly endpoints: string; readonly nameServer: string};
};

/** The directory above source/ (or dist/): a clone's root, or the installed package's. */
export function projectRoot(): string {
	return path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
}

/** The script that starts the test services. */
export function servicesScript(root: string): string {
	return path.join(root, 'test', 'services', 'run.mjs');
}

/** Whether `root` is a clone with the test services (an installed package has none). */
export function hasTestServices(root: string): boolean {
	return ['run.mjs', 'settings.mjs', 'mariadb.mjs'].every((file) => existsSync(path.join(root, 'test', 'services', file)));
}

/** What to tell a user whose obsync has no test services. */
export function needsCloneError(root: string): ConfigError {
	return new ConfigError(`the playground needs a clone of the obsync repository; ${root} has no test/services/`, {
		hint: 'the installed package does not ship the test services: git clone the repository, then `npm install` and `npm start` in it',
	});
}

type ServicesSettingsModule = {
	host: string;
	mariadb: {port: number; user: string; password: string};
	rocketmq: {proxyPort: number; namesrvPort: number};
};
type MariadbModule = {admin: {user: string; password: string}};

/** Reads the test services' settings from the clone at `root` (test/services/settings.mjs and mariadb.mjs). */
export async function loadPlaygroundSettings(root: string = projectRoot()): Promise<PlaygroundSettings> {
	if (!hasTestServices(root)) throw needsCloneError(root);
	const load = (file: string) => import(pathToFileURL(path.join(root, 'test', 'services', file)).href);
	const [settings, mariadb] = (await Promise.all([load('settings.mjs'), load('mariadb.mjs')])) as [ServicesSettingsModule, MariadbModule];
	return {
		root,
		mariadb: {host: settings.host, port: settings.mariadb.port, user: settings.mariadb.user, password: settings.mariadb.password},
		admin: {user: mariadb.admin.user, password: mariadb.admin.password},
		rocketmq: {
			endpoints: `${settings.host}:${settings.rocketmq.proxyPort}`,
			nameServer: `${settings.host}:${settings.rocketmq.namesrvPort}`,
		},
	};
}
