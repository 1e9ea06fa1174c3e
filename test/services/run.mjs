#!/usr/bin/env node
// @ts-check
/**
 * `npm run services -- up|down|status`: the test services (MariaDB with binlog, RocketMQ 5.3 with its gRPC proxy,
 * RocketMQ 4.9 for the remoting producer).
 * `up` is idempotent: services already running are reused. `status` exits 1 when something is not reachable.
 */
import fs from 'node:fs';
import * as mariadb from './mariadb.mjs';
import * as rocketmq from './rocketmq.mjs';
import * as rocketmq4 from './rocketmq4.mjs';
import {servicesDir} from './settings.mjs';

const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);
/** @typedef {typeof mariadb | typeof rocketmq | typeof rocketmq4} Service */
/** @type {Record<string, Service>} */
const services = {mariadb, rocketmq, rocketmq4};
/** @param {string} name */
const service = (name) => /** @type {Service} */ (services[name]);

/** @param {string[]} names */
async function up(names) {
	fs.mkdirSync(servicesDir, {recursive: true});
	const started = Date.now();
	// All start in parallel: MariaDB takes seconds, each RocketMQ (two JVMs) a few tens of seconds.
	const results = await Promise.allSettled(
		names.map(async (name) => {
			const t0 = Date.now();
			const {reused} = await service(name).up(log);
			log(`${name}: ${reused ? 'already running, reused' : 'started'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		}),
	);
	const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
	for (const error of failed) log(`error: ${error instanceof Error ? error.message : error}`);
	if (failed.length > 0) return 1;
	log(`services up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return 0;
}

/** @param {string[]} names */
async function down(names) {
	for (const name of names) {
		await service(name).down();
		log(`${name}: stopped`);
	}
	return 0;
}

/** @param {string[]} names */
async function status(names) {
	let allUp = true;
	for (const name of names) {
		const report = await service(name).status();
		allUp &&= report.up;
		process.stdout.write(
			`${name.padEnd(9)} ${report.up ? 'up' : 'DOWN'}\n${report.lines.map((/** @type {string} */ line) => `  ${line}\n`).join('')}`,
		);
	}
	return allUp ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
const names = rest.length > 0 ? rest : Object.keys(services);
const unknown = names.filter((name) => !(name in services));
const commands = {up, down, status};
if (!command || !(command in commands) || unknown.length > 0) {
	log(`usage: npm run services -- up|down|status [${Object.keys(services).join('|')}]`);
	if (unknown.length > 0) log(`unknown service: ${unknown.join(', ')}`);
	process.exit(2);
}
process.exitCode = await commands[/** @type {'up' | 'down' | 'status'} */ (command)](names);
