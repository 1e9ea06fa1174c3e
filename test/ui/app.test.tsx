import {afterEach, describe, expect, it} from 'vitest';
import {keys, type RenderedUi, renderUi} from './helpers/render-ui.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

describe('the app frame', () => {
	it('types ? into a focused text field rather than opening help', async () => {
		ui = renderUi({route: {screen: 'wizard', draftId: 'd1'}});
		await ui.waitFor('Step 1 of 5');
		await ui.press('?');
		await ui.waitFor('Project name  ?');
		expect(ui.lastFrame()).not.toContain('Press ? or Esc to close.');
	});

	it('shows the help panel on ? and closes it with Esc, keeping the screen underneath', async () => {
		ui = renderUi({route: {screen: 'wizard', draftId: 'd1'}});
		await ui.waitFor('Step 1 of 5');
		await ui.type('orders');
		await ui.press(keys.down, '?');
		await ui.waitFor('Help');
		expect(ui.lastFrame()).toContain('Esc goes back');
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('Press ? or Esc to close.'));
		expect(ui.lastFrame()).toContain('Step 1 of 5');
		expect(ui.lastFrame()).toContain('orders');
	});
});
