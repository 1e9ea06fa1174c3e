/**
 * Puts names and SQL types on the row changes of the source, by the schema cache, and keeps the cache true to the
 * stream: DDL forgets the tables it touches before any later row is read.
 */
import type {SourceOutput} from '../binlog/binlog-source.js';
import type {RowChangeEvent} from '../binlog/transactions.js';
import type {SchemaCache} from './schema-cache.js';
import type {TableSchema} from './table-schema.js';
import {checkFits, SchemaMismatchError, type SqlValue, typeRow} from './typed-row.js';

export type TypedChange = Omit<RowChangeEvent, 'before' | 'after'> & {
	readonly schema: TableSchema;
	/** Values in schema column order; undefined where a partial image left a column out. */
	readonly before: Array<SqlValue | undefined> | null;
	readonly after: Array<SqlValue | undefined> | null;
};

export type TypedOutput =
	| Exclude<SourceOutput, {kind: 'rows'}>
	| (Extract<SourceOutput, {kind: 'rows'}> & {readonly typed: readonly TypedChange[]});

export type SchemaOptions = {
	/** Only rows of tables it accepts are typed and passed on (others are dropped before their schema is read). */
	readonly select?: (database: string, table: string) => boolean;
};

export async function* withSchema(
	items: AsyncIterable<SourceOutput>,
	cache: SchemaCache,
	options: SchemaOptions = {},
): AsyncGenerator<TypedOutput> {
	const {select} = options;
	for await (const item of items) {
		if (item.kind === 'ddl') {
			cache.invalidate(item.database, item.query);
			yield item;
			continue;
		}
		if (item.kind !== 'rows') {
			yield item;
			continue;
		}
		const typed: TypedChange[] = [];
		// The rows of one event share its table map: look the schema up and check the fit once per map, not per row.
		const schemas = new Map<RowChangeEvent['table'], TableSchema>();
		for (const change of item.changes) {
			if (select && !select(change.table.database, change.table.table)) continue;
			let schema = schemas.get(change.table);
			if (!schema) {
				schema = await schemaFor(cache, change);
				schemas.set(change.table, schema);
			}
			typed.push({
				...change,
				schema,
				before: change.before && typeRow(change.before, change.table, schema),
				after: change.after && typeRow(change.after, change.table, schema),
			});
		}
		yield {...item, typed};
	}
}

/** The cached schema, reloaded once when the row does not fit it (the table may have changed since it was read). */
async function schemaFor(cache: SchemaCache, change: RowChangeEvent): Promise<TableSchema> {
	const {database, table} = change.table;
	const cached = await cache.get(database, table);
	try {
		checkFits(change.table, cached);
		return cached;
	} catch (error) {
		if (!(error instanceof SchemaMismatchError)) throw error;
		cache.forget(database, table);
		const fresh = await cache.get(database, table);
		checkFits(change.table, fresh);
		return fresh;
	}
}
