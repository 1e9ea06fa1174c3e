/**
 * Table schemas by `db.table`, loaded on first use and forgotten when DDL in the stream touches the table, so the
 * next row of that table is read with the schema that follows the change (go-mysql clears its table cache
 * "before OnDDL"; house style §14). A table the DDL statement does not name clearly clears the whole cache.
 */
import {loadTableSchema, type SchemaQuery} from './load-schema.js';
import type {TableSchema} from './table-schema.js';

const key = (database: string, table: string) => `${database}.${table}`;
const identifier = '`(?:[^`]|``)+`|[\\w$\\u0080-\\uffff]+';
const qualified = new RegExp(`(${identifier})(?:\\s*\\.\\s*(${identifier}))?`, 'u');
const unquote = (name: string) => (name.startsWith('`') ? name.slice(1, -1).replaceAll('``', '`') : name);

export class SchemaCache {
	private readonly tables = new Map<string, Promise<TableSchema>>();

	constructor(private readonly query: SchemaQuery) {}

	get(database: string, table: string): Promise<TableSchema> {
		const k = key(database, table);
		let schema = this.tables.get(k);
		if (!schema) {
			schema = loadTableSchema(this.query, database, table);
			// A failed load is not cached: the next row asks again.
			schema.catch(() => this.tables.delete(k));
			this.tables.set(k, schema);
		}
		return schema;
	}

	/** Forgets what a DDL statement (run in `database`) may have changed; returns the tables it forgot, or 'all'. */
	invalidate(database: string, query: string): string[] | 'all' {
		const names = tablesOfDdl(query, database);
		if (names === null) {
			this.tables.clear();
			return 'all';
		}
		for (const name of names) this.tables.delete(name);
		return names;
	}

	/** Forgets one table (e.g. after a row did not fit its cached schema). */
	forget(database: string, table: string): void {
		this.tables.delete(key(database, table));
	}
}

/** `db.table` names a DDL statement touches, or null when it cannot tell (then everything is reloaded). */
export function tablesOfDdl(query: string, database: string): string[] | null {
	const text = query.replace(/\/\*.*?\*\//gs, ' ').trim();
	const head =
		/^(ALTER|CREATE|DROP|TRUNCATE|RENAME)\s+(?:TEMPORARY\s+)?(?:ONLINE\s+|IGNORE\s+)?TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?/i.exec(text);
	if (!head)
		return /^(CREATE|ALTER|DROP)\s+(DATABASE|SCHEMA)\b/i.test(text)
			? null
			: /^(GRANT|REVOKE|SET|FLUSH|ANALYZE|OPTIMIZE|CREATE\s+USER|DROP\s+USER)\b/i.test(text)
				? []
				: null;
	const rest = text.slice(head[0].length);
	const verb = head[1]!.toUpperCase();
	// DROP TABLE a, b and RENAME TABLE a TO b, c TO d name several tables.
	const parts = verb === 'DROP' || verb === 'RENAME' ? rest.split(/,|\bTO\b/i) : [rest];
	const names: string[] = [];
	for (const part of parts) {
		const match = qualified.exec(part.trim());
		if (match?.index !== 0) return null;
		const [db, table] = match[2] === undefined ? [database, unquote(match[1]!)] : [unquote(match[1]!), unquote(match[2])];
		names.push(key(db, table));
	}
	return names;
}
