#!/usr/bin/env node
// @ts-check
/**
 * First step of `npm test`: installs the npm dependencies when node_modules is missing or older than the lock file
 * (so `npm test` works on a fresh clone), then brings the test services up (reusing running ones).
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {projectRoot} from './settings.mjs';

const installed = path.join(projectRoot, 'node_modules', '.package-lock.json');
const lock = path.join(projectRoot, 'package-lock.json');
const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;

/** @param {string} command @param {string[]} args */
function step(command, args) {
	const result = spawnSync(command, args, {cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit']});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (stale) {
	process.stderr.write('bootstrap: installing npm dependencies (npm ci)…\n');
	step('npm', ['ci', '--no-audit', '--no-fund']);
}
step(process.execPath, [path.join(projectRoot, 'test', 'services', 'run.mjs'), 'up']);
