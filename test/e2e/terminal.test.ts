/** The app in a real terminal: NO_COLOR is honoured, colours are used otherwise, and a resize redraws the screen. */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';
import {projectRoot} from '../services/settings.mjs';

const cli = `node ${path.join(projectRoot, 'dist', 'cli.js')}`;
/** SGR sequences that set a foreground colour (30-37, 38;…, 90-97). */
const ESC = String.fromCharCode(27);
const colour = new RegExp(`${ESC}\\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m`);
let tmux: TmuxSession | undefined;
let home: string | undefined;

afterEach(() => {
	tmux?.close();
	if (home) rmSync(home, {recursive: true, force: true});
});

function start(name: string, env: Record<string, string>) {
	home = mkdtempSync(path.join(tmpdir(), 'obsync-term-'));
	tmux = TmuxSession.start(name, cli, {env: {OBSYNC_HOME: home, TERM: 'xterm-256color', ...env}});
	return tmux;
}

describe('the app in a terminal', () => {
	it('prints colours by default and none with NO_COLOR, with the same words', async () => {
		const coloured = start('colour', {});
		await coloured.waitFor('Welcome to obsync');
		const withColour = coloured.captureWithEscapes();
		expect(withColour).toMatch(colour);
		coloured.close();

		const plain = start('nocolour', {NO_COLOR: '1'});
		await plain.waitFor('Welcome to obsync');
		const without = plain.captureWithEscapes();
		expect(without).not.toMatch(colour);
		expect(plain.capture()).toContain('1  Create a project');
	});

	it('redraws for the new width when the terminal is resized', async () => {
		const session = start('resize', {});
		const narrow = await session.waitFor('Welcome to obsync');
		// At 80 columns the introduction wraps before "RocketMQ topics"; at 120 it fits on one line.
		expect(narrow).toMatch(/to\n\s*RocketMQ topics/);
		session.resize(120, 40);
		const wide = await session.waitFor((screen) => /tables to RocketMQ topics, in order per key/.test(screen));
		expect(wide).toContain('Welcome to obsync');
	});
});
