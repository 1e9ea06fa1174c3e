/** Driving Step 3 in tests: open it on a draft, move the cursor to a row, filter the source's tables. */
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import {keys, renderUi} from '../helpers/render-ui.js';
import {type Driver, driver} from './driver.js';
import {draftAtObjects} from './fixtures.js';

export const ctrlD = '\u0004';
export const ctrlO = '\u000F';
export const deleteKey = '\u001B[3~';

export const draftId = 'step-3';

/** The app at Step 3 of a draft (the test services as source and destination), once its tables are listed. */
export async function openStep(objects: ProjectObject[] = [], draft = draftAtObjects(draftId, objects)): Promise<Driver> {
	const ui = driver(renderUi({route: {screen: 'wizard', draftId}, seed: (store) => store.saveDraft(draftId, draft)}));
	await ui.waitFor('Source tables (');
	return ui;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the focused row of a list (`› `) shows `label` (after its check box, open/closed arrow or ✘). */
export function cursorOn(frame: string, label: string): boolean {
	return new RegExp(`› +(?:\\[[x \\-]\\] )?(?:[▾▸] )?(?:✘ )?${escapeRegExp(label)}(?=\\s|$)`, 'm').test(frame);
}

/** Moves the focused list's cursor to the row showing `label` (down first, then up). */
export async function moveTo(ui: Driver, label: string): Promise<void> {
	for (let i = 0; i < 50; i++) {
		if (cursorOn(ui.lastFrame(), label)) return;
		await ui.press(i < 25 ? keys.down : keys.up);
	}
	throw new Error(`no row "${label}" in:\n${ui.lastFrame()}`);
}

/** Filters the source pane to this test's tables (`ui_s3_`): every database showing them opens. */
export async function showOwnTables(ui: Driver): Promise<void> {
	await ui.press('/');
	await ui.waitFor('Esc clear the filter');
	await ui.type('ui_s3_');
	await ui.waitFor('Filter ui_s3_');
	await ui.press(keys.enter);
	await ui.waitFor('> map to topic');
}

/** The frame with the selection pane cut off (each line up to the panes' border), so the source pane reads alone. */
export function sourcePane(frame: string): string {
	return frame
		.split('\n')
		.map((line) => (line.includes('│') ? line.slice(0, line.indexOf('│')) : line))
		.join('\n');
}

/** The objects of the saved draft (the wizard saves after every change, at most once a second, and on every step). */
export function savedObjects(ui: Driver): unknown {
	return (ui.store.drafts()[draftId] as {objects?: unknown} | undefined)?.objects;
}

/** Goes on to step 4 (which saves the draft) and returns the saved selection. */
export async function savedAfterNext(ui: Driver): Promise<unknown> {
	await ui.press('n');
	await ui.waitFor('Step 4 of 5');
	return savedObjects(ui);
}

/** Presses `key` `times` times (Backspace to erase, Tab to move on). */
export async function pressTimes(ui: Driver, key: string, times: number): Promise<void> {
	for (let i = 0; i < times; i++) await ui.press(key);
}
