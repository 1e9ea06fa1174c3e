/**
 * A table as SQL describes it (information_schema), the only source of column names: OceanBase's table-map events
 * carry none (shared/reference/oceanbase-source.md §1.3), and MariaDB's carry none by default.
 */
export type ColumnSchema = {
	readonly name: string;
	/** `int`, `varchar`, `decimal`… (information_schema DATA_TYPE, lower case). */
	readonly dataType: string;
	/** The full type: `bigint(20) unsigned`, `enum('a','b')`… (COLUMN_TYPE). */
	readonly columnType: string;
	readonly unsigned: boolean;
	readonly nullable: boolean;
	/** Character set of text columns; null for numbers, dates and binary strings. */
	readonly charset: string | null;
	/** ENUM and SET member names, in order. */
	readonly members: readonly string[];
};

export type TableSchema = {
	readonly database: string;
	readonly table: string;
	/** `BASE TABLE`, `VIEW`… */
	readonly tableType: string;
	readonly columns: readonly ColumnSchema[];
	readonly primaryKey: readonly string[];
	/** Unique keys other than the primary key, each as its column names, and whether all their columns are NOT NULL. */
	readonly uniqueKeys: ReadonlyArray<{readonly name: string; readonly columns: readonly string[]; readonly notNull: boolean}>;
};

/**
 * The table's key as obsync names it: the primary key, else the first unique key whose columns are all NOT NULL (the
 * key OMS's Hash partitioning falls back to), else none. Sharding uses it when no columns are chosen, and every format
 * field that carries "the primary key" carries it (README: Message formats).
 */
export function tableKey(schema: TableSchema): readonly string[] {
	if (schema.primaryKey.length > 0) return schema.primaryKey;
	return schema.uniqueKeys.find((key) => key.notNull)?.columns ?? [];
}

/** The members of `enum('a','b''c')` / `set(...)`, unquoted. */
export function parseMembers(columnType: string): string[] {
	const match = /^(?:enum|set)\((.*)\)$/is.exec(columnType.trim());
	if (!match) return [];
	const members: string[] = [];
	const re = /'((?:[^']|'')*)'/g;
	for (let m = re.exec(match[1]!); m; m = re.exec(match[1]!)) members.push(m[1]!.replaceAll("''", "'"));
	return members;
}
