import {writeFileSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import type {CheckResult} from '../../../source/engine/precheck/prechecks.js';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {draftToProject} from '../../../source/ui/wizard/draft.js';
import {rocketmqService} from '../../helpers/services.js';
import {keys, type RenderedUi, renderUi} from '../helpers/render-ui.js';
import {createTable, draftAt, dropTables, object, seedDraft, storedDraft} from './seed.js';

const TABLE = 'ui_s46_orders';
const LATER = 'ui_s46_later';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());
beforeAll(async () => {
	await dropTables(LATER);
	await createTable(TABLE);
});
afterAll(() => dropTables(TABLE, LATER));

const flat = (frame: string) => frame.replace(/\s+/g, ' ');
const see = (text: string, timeoutMs = 30_000) => ui.waitFor((frame) => flat(frame).includes(text), timeoutMs);
/** Waits for a run to end: the summary line without `running…`. */
const finished = () => ui.waitFor((frame) => /\d+ passed, \d+ failed/.test(frame) && !frame.includes('running…'), 60_000);

function open(id: string, change: Parameters<typeof draftAt>[2] = {}, seed?: (store: ProjectStore) => void) {
	const draft = draftAt(id, 'precheck', {objects: [object(TABLE)], ...change});
	ui = renderUi({
		route: {screen: 'wizard', draftId: draft.id},
		seed: (store) => {
			seedDraft(draft)(store);
			seed?.(store);
		},
	});
	return draft;
}

const storedPrecheck = (name: string) => ui.store.precheck(name) as {at: string; results: CheckResult[]} | undefined;

describe('Step 5: precheck', () => {
	it('runs every check live, all pass, then Start saves the project with its precheck, starts it and opens the dashboard', async () => {
		const draft = open('pass');
		await see('Step 5 of 5: Precheck');
		const frame = await finished();
		// The list filled in as checks reported.
		expect(ui.frames().some((shown) => shown.includes('running…') && /Precheck of \S+: [1-9]\d* passed/.test(shown))).toBe(true);
		expect(frame).toMatch(/\d+ passed, 0 failed, 0 warnings, 0 skipped/);
		expect(frame).not.toContain('✘');
		expect(frame).not.toContain('Start is refused');
		// Every check passed, and the run is kept in the draft.
		await vi.waitFor(() => expect(storedDraft(ui.store, draft.id)?.precheck?.results.length).toBeGreaterThan(8), {timeout: 3000});
		const results = storedDraft(ui.store, draft.id)!.precheck!.results;
		expect(results.map((result) => result.status)).toEqual(results.map(() => 'pass'));
		expect(results.map((result) => result.id)).toEqual(
			expect.arrayContaining(['source-connect', `object:obsync_test.${TABLE}`, 'destination-connect', 'topics-fifo', 'start', 'store']),
		);

		await ui.press(keys.enter);
		await ui.waitFor((frame) => !frame.includes('Step 5 of 5'), 20_000);
		expect(ui.lastFrame()).toContain(`Projects › ${draft.name}`);
		expect(ui.store.has(draft.name)).toBe(true);
		expect(ui.store.get(draft.name).objects).toEqual([object(TABLE)]);
		expect(storedPrecheck(draft.name)?.results).toHaveLength(results.length);
		expect(ui.services.running(draft.name)).toBeDefined();
		expect(ui.store.drafts()[draft.id]).toBeUndefined();
	});

	it('shows why a check failed and how to fix it (a NORMAL topic), and refuses Start', async () => {
		const draft = open('normal', {objects: [object(TABLE, 'obsync_test_normal')]});
		await finished();
		// The first failure is selected and shown in full.
		await see('✘ FAILED Each topic exists and is FIFO');
		await see('not FIFO: obsync_test_normal (NORMAL)');
		await see(
			`How to fix: per-key order needs FIFO topics: mqadmin updateTopic -n ${rocketmqService.namesrv} -c CLUSTER -t obsync_test_normal -a +message.type=FIFO, or map the tables to FIFO topics`,
		);
		await see('Start is refused: 1 check failed (Each topic exists and is FIFO)');
		await ui.press(keys.enter);
		await see(
			'✘ Start refused: 1 check failed (Each topic exists and is FIFO): fix it and press r to rerun, or s to save and start later.',
		);
		expect(ui.lastFrame()).toContain('Step 5 of 5');
		expect(ui.store.has(draft.name)).toBe(false);
		expect(ui.services.running(draft.name)).toBeUndefined();
	});

	it('fails a missing table with the reason, and r reruns the checks until they pass', async () => {
		const draft = open('later', {objects: [object(LATER)]});
		await finished();
		await see(`✘ FAILED obsync_test.${LATER}`);
		await see(`table \`obsync_test\`.\`${LATER}\` does not exist or is not visible to this user`);
		await see('How to fix:');
		await see('1 failed');
		// Fix it at the source, then run the checks again.
		await createTable(LATER);
		await ui.press('r');
		await ui.waitFor((frame) => frame.includes('running…'), 20_000);
		const frame = await finished();
		expect(frame).toMatch(/\d+ passed, 0 failed/);
		expect(frame).not.toContain('Start is refused');
		await vi.waitFor(
			() => expect(storedDraft(ui.store, draft.id)?.precheck?.results.every((result) => result.status === 'pass')).toBe(true),
			{timeout: 3000},
		);
	});

	it('saves a project whose precheck failed (to start later) and returns to the project list', async () => {
		const draft = open('savefail', {objects: [object(TABLE, 'obsync_test_normal')]});
		await finished();
		await see('1 failed');
		await ui.press('s');
		await ui.waitFor((frame) => !frame.includes('Step 5 of 5'), 10_000);
		expect(ui.store.has(draft.name)).toBe(true);
		expect(storedPrecheck(draft.name)?.results.some((result) => result.status === 'fail')).toBe(true);
		expect(ui.services.running(draft.name)).toBeUndefined();
		expect(ui.store.drafts()[draft.id]).toBeUndefined();
	});

	it('scrolls a list longer than the screen, keeping the summary in view', async () => {
		open('scroll');
		const frame = await finished();
		expect(frame).toMatch(/↓ \d+ more/);
		for (let i = 0; i < 15; i++) await ui.press(keys.down);
		await see('Local store is writable');
		expect(ui.lastFrame()).toMatch(/↑ \d+ more/);
		expect(ui.lastFrame()).toMatch(/\d+ passed, 0 failed/);
		expect(ui.lastFrame().split('\n').length).toBeLessThanOrEqual(24);
	});

	it('lists what stops an incomplete draft being a project, with the step that fixes it, and runs nothing', async () => {
		open('incomplete', {objects: [], destination: null, destinationName: null});
		await see('The project is not complete, so the precheck cannot run.');
		await see('destination: no destination is chosen: pick or add a RocketMQ data source');
		await see('go back to step 1 (Source and destination): Esc 4 times');
		await see('objects: select at least one table');
		await see('go back to step 3 (Objects): Esc 2 times');
		await ui.press('s');
		await see('The project is incomplete (see above): nothing to save yet.');
		expect(ui.lastFrame()).not.toMatch(/\d+ passed/);
	});

	it('refuses to save over another project of the same name', async () => {
		const draft = draftAt('clash', 'precheck', {objects: [object(TABLE)]});
		const built = draftToProject(draft);
		if (!built.ok) throw new Error('the draft should be a project');
		open('clash', {}, (store) => store.save({...built.project, tags: ['existing']}));
		await finished();
		await ui.press('s');
		await see(`Not saved: a project named "${draft.name}" already exists and this wizard does not edit it: go back to step 1`);
		expect(ui.store.get(draft.name).tags).toEqual(['existing']);
	});

	it('refuses Start and Save while the project being edited runs in another process: stop it first', async () => {
		const draft = draftAt('busy', 'precheck', {objects: [object(TABLE)]});
		const built = draftToProject(draft);
		if (!built.ok) throw new Error('the draft should be a project');
		open('busy', {editing: draft.name}, (store) => {
			store.save(built.project);
			// Another live process (our parent) holds the project's lock.
			writeFileSync(store.lockFile(draft.name), `${process.ppid}\n`);
		});
		await finished();
		await ui.press('s');
		await see(`is running in another process (pid ${process.ppid}): stop it first`);
		await ui.press(keys.enter);
		await see(`Start refused: ${draft.name} is running in another process (pid ${process.ppid}): stop it first`);
		expect(ui.services.running(draft.name)).toBeUndefined();
		expect(ui.lastFrame()).toContain('Step 5 of 5');
	});

	it('goes back to the options on Esc', async () => {
		open('back');
		await see('Step 5 of 5: Precheck');
		await ui.press(keys.escape);
		await see('Step 4 of 5: Options');
	});
});
