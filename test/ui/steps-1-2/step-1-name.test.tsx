import {afterEach, describe, expect, it} from 'vitest';
import {draftFromProject} from '../../../source/ui/wizard/draft.js';
import {keys, type RenderedUi, renderUi, testDestination, testSource} from '../helpers/render-ui.js';
import {focusedLine, focusOn, pressButton, see, seedProject, settle, storedDraft, typeText} from './drive.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

const newProject = {screen: 'wizard', draftId: 'n1'} as const;

/** The error line under the project name, if any. */
const nameError = (frame: string) => /Project name.*\n\s+✘ (.*)/.exec(frame)?.[1];

describe('Step 1: project name and Next', () => {
	it('refuses to go on with nothing filled in, and says under each line what is missing', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5: Source and destination');
		expect(focusedLine(ui.lastFrame())).toMatch(/^Project name/);
		await pressButton(ui, 'Next');
		const frame = await ui.waitFor('Cannot go on: 3 problems, marked ✘ above.');
		expect(frame).toContain('✘ a project name is required');
		expect(frame).toContain('✘ pick a source data source, or add one');
		expect(frame).toContain('✘ pick a destination data source, or add one');
		expect(frame).toContain('Step 1 of 5');
	});

	it('says a name over 64 characters is too long as it is typed', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, 'a'.repeat(64));
		expect(nameError(ui.lastFrame())).toBeUndefined();
		await typeText(ui, 'b');
		await ui.waitFor('✘ a project name has at most 64 characters');
	});

	it('applies backspaces that arrive in one read with other keys (a held Backspace over SSH)', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, 'orders_xyz');
		await ui.press('\x7f\x7f\x7f');
		await ui.waitFor(/Project name\s+orders_\s*$/m);
		await ui.press('mqq\x7fx');
		await ui.waitFor(/Project name\s+orders_mqx\s*$/m);
		expect(nameError(ui.lastFrame())).toBeUndefined();
		await settle(1200); // the draft is saved within a second of a change
		expect(storedDraft(ui.store, 'n1')?.name).toBe('orders_mqx');
	});

	it('says which characters a name may hold', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, 'orders sync!');
		await ui.waitFor('✘ a project name may hold letters (Chinese included), digits, _ and - only');
	});

	it('takes a Chinese name without complaint', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, '订单同步_2');
		await settle();
		expect(nameError(ui.lastFrame())).toBeUndefined();
	});

	it('refuses the name of a project that already exists', async () => {
		ui = renderUi({route: newProject, seed: (store) => seedProject(store, 'orders')});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, 'orders');
		await ui.waitFor('✘ a project named "orders" already exists');
		await typeText(ui, '2');
		await ui.waitFor((frame) => !frame.includes('already exists'));
	});

	it('shows the name of an edited project as fixed, says why, and lets it keep that name', async () => {
		ui = renderUi({
			route: {screen: 'wizard', draftId: 'e1'},
			seed: (store) => store.saveDraft('e1', draftFromProject(seedProject(store, 'orders', []), 'e1')),
		});
		const frame = await see(ui, 'Step 1 of 5');
		expect(frame).toContain('orders (fixed: its checkpoint is kept under this name)');
		expect(frame).toContain('Edit orders');
		expect(focusedLine(frame)).toMatch(/^Tags/);
		expect(frame).toContain("the project's own settings · mariadb");
		await pressButton(ui, 'Next');
		await ui.waitFor('Step 2 of 5');
	});

	it('goes on to Step 2 once the name, source and destination are there, with the draft saved in the store', async () => {
		ui = renderUi({
			route: newProject,
			seed: (store) => {
				store.saveDataSource('source', 'local-mariadb', testSource);
				store.saveDataSource('destination', 'local-rocketmq', testDestination);
			},
		});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, '订单同步');
		await focusOn(ui, 'Source');
		await ui.press(keys.enter);
		await see(ui, '+ Add data source');
		await focusOn(ui, 'local-mariadb');
		await ui.press(keys.enter);
		await see(ui, 'The source is local-mariadb.');
		expect(ui.lastFrame()).toContain(`local-mariadb · mariadb ${testSource.host}:${testSource.port} as ${testSource.user}`);
		await focusOn(ui, 'Destination');
		await ui.press(keys.enter);
		await see(ui, 'Destination data sources (RocketMQ 5)');
		await focusOn(ui, 'local-rocketmq');
		await ui.press(keys.enter);
		await see(ui, 'The destination is local-rocketmq.');
		await pressButton(ui, 'Next');
		await ui.waitFor('Step 2 of 5: Synchronization type');
		await ui.waitFor(() => storedDraft(ui.store, 'n1')?.step === 'sync-type');
		expect(storedDraft(ui.store, 'n1')).toMatchObject({
			name: '订单同步',
			sourceName: 'local-mariadb',
			source: testSource,
			destinationName: 'local-rocketmq',
			destination: testDestination,
		});
	});

	it('leaves the wizard on Esc and keeps what was typed in the draft', async () => {
		ui = renderUi({route: newProject});
		await see(ui, 'Step 1 of 5');
		await typeText(ui, 'half_done');
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('Step 1 of 5'));
		expect(storedDraft(ui.store, 'n1')).toMatchObject({name: 'half_done', step: 'source-destination'});
	});
});
