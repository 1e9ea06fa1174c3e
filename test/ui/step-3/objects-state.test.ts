import {describe, expect, it} from 'vitest';
import type {CatalogTable} from '../../../source/engine/catalog/source-catalog.js';
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import type {TopicInfo} from '../../../source/engine/remoting/index.js';
import {objectId} from '../../../source/ui/wizard/steps/objects/selection.js';
import {buildTargetTree, type TargetRow} from '../../../source/ui/wizard/steps/objects/target-tree.js';
import {
	initialObjectsState,
	type ObjectsAction,
	type ObjectsState,
	objectsReducer,
} from '../../../source/ui/wizard/steps/objects/use-objects-state.js';

const table = (database: string, name: string, disabledReason?: string): CatalogTable => ({
	database,
	table: name,
	tableType: disabledReason ? 'VIEW' : 'BASE TABLE',
	...(disabledReason ? {disabledReason} : {}),
});
const orders = table('shop', 'orders');
const items = table('shop', 'items');
const totals = table('shop', 'totals', 'a view');
const users = table('crm', 'users');
const catalog = [orders, items, totals, users];

const topic = (name: string, messageType: TopicInfo['messageType'] = 'FIFO'): TopicInfo => ({
	name,
	messageType,
	readQueues: 8,
	writeQueues: 8,
	brokers: ['broker-a'],
});

/** The state after the actions, from a step opened on `objects`. */
function stateAfter(actions: readonly ObjectsAction[], objects: readonly ProjectObject[] = []): ObjectsState {
	return actions.reduce(objectsReducer, initialObjectsState(objects));
}

/** The right pane's row of a table, a database or a topic, as the key hook finds it under the cursor. */
function row(objects: readonly ProjectObject[], id: string): TargetRow {
	const found = buildTargetTree(objects, [], new Map()).rows.get(id);
	if (!found) throw new Error(`no row ${id}`);
	return found;
}

const marked = (state: ObjectsState) => [...state.marked].sort();

describe('Step 3 state: the left pane', () => {
	it('marks every table of a database with Space, but never a disabled one', () => {
		const state = stateAfter([{type: 'mark', tables: [orders, items, totals]}]);
		expect(marked(state)).toEqual([objectId('shop', 'items'), objectId('shop', 'orders')]);
	});

	it('unmarks a database with Space once all its tables are marked, and marks the rest when only some are', () => {
		const some = stateAfter([{type: 'mark', tables: [orders]}]);
		const all = objectsReducer(some, {type: 'mark', tables: [orders, items, totals]});
		expect(marked(all)).toEqual([objectId('shop', 'items'), objectId('shop', 'orders')]);
		expect(marked(objectsReducer(all, {type: 'mark', tables: [orders, items, totals]}))).toEqual([]);
	});

	it('says why a disabled table cannot be synchronized when Enter picks it, and leaves it unmarked', () => {
		const state = stateAfter([{type: 'pick-table', table: totals}]);
		expect(state.marked.size).toBe(0);
		expect(state.status).toEqual({kind: 'error', text: 'shop.totals cannot be synchronized: a view'});
		expect(marked(objectsReducer(state, {type: 'pick-table', table: orders}))).toEqual([objectId('shop', 'orders')]);
	});

	it('opens a database with →, closes it with ←, and Enter turns it over', () => {
		const open = stateAfter([{type: 'expand', database: 'shop', open: true}]);
		expect([...open.expanded]).toEqual(['shop']);
		expect([...objectsReducer(open, {type: 'expand', database: 'shop', open: false}).expanded]).toEqual([]);
		expect([...objectsReducer(open, {type: 'expand', database: 'shop', open: 'toggle'}).expanded]).toEqual([]);
		expect([...objectsReducer(open, {type: 'expand', database: 'crm', open: 'toggle'}).expanded]).toEqual(['shop', 'crm']);
	});

	it('clears the filter with Esc but keeps it with Enter, handing the keys back to the list either way', () => {
		const typed = stateAfter([{type: 'start-filter'}, {type: 'filter', text: 'ord'}]);
		expect(typed).toMatchObject({filtering: true, filter: 'ord'});
		expect(objectsReducer(typed, {type: 'end-filter'})).toMatchObject({filtering: false, filter: 'ord'});
		expect(objectsReducer(typed, {type: 'clear-filter'})).toMatchObject({filtering: false, filter: ''});
	});
});

describe('Step 3 state: mapping to a topic', () => {
	it('maps the marked tables with >, then clears the marks and moves to the selection', () => {
		const asked = stateAfter([
			{type: 'mark', tables: [orders, items]},
			{type: 'open-map', tables: catalog, highlighted: [users]},
		]);
		expect(asked.mode).toEqual({kind: 'map', tables: [orders, items], change: false});
		const mapped = objectsReducer(asked, {type: 'pick-topic', topic: topic('t1')});
		expect(mapped.objects).toEqual([
			{database: 'shop', table: 'orders', topic: 't1'},
			{database: 'shop', table: 'items', topic: 't1'},
		]);
		expect(mapped).toMatchObject({mode: {kind: 'main'}, pane: 'target', status: {kind: 'ok', text: 'Mapped 2 tables to t1'}});
		expect(mapped.marked.size).toBe(0);
	});

	it('maps the highlighted table when nothing is marked, and refuses > on a disabled one', () => {
		expect(stateAfter([{type: 'open-map', tables: catalog, highlighted: [users]}]).mode).toEqual({
			kind: 'map',
			tables: [users],
			change: false,
		});
		const refused = stateAfter([{type: 'open-map', tables: catalog, highlighted: [totals]}]);
		expect(refused.mode).toEqual({kind: 'main'});
		expect(refused.status?.kind).toBe('error');
	});

	it('warns to make sure a topic of unknown type is FIFO', () => {
		const state = stateAfter([
			{type: 'open-map', tables: catalog, highlighted: [users]},
			{type: 'pick-topic', topic: topic('t9', null)},
		]);
		expect(state.status?.text).toBe('Mapped 1 table to t9; its type is unknown (no name server): make sure t9 is FIFO');
	});

	it('asks before a change of topic merges into a topic that has other tables, and n keeps the topic', () => {
		const objects = [
			{database: 'shop', table: 'orders', topic: 'a'},
			{database: 'crm', table: 'users', topic: 'b'},
		];
		const asked = stateAfter(
			[
				{type: 'change-topic', row: row(objects, `o\u0000${objectId('shop', 'orders')}`)},
				{type: 'pick-topic', topic: topic('b')},
			],
			objects,
		);
		expect(asked.mode).toMatchObject({kind: 'merge', others: 1});
		expect(objectsReducer(asked, {type: 'cancel-merge'})).toMatchObject({objects, status: {kind: 'info', text: 'Topic not changed'}});
		const merged = objectsReducer(asked, {type: 'confirm-merge'});
		expect(merged.objects.map((object) => object.topic)).toEqual(['b', 'b']);
		expect(merged.pane).toBe('target');
	});

	it('changes nothing when tables are moved to the topic they are already in', () => {
		const objects = [{database: 'shop', table: 'orders', topic: 'a'}];
		const state = stateAfter(
			[
				{type: 'change-topic', row: row(objects, 't\u0000a')},
				{type: 'pick-topic', topic: topic('a')},
			],
			objects,
		);
		expect(state).toMatchObject({objects, mode: {kind: 'main'}, status: {kind: 'info', text: 'Already in a: nothing changed'}});
	});
});

describe('Step 3 state: the selection', () => {
	const objects = [
		{database: 'shop', table: 'orders', topic: 'a'},
		{database: 'shop', table: 'items', topic: 'a'},
		{database: 'crm', table: 'users', topic: 'b'},
	];

	it('removes one table with d at once, but asks before removing a topic or a database', () => {
		const one = stateAfter([{type: 'remove', row: row(objects, `o\u0000${objectId('shop', 'items')}`)}], objects);
		expect(one.objects).toEqual([objects[0], objects[2]]);
		expect(one.mode).toEqual({kind: 'main'});
		const asked = stateAfter([{type: 'remove', row: row(objects, 't\u0000a')}], objects);
		expect(asked.objects).toBe(objects);
		expect(asked.mode).toMatchObject({kind: 'remove', what: 'topic a'});
		expect(objectsReducer(asked, {type: 'close'}).objects).toBe(objects);
		expect(objectsReducer(asked, {type: 'confirm-remove'}).objects).toEqual([objects[2]]);
	});

	it('refuses to export or remove all from an empty selection, and asks before removing all of one', () => {
		expect(stateAfter([{type: 'ask-export'}]).status).toEqual({kind: 'error', text: 'nothing to export: the selection is empty'});
		expect(stateAfter([{type: 'ask-remove-all'}]).mode).toEqual({kind: 'main'});
		expect(stateAfter([{type: 'ask-remove-all'}], objects).mode).toEqual({kind: 'remove-all'});
		expect(stateAfter([{type: 'ask-remove-all'}, {type: 'confirm-remove-all'}], objects).objects).toEqual([]);
	});

	it('opens settings for a table only, and keeps what was left with Esc until the settings are saved', () => {
		expect(stateAfter([{type: 'open-settings', object: null}]).status?.kind).toBe('error');
		const unsaved = {where: 'id > 1', renameDatabase: '', renameTable: '', shardingColumns: [], columns: []};
		const left = stateAfter(
			[
				{type: 'open-settings', object: objects[0]!},
				{type: 'cancel-settings', unsaved},
			],
			objects,
		);
		expect(left.unsavedSettings.get(objectId('shop', 'orders'))).toEqual(unsaved);
		expect(left.status?.kind).toBe('info');
		const saved = [
			{type: 'open-settings', object: objects[0]!},
			{type: 'save-settings', object: {...objects[0]!, where: 'id > 1'}},
		] as const;
		const state = saved.reduce(objectsReducer, left);
		expect(state.unsavedSettings.size).toBe(0);
		expect(state.objects[0]).toEqual({...objects[0], where: 'id > 1'});
	});

	it('keeps the import text when the import is cancelled, and replaces the selection and forgets the text on import', () => {
		const cancelled = stateAfter([
			{type: 'ask-import'},
			{type: 'confirm-import'},
			{type: 'import-text', text: 'shop,orders,t1'},
			{type: 'cancel-import'},
		]);
		expect(cancelled).toMatchObject({mode: {kind: 'main'}, importText: 'shop,orders,t1', objects: []});
		const imported = objectsReducer(objectsReducer(cancelled, {type: 'confirm-import'}), {type: 'import', objects});
		expect(imported).toMatchObject({objects, importText: undefined, pane: 'target', mode: {kind: 'main'}});
		expect(imported.status?.text).toBe('Imported 3 tables into 2 topics');
	});
});

describe('Step 3 state: Next', () => {
	const objects = [{database: 'shop', table: 'orders', topic: 'a'}];

	it('does not start the check without a source or with an empty selection, and says why', () => {
		expect(stateAfter([{type: 'next', hasSource: false}], objects)).toMatchObject({checking: false, status: {kind: 'error'}});
		expect(stateAfter([{type: 'next', hasSource: true}])).toMatchObject({checking: false, status: {kind: 'error'}});
		expect(stateAfter([{type: 'next', hasSource: true}], objects).checking).toBe(true);
	});

	it('shows the tables that cannot run once the check finds problems, and goes back to the selection on close', () => {
		const stopped = stateAfter(
			[
				{type: 'next', hasSource: true},
				{type: 'checked', problems: 1},
			],
			objects,
		);
		expect(stopped).toMatchObject({checking: false, mode: {kind: 'problems'}, status: {kind: 'error'}});
		expect(
			stateAfter(
				[
					{type: 'next', hasSource: true},
					{type: 'checked', problems: 0},
				],
				objects,
			),
		).toMatchObject({
			checking: false,
			mode: {kind: 'main'},
		});
		expect(objectsReducer({...stopped, pane: 'source'}, {type: 'close-problems'})).toMatchObject({pane: 'target', mode: {kind: 'main'}});
	});

	it('starts on the selection when the draft has one, else on the source tables', () => {
		expect(initialObjectsState(objects).pane).toBe('target');
		expect(initialObjectsState([]).pane).toBe('source');
	});
});
