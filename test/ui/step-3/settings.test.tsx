import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ui.js';
import {type Driver, flat} from './driver.js';
import {createFixtures, dropFixtures} from './fixtures.js';
import {moveTo, openStep, pressTimes, savedAfterNext} from './step-3-ui.js';

let ui: Driver;
beforeAll(createFixtures);
afterAll(dropFixtures);
afterEach(() => ui?.cleanup());

const orders = {database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo'};
const noKey = {database: 'obsync_test', table: 'ui_s3_nokey', topic: 'obsync_test_fifo'};
const unique = {database: 'obsync_test', table: 'ui_s3_uk', topic: 'obsync_test_fifo'};
const shiftTab = '\u001B[Z';

/** Opens the Settings dialog of a selected table, once its columns are read. */
async function openSettings(table: string): Promise<void> {
	await moveTo(ui, table);
	await ui.press('s');
	await ui.waitFor('[ OK ]');
}

/** Moves the dialog's focus forward (Tab) `times`. */

describe('Step 3: objects — Settings', () => {
	it('starts from the defaults: every row, all columns, the primary key as sharding columns', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		const frame = ui.lastFrame();
		expect(frame).toContain('Step 3 of 5: Objects › Settings');
		expect(frame).toContain('Settings of obsync_test.ui_s3_orders → obsync_test_fifo');
		expect(frame).toContain('› Row filter (WHERE)');
		expect(frame).toContain('Sharding (default: primary key)');
		expect(frame).toContain('Columns (none checked = all 4)');
		expect(frame).toMatch(/\[x\] id bigint PK +\[ \] id bigint PK/);
		expect(frame).toMatch(/\[ \] status varchar +\[ \] status varchar/);
	});

	it('refuses a row filter that does not parse or names a missing column, with the engine’s words, then saves a valid one', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		await ui.type('status = = 1');
		await pressTimes(ui, keys.tab, 5);
		await ui.waitFor('› [ OK ]');
		await ui.press(keys.enter);
		await ui.waitFor('✘ the row filter of obsync_test.ui_s3_orders is not a valid WHERE clause:');
		expect(ui.lastFrame()).toContain('› Row filter (WHERE)');
		await pressTimes(ui, keys.backspace, 'status = = 1'.length);
		await ui.type('statuz = 1');
		await pressTimes(ui, keys.tab, 5);
		await ui.press(keys.enter);
		await ui.waitFor(
			'✘ the row filter of obsync_test.ui_s3_orders names column(s) the table does not have: statuz (the columns are: id, status, amount, note)',
		);
		await pressTimes(ui, keys.backspace, 'statuz = 1'.length);
		await ui.type("status = 'paid' AND amount > 100");
		await pressTimes(ui, keys.tab, 5);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_orders');
		expect(ui.lastFrame()).toMatch(/ui_s3_orders filter/);
		expect(flat(ui.lastFrame())).toContain("obsync_test.ui_s3_orders → obsync_test_fifo · WHERE status = 'paid' AND amount > 100");
		expect(await savedAfterNext(ui)).toEqual([{...orders, where: "status = 'paid' AND amount > 100"}]);
	});

	it('refuses columns that leave out a sharding column, and saves a choice that keeps it', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		await pressTimes(ui, keys.tab, 4);
		await ui.waitFor('› Columns (');
		await ui.press(keys.down, keys.space);
		await ui.waitFor('Columns (1 of 4 sent)');
		await pressTimes(ui, keys.tab, 1);
		await ui.press(keys.enter);
		await ui.waitFor(
			'✘ the sharding column(s) id of obsync_test.ui_s3_orders are not among its selected columns (select them too, or choose other sharding columns: the message group is computed from the values sent)',
		);
		expect(ui.lastFrame()).toContain('› Columns (');
		await ui.press(keys.up, keys.space);
		await ui.waitFor('Columns (2 of 4 sent)');
		await pressTimes(ui, keys.tab, 1);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_orders');
		expect(ui.lastFrame()).toMatch(/ui_s3_orders columns/);
		expect(await savedAfterNext(ui)).toEqual([{...orders, columns: ['id', 'status']}]);
	});

	it('checks all or no columns with a (all means all: nothing is stored)', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		await pressTimes(ui, keys.tab, 4);
		await ui.press('a');
		await ui.waitFor('Columns (4 of 4 sent)');
		await ui.press('a');
		await ui.waitFor('Columns (none checked = all 4)');
		await ui.press('a');
		await pressTimes(ui, keys.tab, 1);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings');
		expect(await savedAfterNext(ui)).toEqual([orders]);
	});

	it('needs sharding columns for a table with no key, and takes the chosen ones', async () => {
		ui = await openStep([orders, noKey]);
		await moveTo(ui, 'ui_s3_nokey');
		await ui.waitFor('✘ ui_s3_nokey');
		await openSettings('ui_s3_nokey');
		expect(ui.lastFrame()).toContain('Sharding (no key: choose some)');
		await pressTimes(ui, keys.tab, 5);
		await ui.press(keys.enter);
		await ui.waitFor(
			'✘ `obsync_test`.`ui_s3_nokey` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key',
		);
		expect(ui.lastFrame()).toContain('› Sharding');
		await ui.press(keys.space);
		await ui.waitFor('[x] a int');
		await pressTimes(ui, keys.tab, 2);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_nokey');
		expect(ui.lastFrame()).not.toContain('✘ ui_s3_nokey');
		expect(ui.lastFrame()).toContain('sharding a');
		expect(await savedAfterNext(ui)).toEqual([orders, {...noKey, shardingColumns: ['a']}]);
	});

	it('defaults to a unique key on NOT NULL columns, and stores other sharding columns in the table’s order', async () => {
		ui = await openStep([unique]);
		await openSettings('ui_s3_uk');
		expect(ui.lastFrame()).toContain('Sharding (default: unique key uk_code)');
		expect(ui.lastFrame()).toMatch(/\[x\] code varchar/);
		await pressTimes(ui, keys.tab, 3);
		await ui.press(keys.down, keys.space, keys.up, keys.space);
		await ui.waitFor(/\[ \] code varchar/);
		await pressTimes(ui, keys.tab, 2);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_uk');
		expect(await savedAfterNext(ui)).toEqual([{...unique, shardingColumns: ['name']}]);
	});

	it('renames the database and table the messages carry', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		await pressTimes(ui, keys.tab, 1);
		await ui.type('shop');
		await pressTimes(ui, keys.tab, 1);
		await ui.type('orders_v2');
		await ui.press(shiftTab, shiftTab);
		await ui.waitFor('› Row filter (WHERE)');
		await pressTimes(ui, keys.tab, 5);
		await ui.press(keys.enter);
		await ui.waitFor('✔ Saved the settings of obsync_test.ui_s3_orders');
		expect(ui.lastFrame()).toContain('as shop.orders_v2');
		expect(await savedAfterNext(ui)).toEqual([{...orders, renameDatabase: 'shop', renameTable: 'orders_v2'}]);
	});

	it('saves nothing on Esc, and shows what was entered again when the settings are reopened', async () => {
		ui = await openStep([orders]);
		await openSettings('ui_s3_orders');
		await ui.type('id > 5');
		await ui.press(keys.escape);
		await ui.waitFor('▶ Selection: 1 table → 1 topic');
		await ui.waitFor('Settings not saved; what you entered is kept');
		expect(ui.lastFrame()).not.toContain('WHERE');
		// The cursor is still on the table: s opens its settings again, with the filter as typed.
		await ui.press('s');
		await ui.waitFor('[ OK ]');
		expect(ui.lastFrame()).toContain('id > 5');
		await ui.press(keys.escape);
		await ui.waitFor('▶ Selection: 1 table → 1 topic');
		expect(await savedAfterNext(ui)).toEqual([orders]);
	});

	it('says settings belong to a table when the cursor is on a topic or a database', async () => {
		ui = await openStep([orders]);
		await moveTo(ui, 'obsync_test_fifo');
		await ui.press('s');
		await ui.waitFor('✘ settings belong to one table: move to a table (the rows under a database) and press s');
	});
});
