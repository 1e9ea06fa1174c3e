import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ProjectStore} from '../../../source/store/project-store.js';
import {App} from '../../../source/ui/app.js';
import {createServices} from '../../../source/ui/services.js';
import {keys} from '../helpers/render-ui.js';
import {settle} from './driver.js';
import {createFixtures, draftAtObjects, dropFixtures} from './fixtures.js';
import {ctrlD} from './step-3-ui.js';

/** A terminal of 80 columns and 24 rows (ink-testing-library's is 100 columns wide). */
class Terminal extends EventEmitter {
	readonly columns = 80;
	readonly rows = 24;
	frame = '';
	write = (frame: string) => {
		this.frame = frame;
		return true;
	};
}

class Keyboard extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write(data: string) {
		this.data = data;
		this.emit('readable');
	}
	read() {
		const data = this.data;
		this.data = null;
		return data;
	}
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

let home: string;
beforeAll(async () => {
	await createFixtures();
	home = mkdtempSync(path.join(tmpdir(), 'obsync-ui-s3-'));
});
afterAll(async () => {
	rmSync(home, {recursive: true, force: true});
	await dropFixtures();
});

describe('Step 3: objects at 80x24', () => {
	it('keeps every screen within 80 columns and 24 rows', async () => {
		const store = new ProjectStore({directory: home});
		store.saveDraft(
			'small',
			draftAtObjects('small', [
				{database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo', where: "status = 'paid' AND amount > 100"},
				{database: 'obsync_test', table: 'ui_s3_nokey', topic: 'obsync_test_fifo'},
				{database: 'ui_s3_db2', table: 'ui_s3_events', topic: 'obsync_test_fifo_b'},
			]),
		);
		const terminal = new Terminal();
		const keyboard = new Keyboard();
		const app = render(<App services={createServices({store, timeoutMs: 5000})} initialRoute={{screen: 'wizard', draftId: 'small'}} />, {
			stdout: terminal as never,
			stdin: keyboard as never,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		const lastFrame = () => terminal.frame;
		const waitFor = async (text: string) => {
			for (let i = 0; i < 500 && !terminal.frame.includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 20));
			await settle(lastFrame);
			expect(terminal.frame).toContain(text);
		};
		const press = async (...input: string[]) => {
			for (const chunk of input) {
				await settle(lastFrame);
				keyboard.write(chunk);
			}
			await settle(lastFrame);
		};
		const fits = (screen: string) => {
			const lines = terminal.frame.split('\n');
			expect(lines.length, `${screen} rows:\n${terminal.frame}`).toBeLessThanOrEqual(24);
			expect(Math.max(...lines.map((line) => [...line].length)), `${screen} columns:\n${terminal.frame}`).toBeLessThanOrEqual(80);
		};
		try {
			await waitFor('Source tables (');
			await waitFor('✘ ui_s3_nokey');
			await press(keys.down, keys.down);
			fits('the selection, a table with a problem highlighted');
			await press(keys.tab, '/', 'ui_s3_', keys.enter);
			await waitFor('Filter ui_s3_');
			fits('the source tables, filtered');
			await press('>');
			await waitFor('obsync_test_fifo_b');
			fits('Map to topic');
			await press(keys.escape, keys.tab, 's');
			await waitFor('[ OK ]');
			fits('Settings');
			await press(keys.escape, 'n');
			await waitFor('Cannot go on');
			fits('Cannot go on');
			await press(keys.escape, 'i', 'y');
			await waitFor('Ctrl+D validate');
			await press(
				'a,b,c\rx,y\rui_s3_db2,ui_s3_events,obsync_test_fifo,,,"kind = \'a rather long department name\' AND id > 100000"',
				ctrlD,
			);
			await waitFor('2 lines have problems');
			fits('Import objects, with errors');
			await press(keys.escape, 'x');
			await waitFor('Export the selection');
			fits('Export');
		} finally {
			app.unmount();
		}
	});
});
