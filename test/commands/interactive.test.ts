import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliHome, obsync} from '../helpers/obsync-cli.js';
import {projectRoot} from '../services/settings.mjs';

describe('obsync with no command', () => {
	it('refuses without a terminal and points to the headless commands', () => {
		const result = obsync(cliHome(), []);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('the interactive app needs a terminal');
		expect(result.stderr).toContain('obsync run NAME');
		expect(result.stdout).toBe('');
	});

	it('lists the interactive app in --help', () => {
		const result = obsync(cliHome(), ['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('(no command)');
		expect(result.stdout).toContain('run NAME');
		expect(result.stdout).toMatch(/^ {2}COMMAND --help +a command's options and exit codes$/m);
	});

	it('prints the version of package.json with --version and -v', () => {
		const {version} = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
		for (const flag of ['--version', '-v']) expect(obsync(cliHome(), [flag])).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
	});
});
