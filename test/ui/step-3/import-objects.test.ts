import {describe, expect, it} from 'vitest';
import {tablesWithRowFilters, topicsNamed, validateImport} from '../../../source/ui/wizard/steps/objects/import-objects.js';
import {objectId} from '../../../source/ui/wizard/steps/objects/selection.js';
import {catalog, orders, topic, topics} from './schemas.js';

const context = {tables: catalog, topics};
const errorsOf = (text: string, extra = {}) => validateImport(text, {...context, ...extra}).errors;

describe('Step 3: validating imported objects', () => {
	it('turns valid lines into objects, with renames and row filters, a header line allowed', () => {
		const text = [
			'database,table,topic,renamed database,renamed table,row filter',
			`shop,orders,orders_fifo,mall,,"status = 'paid' AND amount > 100"`,
			'crm,users,users_fifo,crm,people',
			'shop,items,orders_fifo',
		].join('\n');
		expect(validateImport(text, context)).toEqual({
			objects: [
				{database: 'shop', table: 'orders', topic: 'orders_fifo', renameDatabase: 'mall', where: "status = 'paid' AND amount > 100"},
				{database: 'crm', table: 'users', topic: 'users_fifo', renameTable: 'people'},
				{database: 'shop', table: 'items', topic: 'orders_fifo'},
			],
			errors: [],
		});
	});

	it('says a text without table lines has nothing to import', () => {
		expect(errorsOf('database,table,topic\n\n# nothing\n')).toEqual([
			{line: 1, message: 'there is no table to import: write one line per table'},
		]);
	});

	it('counts the fields of each line', () => {
		expect(errorsOf('shop,orders\nshop,orders,orders_fifo,a,b,status = 1,extra')).toEqual([
			{line: 1, message: 'expected at least 3 fields (database,table,topic), found 2'},
			{
				line: 2,
				message:
					'expected at most 6 fields (database,table,topic,renamed database,renamed table,row filter), found 7: put a row filter that holds commas in double quotes',
			},
		]);
	});

	it('needs a database, a table and a topic', () => {
		expect(errorsOf(',orders,orders_fifo\nshop,,orders_fifo\nshop,items,')).toEqual([
			{line: 1, message: 'the database is empty'},
			{line: 2, message: 'the table is empty'},
			{line: 3, message: 'the topic is empty'},
		]);
	});

	it('names tables the source does not have, suggesting the right case', () => {
		expect(errorsOf('shop,nope,orders_fifo\nshop,mixed,orders_fifo')).toEqual([
			{line: 1, message: 'the source has no table shop.nope'},
			{line: 2, message: 'the source has no table shop.mixed (did you mean shop.Mixed? names are case-sensitive)'},
		]);
	});

	it('refuses views and Chinese names with the reason', () => {
		expect(errorsOf('shop,orders_view,orders_fifo\nshop,订单,orders_fifo')).toEqual([
			{line: 1, message: 'shop.orders_view cannot be synchronized: a view, not a physical table'},
			{line: 2, message: 'shop.订单 cannot be synchronized: its name contains Chinese characters'},
		]);
	});

	it('refuses a table listed twice, pointing at the first line', () => {
		expect(errorsOf('shop,orders,orders_fifo\n\nshop,orders,users_fifo')).toEqual([
			{line: 3, message: 'shop.orders is already on line 1: list each table once'},
		]);
	});

	it('checks the topic: its name, that it exists, that it is FIFO', () => {
		expect(errorsOf('shop,orders,bad topic!\nshop,items,missing_topic\ncrm,users,plain')).toEqual([
			{line: 1, message: 'topic "bad topic!": a topic name has 1-127 characters among letters, digits, %, |, _ and -'},
			{line: 2, message: 'the destination has no topic named missing_topic: create it (FIFO) or use an existing one'},
			{
				line: 3,
				message: 'topic plain is NORMAL, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t plain -a +message.type=FIFO)',
			},
		]);
	});

	it('accepts a topic of unknown type (found through the proxy) and says why a topic could not be checked', () => {
		const found = {
			topics: [...topics, topic('via_proxy', null, 0)],
			topicErrors: new Map([['down_topic', 'cannot reach the name server']]),
		};
		expect(errorsOf('shop,orders,via_proxy\nshop,items,down_topic', found)).toEqual([
			{line: 2, message: 'topic down_topic cannot be checked: cannot reach the name server'},
		]);
	});

	it('checks row filters with the engine: syntax always, columns when the schema is known', () => {
		const schemas = new Map([[objectId('shop', 'orders'), orders]]);
		const errors = errorsOf('shop,orders,orders_fifo,,,statuz = 1\nshop,items,orders_fifo,,,"a = = 1"\nshop,no_key,orders_fifo,,,b <=> 1', {
			schemas,
		});
		expect(errors.map((error) => error.line)).toEqual([1, 2, 3]);
		expect(errors[0]!.message).toBe(
			'the row filter of shop.orders names column(s) the table does not have: statuz (the columns are: id, status, amount)',
		);
		expect(errors[1]!.message).toMatch(/^the row filter of shop\.items is not a valid WHERE clause: /);
		expect(errors[2]!.message).toBe(
			'the row filter of shop.no_key uses <=>, which row filters do not support (write (a = b OR (a IS NULL AND b IS NULL)) instead)',
		);
	});

	it('reports every problem of a line, and lines that cannot be split, in line order', () => {
		expect(errorsOf('shop,"orders\nshop,orders_view,plain')).toEqual([
			{line: 1, message: 'field 2 opens a quote that is not closed on this line'},
			{line: 2, message: 'shop.orders_view cannot be synchronized: a view, not a physical table'},
			{
				line: 2,
				message: 'topic plain is NORMAL, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t plain -a +message.type=FIFO)',
			},
		]);
	});

	it('drops a rename to the same name', () => {
		expect(validateImport('shop,orders,orders_fifo,shop,orders', context).objects).toEqual([
			{database: 'shop', table: 'orders', topic: 'orders_fifo'},
		]);
	});

	it('names the tables whose filters need a schema and the well-formed topics to look up', () => {
		const text = 'shop,orders,orders_fifo,,,id > 1\nshop,items,bad topic\ncrm,users,users_fifo\nshop,orders,orders_fifo';
		expect(tablesWithRowFilters(text)).toEqual([expect.objectContaining({database: 'shop', table: 'orders'})]);
		expect(topicsNamed(text)).toEqual(['orders_fifo', 'users_fifo']);
	});
});
