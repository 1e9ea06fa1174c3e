import {describe, expect, it} from 'vitest';
import {applySettings, checkObject, defaultSharding, settingsOf} from '../../../source/ui/wizard/steps/objects/object-check.js';
import {byCode, noKey, nullableUnique, orders} from './schemas.js';

const order = {database: 'shop', table: 'orders', topic: 'orders_fifo'};
const blank = {where: '', renameDatabase: '', renameTable: '', shardingColumns: [], columns: []};

describe('Step 3: checking a selected table against its schema', () => {
	it('finds nothing wrong with a keyed table and its defaults', () => {
		expect(checkObject(order, orders)).toBeNull();
	});

	it('says, in the engine’s words, that a table without a usable key needs sharding columns', () => {
		expect(checkObject({...order, table: 'no_key'}, noKey)).toBe(
			'`shop`.`no_key` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key (choose sharding columns for it in the object settings (rows with equal values in them keep their order))',
		);
		expect(checkObject({...order, table: 'no_key', shardingColumns: ['a']}, noKey)).toBeNull();
	});

	it('defaults the sharding columns to the primary key, else a unique key on NOT NULL columns, else none', () => {
		expect(defaultSharding(orders)).toEqual({columns: ['id'], from: 'primary key'});
		expect(defaultSharding(byCode)).toEqual({columns: ['code'], from: 'unique key uk_code'});
		expect(defaultSharding(nullableUnique)).toBeNull();
		expect(defaultSharding(noKey)).toBeNull();
	});

	it('leaves out chosen columns the table no longer has, falling back to the default sharding columns', () => {
		expect(settingsOf({...order, shardingColumns: ['dropped'], columns: ['id', 'dropped']}, orders)).toEqual({
			...blank,
			shardingColumns: ['id'],
			columns: ['id'],
		});
	});

	it('starts the dialog from the object, the default sharding columns checked', () => {
		expect(settingsOf(order, orders)).toEqual({...blank, shardingColumns: ['id']});
		expect(settingsOf({...order, where: 'id > 1', columns: ['id'], shardingColumns: ['status']}, orders)).toEqual({
			...blank,
			where: 'id > 1',
			columns: ['id'],
			shardingColumns: ['status'],
		});
	});
});

describe('Step 3: applying the Settings dialog', () => {
	it('stores a row filter, renames and a column choice; the default sharding columns are not stored', () => {
		const result = applySettings(
			order,
			{where: "  status = 'paid' ", renameDatabase: 'mall', renameTable: ' orders ', shardingColumns: ['id'], columns: ['status', 'id']},
			orders,
		);
		expect(result).toEqual({ok: true, object: {...order, renameDatabase: 'mall', where: "status = 'paid'", columns: ['id', 'status']}});
	});

	it('stores chosen sharding columns in the table’s column order; none or all columns means all', () => {
		expect(applySettings(order, {...blank, shardingColumns: ['status', 'id'], columns: ['amount', 'status', 'id']}, orders)).toEqual({
			ok: true,
			object: {...order, shardingColumns: ['id', 'status']},
		});
	});

	it('refuses a row filter that does not parse or names a missing column, on the filter field', () => {
		const bad = applySettings(order, {...blank, where: 'status = = 1'}, orders);
		expect(bad).toMatchObject({
			ok: false,
			field: 'where',
			message: expect.stringMatching(/^the row filter of shop\.orders is not a valid WHERE clause/),
		});
		expect(applySettings(order, {...blank, where: 'total > 1'}, orders)).toEqual({
			ok: false,
			field: 'where',
			message: 'the row filter of shop.orders names column(s) the table does not have: total (the columns are: id, status, amount)',
		});
	});

	it('refuses columns that leave out a sharding column, on the columns field', () => {
		expect(applySettings(order, {...blank, shardingColumns: ['id'], columns: ['status']}, orders)).toEqual({
			ok: false,
			field: 'columns',
			message:
				'the sharding column(s) id of shop.orders are not among its selected columns (select them too, or choose other sharding columns: the message group is computed from the values sent)',
		});
	});

	it('refuses a table without a usable key until sharding columns are chosen', () => {
		const object = {...order, table: 'no_key'};
		expect(applySettings(object, blank, noKey)).toMatchObject({
			ok: false,
			field: 'shardingColumns',
			message: expect.stringContaining('has no primary key'),
		});
		expect(applySettings(object, {...blank, shardingColumns: ['b']}, noKey)).toEqual({
			ok: true,
			object: {...object, shardingColumns: ['b']},
		});
	});
});
