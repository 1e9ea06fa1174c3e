/** `npm run bench -- <name>`: performance measurements, never run by `npm test`. */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {projectRoot} from '../services/settings.mjs';
import {benchDecode} from './decode.js';
import {benchE2e} from './e2e.js';
import {benchRestart} from './restart.js';
import {benchSink} from './sink.js';
import {benchStartup} from './startup.js';

const benches: Record<string, () => Promise<void>> = {
	decode: benchDecode,
	sink: benchSink,
	e2e: benchE2e,
	restart: benchRestart,
	startup: benchStartup,
};
/** Benches that need no test service (startup only reads a store and the terminal). */
const offline = new Set(['startup']);
const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in benches));
if (names.length === 0 || unknown.length > 0) {
	process.stderr.write(
		`usage: npm run bench -- ${Object.keys(benches).join('|')}${unknown.length ? `\nunknown bench: ${unknown.join(', ')}` : ''}\n`,
	);
	process.exit(2);
}
// The workers run the built code, as obsync runs.
const build = spawnSync('npm', ['run', '--silent', 'build'], {cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit']});
if (build.status !== 0) process.exit(build.status ?? 1);
if (!names.every((name) => offline.has(name))) {
	const up = spawnSync(process.execPath, [path.join(projectRoot, 'test', 'services', 'run.mjs'), 'up'], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (up.status !== 0) process.exit(up.status ?? 1);
}
for (const name of names) await benches[name]!();
