/** What a message is built from: one row change or one DDL statement, with the context every format needs. */
import type {ColumnSchema} from '../schema/table-schema.js';
import type {SqlValue} from '../schema/typed-row.js';

export type SourceDbType = 'OB_MYSQL' | 'MYSQL';

export type RowRecord = {
	readonly kind: 'row';
	readonly operation: 'insert' | 'update' | 'delete';
	readonly database: string;
	readonly table: string;
	/** The selected columns, in table order; `before`/`after` are aligned with them. */
	readonly columns: readonly ColumnSchema[];
	readonly before: ReadonlyArray<SqlValue | undefined> | null;
	readonly after: ReadonlyArray<SqlValue | undefined> | null;
	/** The table's key: its primary key, else the NOT NULL unique key it is sharded on (schema/table-schema.ts tableKey). */
	readonly primaryKey: readonly string[];
	/** Seconds since the epoch: when the change happened at the source. */
	readonly eventTime: number;
	readonly transactionId: string;
	/** 1-based position of this change in its transaction. */
	readonly sequence: number;
	readonly dbType: SourceDbType;
};

export type DdlRecord = {
	readonly kind: 'ddl';
	readonly database: string;
	readonly table: string;
	readonly ddl: string;
	readonly eventTime: number;
	readonly transactionId: string | null;
	readonly dbType: SourceDbType;
};

export type FormatRecord = RowRecord | DdlRecord;

export type FormatOptions = {
	/** Business system identification (1-20 characters): DataWorks `extend.load_fm`. */
	readonly businessId?: string | undefined;
	/** SharePlex `meta.seq`: the change's position in its transaction. */
	readonly intraTransactionSequence?: boolean;
	/** Milliseconds since the epoch, for the "written at" fields. */
	readonly now: () => number;
};

/** `ALTER TABLE …` → `ALTER`; the DDL kind OMS puts in Canal `type` and DataWorks `op`. */
export function ddlVerb(ddl: string): string {
	const match = /^\s*(?:\/\*.*?\*\/\s*)*(\w+)/s.exec(ddl);
	return (match?.[1] ?? 'QUERY').toUpperCase();
}

/** `ALTER TABLE` → `ALTER_TABLE`: the Default format's `ddlType`. */
export function ddlType(ddl: string): string {
	const match = /^\s*(\w+)\s+(?:(?:ONLINE|IGNORE|TEMPORARY|UNIQUE|FULLTEXT|SPATIAL)\s+)*(\w+)/i.exec(ddl);
	return match ? `${match[1]}_${match[2]}`.toUpperCase() : ddlVerb(ddl);
}
