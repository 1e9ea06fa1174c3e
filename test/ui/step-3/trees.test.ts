import {describe, expect, it} from 'vitest';
import {objectId} from '../../../source/ui/wizard/steps/objects/selection.js';
import {buildSourceTree, databaseItemId, tableItemId} from '../../../source/ui/wizard/steps/objects/source-tree.js';
import {buildTargetTree} from '../../../source/ui/wizard/steps/objects/target-tree.js';
import {searchTopics, topicDetail, topicRefusal} from '../../../source/ui/wizard/steps/objects/topics.js';
import {catalog, topic, topics} from './schemas.js';

const none = {expanded: new Set<string>(), filter: '', marked: new Set<string>(), mapped: new Map<string, string>()};

describe('Step 3: the source pane', () => {
	it('shows closed databases with their table counts', () => {
		const tree = buildSourceTree(catalog, none);
		expect(tree.items.map((item) => [item.label, item.detail])).toEqual([
			['▸ shop', '6 tables'],
			['▸ crm', '1 table'],
		]);
		expect(tree.selectable).toBe(5);
	});

	it('opens a database onto its tables, disabled ones with the reason and mapped ones with their topic', () => {
		const tree = buildSourceTree(catalog, {
			...none,
			expanded: new Set(['shop']),
			mapped: new Map([[objectId('shop', 'orders'), 'orders_fifo']]),
		});
		expect(tree.items.filter((item) => item.depth === 1).map((item) => [item.label, item.detail ?? item.disabled ?? ''])).toEqual([
			['orders', '→ orders_fifo'],
			['items', ''],
			['no_key', ''],
			['Mixed', ''],
			['orders_view', 'a view, not a physical table'],
			['订单', 'its name contains Chinese characters'],
		]);
	});

	it('filters by db.table (all matching databases open), and a database marks only its selectable shown tables', () => {
		const tree = buildSourceTree(catalog, {...none, filter: 'ORDERS'});
		expect(tree.items.map((item) => item.label)).toEqual(['▾ shop', 'orders', 'orders_view']);
		expect(tree.tablesOf(databaseItemId('shop')).map((table) => table.table)).toEqual(['orders']);
		expect(tree.tablesOf(tableItemId('shop', 'orders_view'))).toEqual([]);
		expect(buildSourceTree(catalog, {...none, filter: 'nothing'}).items).toEqual([]);
	});

	it('checks marked tables, and a database whose selectable tables are all marked', () => {
		const marked = new Set(['orders', 'items', 'no_key', 'Mixed'].map((table) => objectId('shop', table)));
		const tree = buildSourceTree(catalog, {...none, expanded: new Set(['shop']), marked});
		expect(tree.checked.has(databaseItemId('shop'))).toBe(true);
		expect(tree.checked.has(tableItemId('shop', 'items'))).toBe(true);
		expect(tree.items[0]!.detail).toBe('6 tables, 4 marked');
	});

	it('disables a database with nothing that can be synchronized', () => {
		const tree = buildSourceTree([catalog[4]!], none);
		expect(tree.items[0]!.disabled).toBe('nothing here can be synchronized');
	});
});

describe('Step 3: the selection pane', () => {
	it('lists the selection as Topic > Database > Table, with flags and ✘ for tables that cannot run', () => {
		const objects = [
			{database: 'shop', table: 'orders', topic: 'orders_fifo', where: 'id > 1', renameTable: 'o'},
			{database: 'shop', table: 'no_key', topic: 'orders_fifo'},
			{database: 'crm', table: 'users', topic: 'unknown_topic', columns: ['id']},
		];
		const tree = buildTargetTree(objects, topics, new Map([[objectId('shop', 'no_key'), 'no key']]));
		expect(tree.items.map((item) => ['  '.repeat(item.depth ?? 0) + item.label, item.detail ?? ''])).toEqual([
			['▾ orders_fifo', 'FIFO · 2 tables'],
			['  shop', ''],
			['    ✘ no_key', ''],
			['    orders', 'filter, renamed'],
			['▾ unknown_topic', '1 table'],
			['  crm', ''],
			['    users', 'columns'],
		]);
		expect(tree.rows.get(tree.items[0]!.id)).toMatchObject({kind: 'topic', objects: [objects[1], objects[0]]});
		expect(tree.rows.get(tree.items[5]!.id)).toMatchObject({kind: 'database', database: 'crm', objects: [objects[2]]});
	});
});

describe('Step 3: topics', () => {
	it('finds topics by part of the name, an exact match first', () => {
		const all = [topic('orders'), topic('big_orders'), topic('orders_b'), topic('users')];
		expect(searchTopics(all, 'orders').map((t) => t.name)).toEqual(['orders', 'orders_b', 'big_orders']);
		expect(searchTopics(all, 'ORD').map((t) => t.name)).toEqual(['orders', 'orders_b', 'big_orders']);
		expect(searchTopics(all, '').map((t) => t.name)).toEqual(['big_orders', 'orders', 'orders_b', 'users']);
	});

	it('refuses any type but FIFO, and lets a topic of unknown type through', () => {
		expect(topicRefusal(topic('a'))).toBeNull();
		expect(topicRefusal(topic('a', null))).toBeNull();
		expect(topicRefusal(topic('n', 'NORMAL'))).toBe(
			'is NORMAL, not FIFO: per-key order needs a FIFO topic (mqadmin updateTopic -t n -a +message.type=FIFO)',
		);
		expect(topicRefusal(topic('d', 'DELAY'))).toMatch(/^is DELAY, not FIFO/);
	});

	it('describes a topic by type and queues', () => {
		expect(topicDetail(topic('a'))).toBe('FIFO · 8 queues');
		expect(topicDetail(topic('a', null, 0))).toBe('type unknown');
	});
});
