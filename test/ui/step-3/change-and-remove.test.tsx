import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ui.js';
import {type Driver, flat} from './driver.js';
import {createFixtures, dropFixtures} from './fixtures.js';
import {deleteKey, moveTo, openStep, savedAfterNext, savedObjects} from './step-3-ui.js';

let ui: Driver;
beforeAll(createFixtures);
afterAll(dropFixtures);
afterEach(() => ui?.cleanup());

const orders = {database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo', where: 'id > 1'};
const items = {database: 'obsync_test', table: 'ui_s3_items', topic: 'obsync_test_fifo'};
const events = {database: 'ui_s3_db2', table: 'ui_s3_events', topic: 'obsync_test_fifo_b'};
const selection = [orders, items, events];

describe('Step 3: objects — Change Topic', () => {
	it('asks before merging a table into a topic that already has tables, and changes nothing on n', async () => {
		ui = await openStep(selection);
		expect(ui.lastFrame()).toContain('▶ Selection: 3 tables → 2 topics');
		await moveTo(ui, 'ui_s3_events');
		await ui.press('t');
		await ui.waitFor('Change the topic of 1 table (now obsync_test_fifo_b)');
		expect(ui.lastFrame()).toContain('obsync_test_fifo FIFO · 8 queues · 2 tables mapped');
		await moveTo(ui, 'obsync_test_fifo');
		await ui.press(keys.enter);
		await ui.waitFor('Merge into obsync_test_fifo?');
		expect(flat(ui.lastFrame())).toContain('The selected tables will be merged into topic obsync_test_fifo, which already has 2 tables');
		await ui.press('n');
		await ui.waitFor('Topic not changed');
		expect(ui.lastFrame()).toContain('3 tables → 2 topics');
		await ui.press('t');
		await moveTo(ui, 'obsync_test_fifo');
		await ui.press(keys.enter);
		await ui.waitFor('Merge into obsync_test_fifo?');
		await ui.press('y');
		await ui.waitFor('✔ Moved 1 table to obsync_test_fifo');
		expect(ui.lastFrame()).toContain('3 tables → 1 topic');
		expect(await savedAfterNext(ui)).toEqual([orders, items, {...events, topic: 'obsync_test_fifo'}]);
	});

	it('changes the topic of a whole topic group, keeping each table’s settings', async () => {
		ui = await openStep(selection);
		await moveTo(ui, 'obsync_test_fifo');
		await ui.press('t');
		await ui.waitFor('Change the topic of 2 tables (now obsync_test_fifo)');
		await ui.type('fifo_b');
		await ui.press(keys.enter);
		await ui.waitFor('The selected tables will be merged into topic obsync_test_fifo_b, which already has 1 table');
		await ui.press('y');
		await ui.waitFor('✔ Moved 2 tables to obsync_test_fifo_b');
		expect(await savedAfterNext(ui)).toEqual([{...orders, topic: 'obsync_test_fifo_b'}, {...items, topic: 'obsync_test_fifo_b'}, events]);
	});

	it('moves a table to a topic without tables at once, and says when the topic is the same', async () => {
		ui = await openStep(selection);
		await moveTo(ui, 'ui_s3_orders');
		await ui.press('t');
		await moveTo(ui, 'obsync_test_fifo');
		await ui.press(keys.enter);
		await ui.waitFor('Already in obsync_test_fifo: nothing changed');
		await moveTo(ui, 'obsync_test');
		await ui.press('t');
		await ui.waitFor('Change the topic of 2 tables (now obsync_test_fifo)');
		await ui.press(keys.escape);
		await ui.waitFor('▶ Selection: 3 tables → 2 topics');
		await moveTo(ui, 'ui_s3_events');
		await ui.press('d');
		await ui.waitFor('✔ Removed ui_s3_db2.ui_s3_events from the selection');
		await moveTo(ui, 'ui_s3_items');
		await ui.press('t');
		await moveTo(ui, 'obsync_test_fifo_b');
		await ui.press(keys.enter);
		await ui.waitFor('✔ Moved 1 table to obsync_test_fifo_b');
		expect(await savedAfterNext(ui)).toEqual([orders, {...items, topic: 'obsync_test_fifo_b'}]);
	});
});

describe('Step 3: objects — Remove and Remove All', () => {
	it('removes a table at once with d, and a group with Delete after a yes', async () => {
		ui = await openStep(selection);
		await moveTo(ui, 'ui_s3_items');
		await ui.press('d');
		await ui.waitFor('✔ Removed obsync_test.ui_s3_items from the selection');
		expect(ui.lastFrame()).toContain('2 tables → 2 topics');
		await moveTo(ui, 'ui_s3_db2');
		await ui.press(deleteKey);
		await ui.waitFor('Remove 1 table?');
		expect(flat(ui.lastFrame())).toContain(
			'The 1 table of ui_s3_db2 in topic obsync_test_fifo_b will leave the selection, with their settings.',
		);
		await ui.press('n');
		await ui.waitFor('2 tables → 2 topics');
		await moveTo(ui, 'obsync_test_fifo_b');
		await ui.press('d');
		await ui.waitFor('Remove 1 table?');
		await ui.press('y');
		await ui.waitFor('✔ Removed 1 table (topic obsync_test_fifo_b)');
		expect(await savedAfterNext(ui)).toEqual([orders]);
	});

	it('removes everything with D only after a yes', async () => {
		ui = await openStep(selection);
		await ui.press('D');
		await ui.waitFor('Remove all objects?');
		expect(flat(ui.lastFrame())).toContain('All 3 tables will leave the selection, with their settings.');
		await ui.press(keys.escape);
		await ui.waitFor('3 tables → 2 topics');
		await ui.press('D');
		await ui.waitFor('Remove all objects?');
		await ui.press('y');
		await ui.waitFor('✔ Removed all tables from the selection');
		expect(ui.lastFrame()).toContain('nothing selected yet');
		await ui.press('D');
		await ui.waitFor('the selection is already empty');
		await ui.press(keys.escape);
		await ui.waitFor('Step 2 of 5');
		expect(savedObjects(ui)).toEqual([]);
	});
});
