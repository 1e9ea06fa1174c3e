import {afterEach, describe, expect, it} from 'vitest';
import type {Operation} from '../../../source/engine/project/project-schema.js';
import {keys, type RenderedUi, renderUi, testDestination, testSource} from '../helpers/render-ui.js';
import {focusOn, see, seedDraft, storedDraft} from './drive.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

/** A draft that has done Step 1, opened at Step 2. */
function atStepTwo(operations: Operation[] = ['insert', 'update', 'delete']): RenderedUi {
	return renderUi({
		route: {screen: 'wizard', draftId: 'o1'},
		seed: (store) =>
			seedDraft(store, 'o1', {
				step: 'sync-type',
				name: 'ui_s12_ops',
				sourceName: 'local',
				source: testSource,
				destinationName: 'mq',
				destination: testDestination,
				operations,
			}),
	});
}

describe('Step 2: synchronization type', () => {
	it('says that obsync synchronizes DML incrementally and starts with Insert, Update and Delete selected', async () => {
		ui = atStepTwo();
		const frame = (await see(ui, 'Step 2 of 5: Synchronization type')).replace(/\s+/g, ' ');
		expect(frame).toContain('Incremental synchronization — DML for Data Change');
		expect(frame).toContain('“Incremental Synchronization supports only DML for Data Change”');
		expect(frame).toMatch(/\[x\] Insert.*\[x\] Update.*\[x\] Delete/);
		expect(frame).toContain('Sent: Insert, Update, Delete');
	});

	it('toggles an operation with Space and goes on with the choice saved in the draft', async () => {
		ui = atStepTwo();
		await see(ui, 'Step 2 of 5');
		await focusOn(ui, '[x] Update');
		await ui.press(keys.space);
		await see(ui, 'Sent: Insert, Delete');
		expect(ui.lastFrame()).toContain('[ ] Update');
		await ui.press(keys.enter);
		await ui.waitFor('Step 3 of 5');
		await ui.waitFor(() => storedDraft(ui.store, 'o1')?.step === 'objects');
		expect(storedDraft(ui.store, 'o1')?.operations).toEqual(['insert', 'delete']);
	});

	it('refuses to go on with no operation selected and says why', async () => {
		ui = atStepTwo(['update']);
		await see(ui, 'Step 2 of 5');
		await focusOn(ui, '[x] Update');
		await ui.press(keys.space);
		await see(ui, '✘ choose at least one of Insert, Update, Delete (nothing would be sent)');
		await ui.press(keys.enter);
		const frame = await ui.waitFor('Cannot go on: no operation is selected.');
		expect(frame).toContain('Step 2 of 5');
		await ui.press(keys.space);
		await ui.waitFor('Sent: Update');
		expect(ui.lastFrame()).not.toContain('Cannot go on');
	});

	it('goes back to Step 1 on Esc, keeping the choice', async () => {
		ui = atStepTwo();
		await see(ui, 'Step 2 of 5');
		await focusOn(ui, '[x] Delete');
		await ui.press(keys.space);
		await see(ui, 'Sent: Insert, Update');
		await ui.press(keys.escape);
		await ui.waitFor('Step 1 of 5');
		await ui.waitFor(() => storedDraft(ui.store, 'o1')?.step === 'source-destination');
		expect(storedDraft(ui.store, 'o1')?.operations).toEqual(['insert', 'update']);
	});
});
