/** Reads a table's schema from information_schema: columns in order, primary key, unique keys. */
import {ConfigError} from '../errors.js';
import {type ColumnSchema, parseMembers, type TableSchema} from './table-schema.js';

/** What the loader needs of a connection: a query with placeholders that resolves to rows. */
export type SchemaQuery = (sql: string, values: unknown[]) => Promise<Array<Record<string, unknown>>>;

export async function loadTableSchema(query: SchemaQuery, database: string, table: string): Promise<TableSchema> {
	const [tables, columns, keys] = await Promise.all([
		query('SELECT TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [database, table]),
		query(
			`SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable,
			        CHARACTER_SET_NAME AS charset
			   FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
			[database, table],
		),
		query(
			`SELECT INDEX_NAME AS name, COLUMN_NAME AS col, NON_UNIQUE AS nonUnique, NULLABLE AS nullable
			   FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
			[database, table],
		),
	]);
	if (tables.length === 0) {
		throw new ConfigError(`table \`${database}\`.\`${table}\` does not exist or is not visible to this user`, {
			hint: 'check the name, and grant SELECT on it to the source user',
		});
	}
	const columnList: ColumnSchema[] = columns.map((row) => {
		const columnType = String(row.columnType);
		return {
			name: String(row.name),
			dataType: String(row.dataType).toLowerCase(),
			columnType,
			unsigned: /\bunsigned\b/i.test(columnType),
			nullable: row.nullable === 'YES',
			charset: row.charset === null || row.charset === undefined ? null : String(row.charset).toLowerCase(),
			members: parseMembers(columnType),
		};
	});
	const indexes = new Map<string, {columns: string[]; unique: boolean; notNull: boolean}>();
	for (const row of keys) {
		const name = String(row.name);
		const index = indexes.get(name) ?? {columns: [], unique: Number(row.nonUnique) === 0, notNull: true};
		index.columns.push(String(row.col));
		if (row.nullable === 'YES') index.notNull = false;
		indexes.set(name, index);
	}
	const primaryKey = indexes.get('PRIMARY')?.columns ?? [];
	const uniqueKeys = [...indexes]
		.filter(([name, index]) => name !== 'PRIMARY' && index.unique)
		.map(([name, index]) => ({name, columns: index.columns, notNull: index.notNull}));
	return {database, table, tableType: String(tables[0]!.t), columns: columnList, primaryKey, uniqueKeys};
}

/** loadTableSchema for a table obsync can read changes of: a view (or another kind) has none, so it is refused. */
export async function loadPhysicalTable(query: SchemaQuery, database: string, table: string): Promise<TableSchema> {
	return physicalTable(await loadTableSchema(query, database, table));
}

/** The schema, when it is a table's (a view, or another kind, has no changes to read); else the error that says so. */
export function physicalTable(schema: TableSchema): TableSchema {
	if (schema.tableType !== 'BASE TABLE') {
		throw new ConfigError(`${schema.database}.${schema.table} is a ${schema.tableType.toLowerCase()}, not a physical table`, {
			hint: 'select physical tables only',
		});
	}
	return schema;
}
