import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {projectRoot} from '../services/settings.mjs';

/** Runs `services up` (idempotent; it reuses running services) before any test file. */
export default function setup(): void {
	const result = spawnSync(process.execPath, [path.join(projectRoot, 'test', 'services', 'run.mjs'), 'up'], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0) throw new Error('the test services could not be started; see the messages above');
}
