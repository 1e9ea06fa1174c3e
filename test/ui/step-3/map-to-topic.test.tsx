import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ui.js';
import {type Driver, flat} from './driver.js';
import {createFixtures, draftAtObjects, dropFixtures} from './fixtures.js';
import {cursorOn, draftId, moveTo, openStep, savedObjects, showOwnTables} from './step-3-ui.js';

let ui: Driver;
beforeAll(createFixtures);
afterAll(dropFixtures);
afterEach(() => ui?.cleanup());

/** Marks ui_s3_orders and ui_s3_items and opens Map Object to Topic. */
async function mapTwoTables(): Promise<void> {
	ui = await openStep();
	await showOwnTables(ui);
	await moveTo(ui, 'ui_s3_orders');
	await ui.press(keys.space);
	await moveTo(ui, 'ui_s3_items');
	await ui.press(keys.space, '>');
	await ui.waitFor('obsync_test_fifo_b');
}

describe('Step 3: objects — Map Object to Topic', () => {
	it('lists the destination’s topics from the name server, each with its type and queues', async () => {
		await mapTwoTables();
		const frame = ui.lastFrame();
		expect(frame).toContain('Step 3 of 5: Objects › Map to topic');
		expect(frame).toContain('Map 2 tables to a topic: ui_s3_items, ui_s3_orders');
		expect(frame).toMatch(/obsync_test_fifo FIFO · 8 queues\n/);
		expect(frame).toContain('obsync_test_fifo_b FIFO · 8 queues');
		expect(frame).toContain('obsync_test_normal NORMAL · 4 queues (NORMAL: not FIFO)');
	});

	it('maps the marked tables to the chosen FIFO topic, shown as Topic > Database > Table, and saves them', async () => {
		await mapTwoTables();
		await moveTo(ui, 'obsync_test_fifo_b');
		await ui.press(keys.enter);
		await ui.waitFor('✔ Mapped 2 tables to obsync_test_fifo_b');
		const frame = ui.lastFrame();
		expect(frame).toContain('▶ Selection: 2 tables → 1 topic');
		expect(frame).toMatch(/▾ obsync_test_fifo_b FIFO · 2 tables\n[^\n]*│ +obsync_test\n[^\n]*│ +ui_s3_items\n[^\n]*│ +ui_s3_orders\n/);
		expect(frame).toContain('ui_s3_orders → obsync_test_fifo_b');
		expect(frame).toContain('Source tables (5 selectable)');
		await ui.press('n');
		await ui.waitFor('Step 4 of 5');
		expect(savedObjects(ui)).toEqual([
			{database: 'obsync_test', table: 'ui_s3_items', topic: 'obsync_test_fifo_b'},
			{database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo_b'},
		]);
	});

	it('searches the topics as you type', async () => {
		await mapTwoTables();
		await ui.type('fifo_b');
		await ui.waitFor('Topic fifo_b');
		expect(ui.lastFrame()).toContain('obsync_test_fifo_b');
		expect(ui.lastFrame()).not.toMatch(/obsync_test_fifo FIFO/);
		expect(ui.lastFrame()).not.toContain('obsync_test_normal');
		await ui.press(keys.enter);
		await ui.waitFor('✔ Mapped 2 tables to obsync_test_fifo_b');
	});

	it('refuses a topic that is not FIFO and says why', async () => {
		await mapTwoTables();
		await moveTo(ui, 'obsync_test_normal');
		expect(flat(ui.lastFrame())).toContain('obsync_test_normal is NORMAL, not FIFO: per-key order needs a FIFO topic');
		await ui.press(keys.enter);
		await ui.waitFor(
			'✘ obsync_test_normal is NORMAL, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t obsync_test_normal -a +message.type=FIFO)',
		);
		expect(ui.lastFrame()).toContain('Map to topic');
	});

	it('checks a typed name the list lacks with the destination, and says when there is no such topic', async () => {
		await mapTwoTables();
		await ui.type('ui_s3_no_such_topic');
		await ui.waitFor('No listed topic contains "ui_s3_no_such_topic": Enter asks the destination for a topic named so.');
		await ui.press(keys.enter);
		await ui.waitFor(
			'✘ there is no topic named ui_s3_no_such_topic (create it (FIFO: mqadmin updateTopic -t NAME -c CLUSTER -a +message.type=FIFO) or pick an existing one)',
		);
	});

	it('refuses a typed name that cannot be a topic', async () => {
		await mapTwoTables();
		await ui.type('bad topic!');
		await ui.press(keys.enter);
		await ui.waitFor('✘ "bad topic!": a topic name has 1-127 characters among letters, digits, %, |, _ and -');
	});

	it('keeps the marks and the filter when the dialog is cancelled with Esc', async () => {
		await mapTwoTables();
		await ui.type('fifo');
		await ui.press(keys.escape);
		await ui.waitFor('Source tables (5 selectable, 2 marked)');
		expect(ui.lastFrame()).toContain('Filter ui_s3_');
		expect(ui.lastFrame()).toContain('[x] ui_s3_items');
		expect(cursorOn(ui.lastFrame(), 'ui_s3_items')).toBe(true);
		expect(ui.lastFrame()).toContain('nothing selected yet');
	});

	it('moves an already mapped table to the new topic, keeping its settings', async () => {
		const objects = [{database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo', where: 'id > 10'}];
		ui = await openStep(objects);
		await ui.press(keys.tab);
		await showOwnTables(ui);
		await moveTo(ui, 'ui_s3_orders');
		expect(ui.lastFrame()).toContain('ui_s3_orders → obsync_test_fifo');
		await ui.press('>');
		await moveTo(ui, 'obsync_test_fifo_b');
		await ui.press(keys.enter);
		await ui.waitFor('✔ Mapped 1 table to obsync_test_fifo_b (1 moved from another topic)');
		await ui.press('n');
		await ui.waitFor('Step 4 of 5');
		expect(savedObjects(ui)).toEqual([{...objects[0], topic: 'obsync_test_fifo_b'}]);
	});

	it('without a name server, says the topics cannot be listed and checks a typed name through the proxy (a route query)', async () => {
		const draft = draftAtObjects(draftId);
		ui = await openStep([], {...draft, destination: {...draft.destination!, nameServer: undefined}});
		await showOwnTables(ui);
		await moveTo(ui, 'ui_s3_orders');
		await ui.press('>');
		await ui.waitFor('! The topics cannot be listed (the destination has no name server, so its topics cannot be listed');
		await ui.type('obsync_test_fifo');
		await ui.press(keys.enter);
		await ui.waitFor(
			'✔ Mapped 1 table to obsync_test_fifo; its type is unknown (no name server): make sure obsync_test_fifo is FIFO',
			30_000,
		);
		await ui.press(keys.tab);
		await moveTo(ui, 'ui_s3_items');
		await ui.press('>');
		await ui.waitFor('! The topics cannot be listed');
		await ui.type('ui_s3_missing');
		await ui.press(keys.enter);
		// The route query answers quickly, so "Checking topic…" may come and go between two frames.
		await ui.waitFor('knows no topic named ui_s3_missing', 60_000);
		expect(ui.lastFrame()).toContain('Map to topic');
		expect(ui.lastFrame()).toContain('✘ the proxy at 127.0.0.1:28081 knows no topic named ui_s3_missing');
		await ui.press(keys.escape);
		await ui.waitFor('Selection: 1 table → 1 topic');
	});
});
