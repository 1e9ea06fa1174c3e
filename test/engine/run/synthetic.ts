/**
 * Synthetic source items for unit tests of the dispatcher and the coordinator: transactions of typed row changes of
 * one table `shop.orders (id INT PRIMARY KEY, status VARCHAR)`, numbered and placed as the assembler would.
 */
import type {RowOperation} from '../../../source/engine/binlog/events/rows.js';
import type {TableMap} from '../../../source/engine/binlog/events/table-map.js';
import type {TransactionInfo} from '../../../source/engine/binlog/transactions.js';
import type {TypedChange, TypedOutput} from '../../../source/engine/schema/apply-schema.js';
import type {TableSchema} from '../../../source/engine/schema/table-schema.js';

export const FILE = 'mysql-bin.000007';

export const orders: TableSchema = {
	database: 'shop',
	table: 'orders',
	tableType: 'BASE TABLE',
	columns: [
		{name: 'id', dataType: 'int', columnType: 'int(11)', unsigned: false, nullable: false, charset: null, members: []},
		{name: 'status', dataType: 'varchar', columnType: 'varchar(20)', unsigned: false, nullable: true, charset: 'utf8mb4', members: []},
	],
	primaryKey: ['id'],
	uniqueKeys: [],
};

const tableMap: TableMap = {tableId: 70, database: 'shop', table: 'orders', flags: 0, columns: [], optional: {}};

export type Row = {readonly op: RowOperation; readonly id: number; readonly status?: string; readonly from?: number};

/**
 * A transaction starting at `start` whose rows come `perEvent` to a rows event, in items of `perItem` changes (as
 * the assembler streams big transactions): begin, rows…, commit.
 */
export function transaction(
	start: number,
	rows: readonly Row[],
	options: {perEvent?: number; perItem?: number; gtid?: string; schema?: TableSchema} = {},
): TypedOutput[] {
	const schema = options.schema ?? orders;
	const perEvent = options.perEvent ?? 2;
	const perItem = options.perItem ?? 3;
	const info: TransactionInfo = {
		id: options.gtid ?? `${FILE}:${start}`,
		gtid: options.gtid ?? null,
		begin: {file: FILE, position: start},
		start: {file: FILE, position: start},
		timestamp: 1_700_000_000,
	};
	const changes: TypedChange[] = rows.map((row, i) => ({
		operation: row.op,
		table: schema === orders ? tableMap : {...tableMap, database: schema.database, table: schema.table},
		schema,
		before: row.op === 'insert' ? null : [row.from ?? row.id, 'old'],
		after: row.op === 'delete' ? null : [row.id, row.status ?? 'new'],
		at: {file: FILE, position: start + 100 + 50 * Math.floor(i / perEvent)},
		rowIndex: i % perEvent,
		ordinal: i + 1,
	}));
	const items: TypedOutput[] = [{kind: 'begin', transaction: info}];
	for (let i = 0; i < changes.length; i += perItem) {
		const typed = changes.slice(i, i + perItem);
		items.push({kind: 'rows', transaction: info, changes: [], typed});
	}
	const end = start + 100 + 50 * Math.ceil(rows.length / perEvent) + 31;
	items.push({kind: 'commit', transaction: info, commitTime: 1_700_000_001, resume: {file: FILE, position: end}});
	return items;
}

export const inserts = (count: number, firstId = 1): Row[] => Array.from({length: count}, (_, i) => ({op: 'insert', id: firstId + i}));

/** The position after a transaction built by `transaction`. */
export function endOf(items: readonly TypedOutput[]): number {
	const last = items.at(-1)!;
	if (last.kind !== 'commit') throw new Error('not a transaction');
	return last.resume.position;
}

/** `shop.customers (id INT, email VARCHAR NOT NULL UNIQUE, status VARCHAR)`'s first two columns: keyed by its unique key only. */
export const customers: TableSchema = {
	...orders,
	table: 'customers',
	columns: [
		{...orders.columns[0]!, nullable: true},
		{name: 'email', dataType: 'varchar', columnType: 'varchar(50)', unsigned: false, nullable: false, charset: 'utf8mb4', members: []},
	],
	primaryKey: [],
	uniqueKeys: [{name: 'email', columns: ['email'], notNull: true}],
};

/** `shop.orders` after `ALTER TABLE orders ADD COLUMN note VARCHAR(20)`: rows logged before it have one column less. */
export const ordersWithNote: TableSchema = {
	...orders,
	columns: [
		...orders.columns,
		{name: 'note', dataType: 'varchar', columnType: 'varchar(20)', unsigned: false, nullable: true, charset: 'utf8mb4', members: []},
	],
};

/** A DDL statement at `start` (outside any transaction), as the assembler gives it. */
export function ddlAt(start: number, query: string, database = 'shop'): TypedOutput {
	return {
		kind: 'ddl',
		database,
		query,
		timestamp: 1_700_000_002,
		at: {file: FILE, position: start},
		resume: {file: FILE, position: start + 80},
	};
}
