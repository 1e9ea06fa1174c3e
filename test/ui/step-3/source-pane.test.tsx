import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {App} from '../../../source/ui/app.js';
import {keys, renderUi} from '../helpers/render-ui.js';
import {type Driver, driver, flat} from './driver.js';
import {createFixtures, draftAtObjects, dropFixtures} from './fixtures.js';
import {ctrlD, draftId, moveTo, openStep, showOwnTables, sourcePane} from './step-3-ui.js';

let ui: Driver;
beforeAll(createFixtures);
afterAll(dropFixtures);
afterEach(() => ui?.cleanup());

describe('Step 3: objects — the source tables', () => {
	it('lists the source’s databases closed, opens one with → and closes it with ←', async () => {
		ui = await openStep();
		expect(ui.lastFrame()).toContain('Step 3 of 5: Objects');
		await moveTo(ui, 'ui_s3_db2');
		expect(ui.lastFrame()).toMatch(/▸ ui_s3_db2 2 tables/);
		expect(ui.lastFrame()).not.toContain('ui_s3_events');
		await ui.press(keys.right);
		await ui.waitFor('ui_s3_events');
		expect(ui.lastFrame()).toContain('▾ ui_s3_db2');
		await ui.press(keys.left);
		await ui.waitFor((frame) => !frame.includes('ui_s3_events'));
		await ui.press(keys.enter);
		await ui.waitFor('ui_s3_events');
	});

	it('shows views and Chinese table or column names disabled, with the reason', async () => {
		ui = await openStep();
		await showOwnTables(ui);
		await moveTo(ui, 'ui_s3_view');
		expect(ui.lastFrame()).toContain('[-] ui_s3_view (a view, not a physical t');
		expect(ui.lastFrame()).toContain('obsync_test.ui_s3_view cannot be synchronized: a view, not a physical table');
		await moveTo(ui, 'ui_s3_cn_col');
		expect(ui.lastFrame()).toContain('obsync_test.ui_s3_cn_col cannot be synchronized: column names with Chinese characters: 名称');
		await moveTo(ui, 'ui_s3_表');
		expect(ui.lastFrame()).toContain('ui_s3_db2.ui_s3_表 cannot be synchronized: its name contains Chinese characters');
	});

	it('marks tables with Space, a whole database at once, but never a disabled table', async () => {
		ui = await openStep();
		await showOwnTables(ui);
		await moveTo(ui, 'ui_s3_orders');
		await ui.press(keys.space);
		await ui.waitFor('[x] ui_s3_orders');
		expect(ui.lastFrame()).toContain('Source tables (5 selectable, 1 marked)');
		await moveTo(ui, 'ui_s3_view');
		await ui.press(keys.space);
		expect(ui.lastFrame()).toContain('[-] ui_s3_view');
		expect(ui.lastFrame()).toContain('1 marked)');
		await ui.press(keys.enter);
		await ui.waitFor('✘ obsync_test.ui_s3_view cannot be synchronized: a view, not a physical table');
		await moveTo(ui, 'ui_s3_db2');
		await ui.press(keys.space);
		await ui.waitFor('2 marked)');
		expect(ui.lastFrame()).toContain('[x] ▾ ui_s3_db2 2 tables, 1 marked');
		expect(ui.lastFrame()).toContain('[-] ui_s3_表');
		await ui.press(keys.space);
		await ui.waitFor('1 marked)');
		await moveTo(ui, 'ui_s3_orders');
		await ui.press(keys.enter);
		await ui.waitFor('Source tables (5 selectable)');
	});

	it('filters by name with /, and Esc in the filter clears it', async () => {
		ui = await openStep();
		await ui.press('/');
		await ui.waitFor('Esc clear the filter');
		await ui.type('s3_ite');
		await ui.waitFor('Filter s3_ite');
		expect(ui.lastFrame()).toContain('ui_s3_items');
		expect(ui.lastFrame()).not.toContain('ui_s3_orders');
		await ui.type('zzz');
		await ui.waitFor('no table matches "s3_itezzz"');
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('Filter'));
		expect(ui.lastFrame()).toContain('Step 3 of 5');
		expect(ui.lastFrame()).toContain('▸ ui_s3_db2');
	});

	it('asks for marked tables before mapping when the cursor is on nothing selectable', async () => {
		ui = await openStep();
		await showOwnTables(ui);
		await moveTo(ui, 'ui_s3_view');
		await ui.press('>');
		await ui.waitFor('✘ mark the tables to map first (Space), or move to a table that can be synchronized, then press >');
	});

	it('switches panes with Tab, showing which has the focus and its keys', async () => {
		ui = await openStep();
		expect(ui.lastFrame()).toContain('▶ Source tables');
		expect(ui.lastFrame()).toContain('> map to topic');
		await ui.press(keys.tab);
		await ui.waitFor('▶ Selection: Topic › Database › Table');
		expect(ui.lastFrame()).toContain('t change topic');
		expect(ui.lastFrame()).toContain('nothing selected yet: mark tables on the left');
		await ui.press('s');
		await ui.waitFor('✘ the selection is empty: map tables to a topic first');
	});

	it('goes back to step 2 with Esc, keeping the selection', async () => {
		const objects = [{database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo'}];
		ui = await openStep(objects);
		await ui.press(keys.escape);
		await ui.waitFor('Step 2 of 5');
		expect(ui.store.drafts()[draftId]).toMatchObject({objects});
	});

	it('says why the tables cannot be listed, and lists them again on r', async () => {
		const draft = draftAtObjects(draftId);
		let listings = 0;
		ui = driver(
			renderUi({
				route: {screen: 'wizard', draftId},
				seed: (store) => store.saveDraft(draftId, {...draft, source: {...draft.source!, port: 1}}),
				// The real services, counting the listings.
				element: (services) => (
					<App
						services={{
							...services,
							listTables: (source) => {
								listings++;
								return services.listTables(source);
							},
						}}
						initialRoute={{screen: 'wizard', draftId}}
					/>
				),
			}),
		);
		await ui.waitFor('(r retries)');
		expect(flat(sourcePane(ui.lastFrame()))).toContain(
			'✘ the tables cannot be listed: cannot connect to 127.0.0.1:1 as obsync: connect ECONNREFUSED 127.0.0.1:1 (check the host and port',
		);
		expect(listings).toBe(1);
		await ui.press('r');
		await ui.waitFor(() => listings === 2);
		await ui.waitFor('(r retries)');
	});

	it('explains the step and its keys on ?, and Esc closes the help without leaving the step', async () => {
		ui = await openStep();
		await ui.press('?');
		await ui.waitFor('Press ? or Esc to close.');
		expect(flat(ui.lastFrame())).toContain('Choose the tables to synchronize and the topic each one goes to.');
		expect(flat(ui.lastFrame())).toContain('> map to topic');
		await ui.press(keys.escape);
		await ui.waitFor((frame) => !frame.includes('Press ? or Esc to close.'));
		expect(ui.lastFrame()).toContain('Step 3 of 5: Objects');
		expect(ui.lastFrame()).toContain('▶ Source tables');
	});

	it('says there is no source or destination when step 1 was skipped, and refuses Next', async () => {
		ui = driver(
			renderUi({
				route: {screen: 'wizard', draftId},
				seed: (store) => store.saveDraft(draftId, {...draftAtObjects(draftId), source: null, destination: null}),
			}),
		);
		await ui.waitFor('✘ there is no source yet: go back to step 1');
		expect(ui.lastFrame()).not.toContain('r retries');
		await ui.press('n');
		await ui.waitFor('✘ there is no source yet: go back to step 1 (Esc) and choose one');
		await ui.press('i', 'y');
		await ui.waitFor('Ctrl+D validate');
		await ui.type('obsync_test,ui_s3_orders,obsync_test_fifo');
		await ui.press(ctrlD);
		await ui.waitFor("the source's tables cannot be listed (there is no source yet: go back to step 1 (Esc) and choose one)");
	});
});
