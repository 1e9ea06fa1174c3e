import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {projectRoot} from '../services/settings.mjs';

/**
 * Runs `services up` (idempotent; it reuses running services) and builds dist/ (the CLI tests run the built
 * binary), before any test file.
 */
export default function setup(): void {
	const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit']});
	if (build.status !== 0) throw new Error('the build failed; see the messages above');
	const result = spawnSync(process.execPath, [path.join(projectRoot, 'test', 'services', 'run.mjs'), 'up'], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0) throw new Error('the test services could not be started; see the messages above');
}
