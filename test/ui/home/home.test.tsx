import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {Home} from '../../../source/ui/home/home.js';
import {draftFromProject, emptyDraft, readDraft} from '../../../source/ui/wizard/draft.js';
import {keys, type RenderedUi, testDestination, testSource} from '../helpers/render-ui.js';
import {eventually, type HarnessUi, renderApp, renderScreen} from './harness.js';
import {createTable, dropTable, project, seedProject} from './seed.js';

let ui: RenderedUi | HarnessUi | undefined;
afterEach(() => {
	ui?.cleanup();
	ui = undefined;
});
beforeAll(createTable);
afterAll(dropTable);

const draft = (id: string, fields: Partial<ReturnType<typeof emptyDraft>>, at = new Date('2025-03-01T09:30:00Z')) => ({
	...emptyDraft(id, at),
	...fields,
});

describe('Home: first run', () => {
	it('welcomes a newcomer with nothing configured and offers a project or the playground', async () => {
		ui = renderApp();
		const frame = await ui.waitFor('Welcome to obsync');
		expect(frame).toContain('Nothing is configured on this machine yet');
		expect(frame).toContain('1  Create a project');
		expect(frame).toContain('2  Try the local playground');
		expect(frame).toContain('1/n new project');
		expect(frame).toContain('2/p playground');
		expect(frame).not.toContain('Projects (0)');
	});

	it('n opens the wizard on a new draft, saved at once', async () => {
		ui = renderApp();
		await ui.waitFor('Welcome to obsync');
		await ui.press('n');
		await ui.waitFor('Step 1 of 5');
		const drafts = Object.values(ui.store.drafts()).map(readDraft);
		expect(drafts).toHaveLength(1);
		expect(drafts[0]).toMatchObject({step: 'source-destination', name: ''});
	});

	it('Enter on the second choice (or 2) goes to the playground; 1 creates a project', async () => {
		const screen = renderScreen(() => <Home />);
		ui = screen;
		await screen.waitFor('Welcome to obsync');
		await screen.press(keys.down, keys.enter);
		await eventually(() => screen.routes.length === 1, 'a route');
		expect(screen.routes[0]).toEqual({screen: 'playground'});
		await screen.press('2');
		expect(screen.routes[1]).toEqual({screen: 'playground'});
		await screen.press('1');
		expect(screen.routes[2]).toMatchObject({screen: 'wizard'});
	});

	it('is no longer a first run once a data source is saved', async () => {
		ui = renderApp({seed: (store) => store.saveDataSource('source', 'db', testSource)});
		const frame = await ui.waitFor('Projects (0)');
		expect(frame).toContain('none yet: n creates one');
		expect(frame).not.toContain('Welcome to obsync');
	});
});

describe('Home: projects', () => {
	it('lists each project with its tags and state: never run, stopped, running in another process', async () => {
		ui = renderApp({
			seed: (store) => {
				seedProject(store, 'ui_home_a', {tags: ['billing', 'prod']});
				seedProject(store, 'ui_home_b', {checkpoint: true});
				seedProject(store, 'ui_home_c', {checkpoint: true});
				writeFileSync(store.lockFile('ui_home_c'), `${process.ppid}\n`);
			},
		});
		const frame = await ui.waitFor('Projects (3)');
		expect(frame).toMatch(/ui_home_a\s+billing, prod\s+never run/);
		expect(frame).toMatch(/ui_home_b\s+–\s+stopped/);
		expect(frame).toContain(`running (obsync run, pid ${process.ppid})`);
		expect(frame).toContain('Drafts (0)');
	});

	it('shows a project started here as running, with its lag, refreshed every second', async () => {
		ui = renderApp({seed: (store) => seedProject(store, 'ui_home_live')});
		await ui.waitFor('never run');
		const engine = ui.services.start(ui.store.get('ui_home_live'));
		try {
			await ui.waitFor(/ui_home_live\s+–\s+running · lag \d+ s/, 20_000);
		} finally {
			await engine.stop();
		}
		await ui.waitFor(/ui_home_live\s+–\s+stopped/);
	});

	it('refuses to edit or delete a running project, and says why', async () => {
		ui = renderApp({seed: (store) => seedProject(store, 'ui_home_busy')});
		const engine = ui.services.start(ui.store.get('ui_home_busy'));
		try {
			await ui.waitFor(/running · lag|starting…/, 20_000);
			await ui.press('d');
			await ui.waitFor('stop it (on its dashboard) before deleting it');
			expect(ui.lastFrame()).not.toContain('Delete the project');
			await ui.press('e');
			await ui.waitFor('stop it (on its dashboard) before editing it');
			expect(ui.store.has('ui_home_busy')).toBe(true);
			expect(ui.store.drafts()).toEqual({});
		} finally {
			await engine.stop();
		}
	});

	it('deletes a project after y, with its checkpoint; n keeps it', async () => {
		ui = renderApp({
			seed: (store) => {
				seedProject(store, 'ui_home_del', {checkpoint: true});
				seedProject(store, 'ui_home_keep');
			},
		});
		await ui.waitFor('Projects (2)');
		await ui.press('d');
		await ui.waitFor('Delete the project ui_home_del?');
		expect(ui.lastFrame()).toContain('its checkpoint');
		await ui.press('n');
		await ui.waitFor('Nothing was deleted.');
		expect(ui.store.has('ui_home_del')).toBe(true);
		await ui.press('d');
		await ui.waitFor('Delete the project ui_home_del?');
		await ui.press('y');
		await ui.waitFor('Deleted the project ui_home_del and its checkpoint');
		expect(ui.store.names()).toEqual(['ui_home_keep']);
		expect(existsSync(ui.store.checkpointFile('ui_home_del'))).toBe(false);
		expect(ui.lastFrame()).toContain('Projects (1)');
	});

	it('Enter opens the dashboard of the selected project; ↓ moves the selection', async () => {
		const screen = renderScreen(() => <Home />, {
			seed: (store) => {
				seedProject(store, 'ui_home_one');
				seedProject(store, 'ui_home_two');
			},
		});
		ui = screen;
		await screen.waitFor('› ui_home_one');
		await screen.press(keys.down);
		await screen.waitFor('› ui_home_two');
		await screen.press(keys.enter);
		expect(screen.routes).toEqual([{screen: 'dashboard', project: 'ui_home_two'}]);
	});

	it('e reopens a stopped project in the wizard as a draft that edits it (and reuses that draft next time)', async () => {
		const screen = renderScreen(() => <Home />, {seed: (store) => seedProject(store, 'ui_home_edit', {tags: ['t1']})});
		ui = screen;
		await screen.waitFor('ui_home_edit');
		await screen.press('e');
		await eventually(() => screen.routes.length === 1, 'the wizard route');
		const route = screen.routes[0];
		expect(route).toMatchObject({screen: 'wizard'});
		const id = route?.screen === 'wizard' ? route.draftId : '';
		expect(readDraft(screen.store.drafts()[id])).toMatchObject({editing: 'ui_home_edit', name: 'ui_home_edit', tags: ['t1']});
		await screen.waitFor('edit of ui_home_edit');
		await screen.press('e');
		expect(screen.routes[1]).toEqual({screen: 'wizard', draftId: id});
		expect(Object.keys(screen.store.drafts())).toEqual([id]);
	});

	it('e reopens the unfinished edit of a project that no longer loads, where it can be fixed', async () => {
		const screen = renderScreen(() => <Home />, {
			seed: (store) => {
				seedProject(store, 'ui_home_broken');
				const edit = {...draftFromProject(store.get('ui_home_broken')), tags: ['mending']};
				store.saveDraft(edit.id, edit);
				// Hand-edited since: the stored project no longer validates.
				const file = JSON.parse(readFileSync(store.path, 'utf8'));
				file.projects.ui_home_broken.objects = [];
				writeFileSync(store.path, JSON.stringify(file));
			},
		});
		ui = screen;
		await screen.waitFor(/ui_home_broken.*invalid/);
		const [id] = Object.keys(screen.store.drafts());
		await screen.press('e');
		await eventually(() => screen.routes.length === 1, 'the wizard route');
		expect(screen.routes[0]).toEqual({screen: 'wizard', draftId: id});
		expect(Object.keys(screen.store.drafts())).toEqual([id]);
	});

	it('s opens the data sources, p the playground, q asks the app to quit', async () => {
		const screen = renderScreen(() => <Home />, {seed: (store) => seedProject(store, 'ui_home_keys')});
		ui = screen;
		await screen.waitFor('ui_home_keys');
		await screen.press('s', 'p', 'q');
		expect(screen.routes).toEqual([{screen: 'data-sources'}, {screen: 'playground'}]);
		expect(screen.quits()).toBe(1);
	});

	it('stays within 24 rows with many projects, saying how many more there are', async () => {
		ui = renderApp({
			seed: (store) => {
				for (let i = 10; i < 40; i++) store.save(project(`ui_home_p${i}`));
			},
		});
		await ui.waitFor('Projects (30)');
		await ui.waitFor('↓');
		expect(ui.lastFrame()).toMatch(/↓ \d+ more/);
		for (const frame of ui.frames()) expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		await ui.press(keys.pageDown, keys.pageDown, keys.pageDown);
		await ui.waitFor('› ui_home_p');
		expect(ui.lastFrame()).toMatch(/↑ \d+ more/);
		for (const frame of ui.frames()) expect(frame.split('\n').length).toBeLessThanOrEqual(24);
	});
});

describe('Home: drafts', () => {
	it('lists drafts by name (or unnamed) with their step and time, and Enter resumes one in the wizard', async () => {
		ui = renderApp({
			seed: (store) => {
				seedProject(store, 'ui_home_x');
				store.saveDraft('d-named', draft('d-named', {name: 'ui_home_orders_sync', step: 'objects', source: testSource}));
				store.saveDraft('d-empty', draft('d-empty', {destination: testDestination}, new Date('2025-01-01T09:30:00Z')));
			},
		});
		const frame = await ui.waitFor('Drafts (2)');
		expect(frame).toMatch(/ui_home_orders_sync\s+step 3 of 5: Objects · saved 2025-03-0\d/);
		expect(frame).toMatch(/unnamed\s+step 1 of 5: Source and destination/);
		await ui.press(keys.down);
		await ui.waitFor('› ui_home_orders_sync');
		expect(ui.lastFrame()).toContain('Enter resume draft');
		await ui.press(keys.enter);
		await ui.waitFor('Step 3 of 5');
		expect(ui.lastFrame()).toContain('ui_home_orders_sync');
	});

	it('deletes a draft after y', async () => {
		ui = renderApp({seed: (store) => store.saveDraft('d1', draft('d1', {name: 'ui_home_gone'}))});
		await ui.waitFor('› ui_home_gone');
		await ui.press('d');
		await ui.waitFor('Delete the draft ui_home_gone?');
		expect(ui.lastFrame()).toContain('is lost');
		await ui.press('y');
		await ui.waitFor('Deleted the draft ui_home_gone.');
		expect(ui.store.drafts()).toEqual({});
	});

	it('refuses to resume a draft it cannot read, and offers to delete it', async () => {
		const screen = renderScreen(() => <Home />, {seed: (store) => store.saveDraft('zzz-old', {shape: 'from another version'})});
		ui = screen;
		await screen.waitFor(/› unreadable draft\s+zzz-old: saved by another version/);
		await screen.press(keys.enter);
		await screen.waitFor('the unreadable draft zzz-old was saved by another version and cannot be resumed: d deletes it');
		expect(screen.routes).toEqual([]);
		await screen.press('d');
		await screen.waitFor('Delete the unreadable draft zzz-old?');
		await screen.press('y');
		await screen.waitFor('Deleted the unreadable draft zzz-old.');
		expect(screen.store.drafts()).toEqual({});
	});
});
