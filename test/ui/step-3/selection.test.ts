import {describe, expect, it} from 'vitest';
import {
	groupByTopic,
	mapToTopic,
	objectId,
	othersInTopic,
	removeObjects,
	replaceObject,
	settingsSummary,
} from '../../../source/ui/wizard/steps/objects/selection.js';

const orders = {database: 'shop', table: 'orders', topic: 'a', where: 'id > 1'};
const items = {database: 'shop', table: 'items', topic: 'b'};
const users = {database: 'crm', table: 'users', topic: 'a'};

describe('Step 3: operations on the selection', () => {
	it('maps new tables to a topic after the selected ones', () => {
		expect(mapToTopic([orders], [{database: 'crm', table: 'users'}], 'a')).toEqual({objects: [orders, users], added: 1, moved: 0});
	});

	it('moves selected tables to the new topic keeping their settings, and counts them', () => {
		const result = mapToTopic(
			[orders, items],
			[
				{database: 'shop', table: 'orders'},
				{database: 'shop', table: 'items'},
			],
			'b',
		);
		expect(result).toEqual({objects: [{...orders, topic: 'b'}, items], added: 0, moved: 1});
	});

	it('counts the tables a change of topic merges with', () => {
		expect(othersInTopic([orders, items, users], new Set([objectId('shop', 'items')]), 'a')).toBe(2);
		expect(othersInTopic([orders, items, users], new Set([objectId('shop', 'orders'), objectId('crm', 'users')]), 'a')).toBe(0);
	});

	it('removes and replaces by table', () => {
		expect(removeObjects([orders, items, users], new Set([objectId('shop', 'items')]))).toEqual([orders, users]);
		expect(replaceObject([orders, items], {...items, where: 'x = 1'})).toEqual([orders, {...items, where: 'x = 1'}]);
	});

	it('groups the selection as Topic > Database > Table, sorted', () => {
		expect(groupByTopic([orders, items, users, {database: 'shop', table: 'audit', topic: 'a'}])).toEqual([
			{
				topic: 'a',
				count: 3,
				databases: [
					{database: 'crm', objects: [users]},
					{database: 'shop', objects: [{database: 'shop', table: 'audit', topic: 'a'}, orders]},
				],
			},
			{topic: 'b', count: 1, databases: [{database: 'shop', objects: [items]}]},
		]);
	});

	it('tells a table’s settings in a few words', () => {
		expect(settingsSummary(items)).toBe('');
		expect(settingsSummary({...orders, renameTable: 'o', shardingColumns: ['id'], columns: ['id', 'status']})).toBe(
			'WHERE id > 1 · as shop.o · sharding id · 2 columns',
		);
	});
});
