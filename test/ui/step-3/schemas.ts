/** Table schemas and catalog entries for the unit tests of Step 3's pure code (shaped as the engine reads them). */
import type {CatalogTable} from '../../../source/engine/catalog/source-catalog.js';
import type {TopicInfo} from '../../../source/engine/remoting/index.js';
import type {ColumnSchema, TableSchema} from '../../../source/engine/schema/table-schema.js';

export function column(name: string, dataType = 'int', nullable = true): ColumnSchema {
	return {name, dataType, columnType: dataType, unsigned: false, nullable, charset: null, members: []};
}

export function schema(
	table: string,
	columns: ColumnSchema[],
	keys: Partial<Pick<TableSchema, 'primaryKey' | 'uniqueKeys'>> = {},
): TableSchema {
	return {database: 'shop', table, tableType: 'BASE TABLE', columns, primaryKey: keys.primaryKey ?? [], uniqueKeys: keys.uniqueKeys ?? []};
}

export const orders = schema('orders', [column('id', 'bigint', false), column('status', 'varchar', false), column('amount', 'decimal')], {
	primaryKey: ['id'],
});
export const byCode = schema('by_code', [column('code', 'varchar', false), column('name', 'varchar')], {
	uniqueKeys: [{name: 'uk_code', columns: ['code'], notNull: true}],
});
export const nullableUnique = schema('nullable_unique', [column('code', 'varchar'), column('name', 'varchar')], {
	uniqueKeys: [{name: 'uk_code', columns: ['code'], notNull: false}],
});
export const noKey = schema('no_key', [column('a'), column('b', 'varchar')]);

export const catalog: CatalogTable[] = [
	{database: 'shop', table: 'orders', tableType: 'BASE TABLE'},
	{database: 'shop', table: 'items', tableType: 'BASE TABLE'},
	{database: 'shop', table: 'no_key', tableType: 'BASE TABLE'},
	{database: 'shop', table: 'Mixed', tableType: 'BASE TABLE'},
	{database: 'shop', table: 'orders_view', tableType: 'VIEW', disabledReason: 'a view, not a physical table'},
	{database: 'shop', table: '订单', tableType: 'BASE TABLE', disabledReason: 'its name contains Chinese characters'},
	{database: 'crm', table: 'users', tableType: 'BASE TABLE'},
];

export const topic = (name: string, messageType: TopicInfo['messageType'] = 'FIFO', writeQueues = 8): TopicInfo => ({
	name,
	messageType,
	readQueues: writeQueues,
	writeQueues,
	brokers: ['broker-a'],
});

export const topics: TopicInfo[] = [topic('orders_fifo'), topic('users_fifo'), topic('plain', 'NORMAL', 4)];
