import {describe, expect, it} from 'vitest';
import {cliHome, obsync} from '../helpers/obsync-cli.js';

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
	});
});
