import {afterEach, describe, expect, it} from 'vitest';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui.js';
import {clearText, focusOn, see, seedDraft, seedProject, storedDraft, typeText} from './drive.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

const route = {screen: 'wizard', draftId: 't1'} as const;

async function openTags(): Promise<void> {
	await see(ui, 'Step 1 of 5');
	await focusOn(ui, 'Tags');
	await ui.press(keys.enter);
	await see(ui, 'Tags of this project:');
}

async function openManager(): Promise<void> {
	await openTags();
	await ui.press('m');
	await see(ui, 'Manage tags');
}

describe('Step 1: tags', () => {
	it('picks any number of tags with Space and shows them on the step, kept in the draft', async () => {
		ui = renderUi({route, seed: (store) => store.setTags(['prod', 'billing', 'staging'])});
		await openTags();
		await ui.press(keys.space);
		await ui.waitFor('Tags of this project: prod');
		await focusOn(ui, '[ ] staging');
		await ui.press(keys.space);
		await see(ui, 'Tags of this project: prod, staging');
		expect(ui.lastFrame()).toMatch(/\[x\] prod[\s\S]*\[ \] billing[\s\S]*\[x\] staging/);
		await ui.press(keys.enter);
		await see(ui, 'Step 1 of 5: Source and destination');
		expect(ui.lastFrame()).toMatch(/Tags\s+prod, staging/);
		await ui.waitFor(() => JSON.stringify(storedDraft(ui.store, 't1')?.tags) === '["prod","staging"]');
	});

	it('creates a tag, refusing an empty name and one that exists', async () => {
		ui = renderUi({route, seed: (store) => store.setTags(['prod'])});
		await openManager();
		await ui.press('n');
		await see(ui, 'New tag');
		await ui.press(keys.enter);
		await ui.waitFor('✘ a tag name is required');
		await typeText(ui, 'prod');
		await ui.press(keys.enter);
		await ui.waitFor('✘ there is already a tag named "prod"');
		await clearText(ui, 4);
		await typeText(ui, 'staging');
		await ui.press(keys.enter);
		await see(ui, 'Created tag staging.');
		expect(ui.store.tags()).toEqual(['prod', 'staging']);
		await ui.press(keys.escape);
		expect(await see(ui, 'Tags of this project:')).toContain('[ ] staging');
	});

	it('refuses a tag name over 64 characters', async () => {
		ui = renderUi({route});
		await openManager();
		await ui.press('n');
		await see(ui, 'New tag');
		await typeText(ui, 't'.repeat(65));
		await ui.press(keys.enter);
		await ui.waitFor('✘ a tag has at most 64 characters');
		expect(ui.store.tags()).toEqual([]);
	});

	it('renames a tag in the tag list, in every saved project and in this project', async () => {
		ui = renderUi({
			route,
			seed: (store) => {
				store.setTags(['prod', 'billing']);
				seedProject(store, 'ui_s12_orders', ['prod', 'billing']);
				seedProject(store, 'ui_s12_users', ['billing']);
				seedDraft(store, 't1', {tags: ['prod']});
			},
		});
		await openManager();
		expect(ui.lastFrame()).toMatch(/prod 1 project\s/);
		expect(ui.lastFrame()).toMatch(/billing 2 projects/);
		await ui.press('r');
		await see(ui, 'Rename prod to');
		await clearText(ui, 4);
		await typeText(ui, 'production');
		await ui.press(keys.enter);
		await see(ui, 'Renamed tag prod to production in 1 saved project (ui_s12_orders).');
		expect(ui.store.tags()).toEqual(['production', 'billing']);
		expect(ui.store.get('ui_s12_orders').tags).toEqual(['production', 'billing']);
		expect(ui.store.get('ui_s12_users').tags).toEqual(['billing']);
		await ui.press(keys.escape);
		await see(ui, 'Tags of this project: production');
	});

	it('deletes a tag only after asking, naming the projects that carry it, and takes it off them', async () => {
		ui = renderUi({
			route,
			seed: (store) => {
				store.setTags(['prod', 'billing']);
				seedProject(store, 'ui_s12_orders', ['prod', 'billing']);
				seedProject(store, 'ui_s12_users', ['billing']);
				seedDraft(store, 't1', {tags: ['billing']});
			},
		});
		await openManager();
		await focusOn(ui, 'billing');
		await ui.press('d');
		let frame = await see(ui, 'Delete tag billing?');
		expect(frame).toContain('It is taken off 2 saved projects (ui_s12_orders, ui_s12_users) and off this project.');
		await ui.press('n');
		await see(ui, 'Tags (2)');
		expect(ui.store.tags()).toEqual(['prod', 'billing']);
		await focusOn(ui, 'billing');
		await ui.press('d');
		await see(ui, 'Delete tag billing?');
		await ui.press('y');
		frame = await see(ui, 'Deleted tag billing; taken off in 2 saved projects (ui_s12_orders, ui_s12_users).');
		expect(ui.store.tags()).toEqual(['prod']);
		expect(ui.store.get('ui_s12_orders').tags).toEqual(['prod']);
		expect(ui.store.get('ui_s12_users').tags).toEqual([]);
		await ui.press(keys.escape);
		await see(ui, 'Tags of this project: none');
		await ui.waitFor(() => JSON.stringify(storedDraft(ui.store, 't1')?.tags) === '[]');
	});
});
