import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ui.js';
import {type Driver, flat} from './driver.js';
import {createFixtures, dropFixtures} from './fixtures.js';
import {moveTo, openStep, savedObjects} from './step-3-ui.js';

let ui: Driver;
beforeAll(createFixtures);
afterAll(dropFixtures);
afterEach(() => ui?.cleanup());

const orders = {database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo'};
const noKey = {database: 'obsync_test', table: 'ui_s3_nokey', topic: 'obsync_test_fifo'};

describe('Step 3: objects — Next', () => {
	it('needs at least one table', async () => {
		ui = await openStep();
		await ui.press('n');
		await ui.waitFor('✘ select at least one table: mark tables on the left (Space) and map them to a topic (>)');
		expect(ui.lastFrame()).toContain('Step 3 of 5');
	});

	it('refuses a table without a usable key until it has sharding columns, showing which and why', async () => {
		ui = await openStep([orders, noKey]);
		await moveTo(ui, 'ui_s3_nokey');
		await ui.waitFor('✘ ui_s3_nokey');
		expect(ui.lastFrame()).toContain('Selection: 2 tables → 1 topic, 1 ✘');
		expect(flat(ui.lastFrame())).toContain('✘ `obsync_test`.`ui_s3_nokey` has no primary key and no unique key on NOT NULL columns');
		await ui.press('n');
		await ui.waitFor('Cannot go on');
		expect(flat(ui.lastFrame())).toContain('✘ 1 of 2 selected tables cannot run as configured; fix or remove it to go on:');
		expect(flat(ui.lastFrame())).toContain(
			'obsync_test.ui_s3_nokey: `obsync_test`.`ui_s3_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key (choose sharding columns for it in the object settings',
		);
		await ui.press(keys.escape);
		await ui.waitFor('✘ 1 table cannot run as configured: fix or remove them to go on');
		expect(ui.lastFrame()).toContain('Step 3 of 5: Objects');
		await ui.press('n');
		await ui.waitFor('Cannot go on');
		await ui.press(keys.enter);
		await ui.waitFor('Settings of obsync_test.ui_s3_nokey → obsync_test_fifo');
		await ui.waitFor('[ OK ]');
		for (let i = 0; i < 3; i++) await ui.press(keys.tab);
		await ui.press(keys.down, keys.space);
		await ui.waitFor('[x] b varchar');
		await ui.press(keys.tab, keys.tab, keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_nokey');
		await ui.press('n');
		await ui.waitFor('Step 4 of 5');
		expect(savedObjects(ui)).toEqual([orders, {...noKey, shardingColumns: ['b']}]);
	});

	it('refuses a table that no longer exists, and a row filter that no longer fits its table', async () => {
		const gone = {database: 'obsync_test', table: 'ui_s3_gone', topic: 'obsync_test_fifo'};
		ui = await openStep([gone, {...orders, where: 'gone_column = 1'}]);
		await ui.press('n');
		await ui.waitFor('Cannot go on');
		expect(flat(ui.lastFrame())).toContain('✘ 2 of 2 selected tables cannot run as configured; fix or remove them to go on:');
		expect(flat(ui.lastFrame())).toContain(
			'obsync_test.ui_s3_gone: its columns cannot be read: table `obsync_test`.`ui_s3_gone` does not exist or is not visible to this user (check the name, and grant SELECT on it to the source user)',
		);
		await ui.press(keys.down);
		await ui.waitFor(
			'obsync_test.ui_s3_orders: the row filter of obsync_test.ui_s3_orders names column(s) the table does not have: gone_column (the columns are: id, status, amount, note)',
		);
		await ui.press(keys.escape);
		await moveTo(ui, 'ui_s3_gone');
		await ui.press('d');
		await ui.waitFor('✔ Removed obsync_test.ui_s3_gone from the selection');
		await ui.press('n');
		await ui.waitFor('Cannot go on');
		expect(flat(ui.lastFrame())).toContain('✘ 1 of 1 selected table cannot run as configured');
	});

	it('refuses a view or a table with Chinese column names that came in with an older selection', async () => {
		const view = {database: 'obsync_test', table: 'ui_s3_view', topic: 'obsync_test_fifo'};
		const chinese = {database: 'obsync_test', table: 'ui_s3_cn_col', topic: 'obsync_test_fifo'};
		ui = await openStep([orders, view, chinese]);
		await ui.press('n');
		await ui.waitFor('Cannot go on');
		expect(flat(ui.lastFrame())).toContain('✘ 2 of 3 selected tables cannot run as configured');
		expect(flat(ui.lastFrame())).toContain('obsync_test.ui_s3_view: it cannot be synchronized: a view, not a physical table (remove it)');
		await ui.press(keys.down);
		await ui.waitFor('obsync_test.ui_s3_cn_col: it cannot be synchronized: column names with Chinese characters: 名称 (remove it)');
	});
});
