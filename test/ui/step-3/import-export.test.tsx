import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ui.js';
import {type Driver, flat} from './driver.js';
import {createFixtures, dropFixtures} from './fixtures.js';
import {ctrlD, ctrlO, moveTo, openStep, pressTimes, savedAfterNext} from './step-3-ui.js';

let ui: Driver;
let directory: string;
beforeAll(async () => {
	await createFixtures();
	directory = mkdtempSync(path.join(tmpdir(), 'obsync-ui-s3-'));
});
afterAll(async () => {
	rmSync(directory, {recursive: true, force: true});
	await dropFixtures();
});
afterEach(() => ui?.cleanup());

const orders = {
	database: 'obsync_test',
	table: 'ui_s3_orders',
	topic: 'obsync_test_fifo',
	where: 'id > 1',
	shardingColumns: ['id', 'status'],
};
const events = {database: 'ui_s3_db2', table: 'ui_s3_events', topic: 'obsync_test_fifo_b', renameTable: 'events_v2'};
const defaultFile = './obsync-objects-shop.csv';

/** Opens Import Objects past its confirmation, on an empty line under the header. */
async function openImport(): Promise<void> {
	await ui.press('i');
	await ui.waitFor('Import objects?');
	await ui.press('y');
	await ui.waitFor('Ctrl+D validate');
}

describe('Step 3: objects — Import Objects', () => {
	it('asks first, saying the selection will be overwritten; n leaves everything as it was', async () => {
		ui = await openStep([orders]);
		await ui.press('i');
		await ui.waitFor('Import objects?');
		expect(flat(ui.lastFrame())).toContain('This will overwrite the current selection (1 table) once the imported lines are valid.');
		await ui.press('n');
		await ui.waitFor('▶ Selection: 1 table → 1 topic');
	});

	it('shows the format, and says a text without tables has nothing to import', async () => {
		ui = await openStep();
		await openImport();
		const frame = ui.lastFrame();
		expect(frame).toContain('Columns: database,table,topic[,renamed database,renamed table,row filter]');
		expect(frame).toContain(' 1 │ database,table,topic,renamed database,renamed table,row filter');
		await ui.press(ctrlD);
		await ui.waitFor('line 1: there is no table to import: write one line per table');
		expect(ui.lastFrame()).toContain('✘ 1 line has problems, nothing was imported: fix it and press Ctrl+D again');
	});

	it('validates every line against the source and the destination, each problem with its line number', async () => {
		ui = await openStep();
		await openImport();
		const lines: Array<[string, string[]]> = [
			['obsync_test,ui_s3_nope,obsync_test_fifo', ['the source has no table obsync_test.ui_s3_nope']],
			[
				'obsync_test,UI_S3_ORDERS,obsync_test_fifo',
				['the source has no table obsync_test.UI_S3_ORDERS (did you mean obsync_test.ui_s3_orders? names are case-sensitive)'],
			],
			['obsync_test,ui_s3_view,obsync_test_fifo', ['obsync_test.ui_s3_view cannot be synchronized: a view, not a physical table']],
			[
				'obsync_test,ui_s3_cn_col,obsync_test_fifo',
				['obsync_test.ui_s3_cn_col cannot be synchronized: column names with Chinese characters: 名称'],
			],
			['ui_s3_db2,ui_s3_表,obsync_test_fifo', ['ui_s3_db2.ui_s3_表 cannot be synchronized: its name contains Chinese characters']],
			[
				'obsync_test,ui_s3_orders,obsync_test_normal',
				[
					'topic obsync_test_normal is NORMAL, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t obsync_test_normal -a +message.type=FIFO)',
				],
			],
			[
				'obsync_test,ui_s3_items,ui_s3_no_topic',
				['the destination has no topic named ui_s3_no_topic: create it (FIFO) or use an existing one'],
			],
			['obsync_test,ui_s3_uk,bad topic!', ['topic "bad topic!": a topic name has 1-127 characters among letters, digits, %, |, _ and -']],
			['obsync_test,ui_s3_uk', ['expected at least 3 fields (database,table,topic), found 2']],
			[
				'obsync_test,ui_s3_uk,obsync_test_fifo,,,a = 1,b = 2',
				[
					'expected at most 6 fields (database,table,topic,renamed database,renamed table,row filter), found 7: put a row filter that holds commas in double quotes',
				],
			],
			['obsync_test,ui_s3_nokey,obsync_test_fifo,,,"a = = 1"', ['the row filter of obsync_test.ui_s3_nokey is not a valid WHERE clause:']],
			[
				"ui_s3_db2,ui_s3_events,obsync_test_fifo,,,kindd = 'x'",
				['the row filter of ui_s3_db2.ui_s3_events names column(s) the table does not have: kindd (the columns are: id, kind)'],
			],
			['ui_s3_db2,ui_s3_events,obsync_test_fifo', ['ui_s3_db2.ui_s3_events is already on line 13: list each table once']],
			['obsync_test,"ui_s3_uk,obsync_test_fifo', ['field 2 opens a quote that is not closed on this line']],
			[',ui_s3_uk,obsync_test_fifo', ['the database is empty']],
			['obsync_test,,obsync_test_fifo', ['the table is empty']],
			['obsync_test,ui_s3_items,', ['the topic is empty', 'obsync_test.ui_s3_items is already on line 8: list each table once']],
		];
		await ui.type(lines.map(([line]) => line).join('\r'));
		await ui.waitFor('18 │ obsync_test,ui_s3_items,');
		await ui.press(ctrlD);
		await ui.waitFor('17 lines have problems, nothing was imported: fix them and press Ctrl+D again');
		for (let i = 0; i < lines.length; i++) await ui.press(keys.up);
		for (const [i, [, messages]] of lines.entries()) {
			await ui.press(keys.down);
			const number = i + 2;
			expect(ui.lastFrame()).toMatch(new RegExp(`✘ *${number} │`));
			for (const message of messages) expect(flat(ui.lastFrame())).toContain(`line ${number}: ${message}`);
		}
		expect(ui.lastFrame()).toContain('problems in all: the list starts at the cursor');
	});

	it('replaces the selection once every line is valid, after a last yes', async () => {
		ui = await openStep([orders]);
		await openImport();
		// Backspaces read in one chunk with the text (a held key over SSH) delete, they are not typed.
		await ui.type('obsync_test,ui_s3_nope,obsync_test_fifoxy\x7f\x7f');
		await ui.press(ctrlD);
		await ui.waitFor('line 2: the source has no table obsync_test.ui_s3_nope');
		expect(ui.lastFrame()).toMatch(/obsync_test,ui_s3_nope,obsync_test_fifo\s*$/m);
		await pressTimes(ui, keys.backspace, 'nope,obsync_test_fifo'.length);
		await ui.type(`items,obsync_test_fifo,shop,order_items,"sku LIKE 'A%', or not"`);
		await ui.press(ctrlD);
		await ui.waitFor('line 2: the row filter of obsync_test.ui_s3_items');
		await pressTimes(ui, keys.backspace, `"sku LIKE 'A%', or not"`.length);
		await ui.type(`"sku LIKE 'A%'"`);
		await ui.press(keys.enter);
		await ui.type('ui_s3_db2,ui_s3_events,obsync_test_fifo_b');
		await ui.press(ctrlD);
		await ui.waitFor('All 2 lines are valid: import 2 tables into 2 topics?');
		expect(flat(ui.lastFrame())).toContain('The current selection (1 table, with their settings) will be replaced.');
		await ui.press('n');
		await ui.waitFor('Ctrl+D validate');
		await ui.press(ctrlD);
		await ui.waitFor('All 2 lines are valid');
		await ui.press('y');
		await ui.waitFor('✔ Imported 2 tables into 2 topics');
		expect(ui.lastFrame()).toContain('▶ Selection: 2 tables → 2 topics');
		expect(await savedAfterNext(ui)).toEqual([
			{
				database: 'obsync_test',
				table: 'ui_s3_items',
				topic: 'obsync_test_fifo',
				renameDatabase: 'shop',
				renameTable: 'order_items',
				where: "sku LIKE 'A%'",
			},
			{database: 'ui_s3_db2', table: 'ui_s3_events', topic: 'obsync_test_fifo_b'},
		]);
	});

	it('loads a CSV file into the text with Ctrl+O, and says when it cannot', async () => {
		const file = path.join(directory, 'load.csv');
		writeFileSync(file, '# tables of the shop\ndatabase,table,topic\nobsync_test,ui_s3_uk,obsync_test_fifo\n');
		ui = await openStep();
		await openImport();
		await ui.press(ctrlO);
		await ui.waitFor(`Load file ${defaultFile}`);
		await ui.press(keys.enter);
		await ui.waitFor(`✘ cannot read ${path.resolve(defaultFile)}: ENOENT: no such file or directory`);
		await pressTimes(ui, keys.backspace, defaultFile.length);
		await ui.type(file);
		await ui.press(keys.enter);
		await ui.waitFor(`✔ Loaded 3 lines from ${file}: press Ctrl+D to validate them`);
		expect(ui.lastFrame()).toContain(' 3 │ obsync_test,ui_s3_uk,obsync_test_fifo');
		await ui.press(ctrlD);
		await ui.waitFor('All 1 line is valid: import 1 table into 1 topic?');
		await ui.press('y');
		await ui.waitFor('✔ Imported 1 table into 1 topic');
		expect(await savedAfterNext(ui)).toEqual([{database: 'obsync_test', table: 'ui_s3_uk', topic: 'obsync_test_fifo'}]);
	});

	it('leaves the selection as it was on Esc', async () => {
		ui = await openStep([orders]);
		await openImport();
		await ui.type('obsync_test,ui_s3_uk,obsync_test_fifo');
		await ui.press(keys.escape);
		await ui.waitFor('Import cancelled: the selection is unchanged');
		expect(await savedAfterNext(ui)).toEqual([orders]);
	});

	it('keeps the typed text when the dialog is closed with Esc and opened again', async () => {
		ui = await openStep([orders]);
		await openImport();
		await ui.type('obsync_test,ui_s3_uk,obsync_test_fifo');
		await ui.press(keys.escape);
		await ui.waitFor('the text is kept for next time');
		await openImport();
		expect(ui.lastFrame()).toContain('obsync_test,ui_s3_uk,obsync_test_fifo');
	});
});

describe('Step 3: objects — Export', () => {
	it('has nothing to export from an empty selection', async () => {
		ui = await openStep();
		await ui.press('x');
		await ui.waitFor('✘ nothing to export: the selection is empty');
	});

	it('writes the selection as the import CSV to the file typed, asking before overwriting, and imports it back', async () => {
		const file = path.join(directory, 'export.csv');
		ui = await openStep([orders, events]);
		await ui.press('x');
		await ui.waitFor('Export the selection (2 tables) as CSV');
		expect(flat(ui.lastFrame())).toContain(`File ${defaultFile}`);
		expect(ui.lastFrame()).toContain('Sharding and column choices are not part of the CSV');
		await pressTimes(ui, keys.backspace, defaultFile.length);
		await ui.type(file);
		await ui.press(keys.enter);
		await ui.waitFor(`✔ Exported 2 tables to ${file}`);
		const expected = [
			'database,table,topic,renamed database,renamed table,row filter',
			'obsync_test,ui_s3_orders,obsync_test_fifo,,,id > 1',
			'ui_s3_db2,ui_s3_events,obsync_test_fifo_b,,events_v2,',
			'',
		].join('\n');
		expect(readFileSync(file, 'utf8')).toBe(expected);
		writeFileSync(file, 'old');
		await ui.press('x');
		await pressTimes(ui, keys.backspace, defaultFile.length);
		await ui.type(file);
		await ui.press(keys.enter);
		await ui.waitFor(`${file} exists`);
		await ui.press('n');
		await ui.waitFor('Enter export');
		expect(readFileSync(file, 'utf8')).toBe('old');
		await ui.press(keys.enter);
		await ui.waitFor('Overwrite it with the selection?');
		await ui.press('y');
		await ui.waitFor(`✔ Exported 2 tables to ${file}`);
		expect(readFileSync(file, 'utf8')).toBe(expected);
		await ui.press('D');
		await ui.press('y');
		await ui.waitFor('nothing selected yet');
		await openImport();
		await ui.press(ctrlO);
		await pressTimes(ui, keys.backspace, defaultFile.length);
		await ui.type(file);
		await ui.press(keys.enter);
		await ui.waitFor(`Loaded 3 lines from ${file}`);
		await ui.press(ctrlD);
		await ui.waitFor('All 2 lines are valid');
		await ui.press('y');
		await ui.waitFor('✔ Imported 2 tables into 2 topics');
		expect(await savedAfterNext(ui)).toEqual([
			{database: 'obsync_test', table: 'ui_s3_orders', topic: 'obsync_test_fifo', where: 'id > 1'},
			events,
		]);
	});

	it('says why a file cannot be written, and Esc leaves without writing', async () => {
		const file = path.join(directory, 'no-such-dir', 'out.csv');
		ui = await openStep([orders]);
		await moveTo(ui, 'ui_s3_orders');
		await ui.press('x');
		await pressTimes(ui, keys.backspace, defaultFile.length);
		await ui.type(file);
		await ui.press(keys.enter);
		await ui.waitFor(`✘ cannot write ${file}: ENOENT: no such file or directory`);
		expect(flat(ui.lastFrame())).toContain('(its directory does not exist)');
		await pressTimes(ui, keys.backspace, file.length);
		await ui.press(keys.enter);
		await ui.waitFor('✘ type the path of the file to write');
		await ui.press(keys.escape);
		await ui.waitFor('▶ Selection: 1 table → 1 topic');
		expect(existsSync(file)).toBe(false);
	});
});
