/**
 * A selected table's settings compiled against its current schema: where its messages go, under which names, which
 * rows pass the filter, which columns are sent, and what decides the message group. Compiled once per schema, so a
 * DDL that changes the table recompiles (and a filter that no longer fits fails with the table named).
 */
import {ConfigError} from '../errors.js';
import {compileRowFilter, type RowFilter} from '../filter/row-filter.js';
import type {ProjectObject} from '../project/project-schema.js';
import {type TableSchema, tableKey} from '../schema/table-schema.js';
import {resolveShardingColumns} from '../sink/sharding.js';

export type ObjectPlan = {
	readonly object: ProjectObject;
	readonly topic: string;
	/** Names in the messages (renamed where the mapping says so). */
	readonly database: string;
	readonly table: string;
	readonly rowFilter: RowFilter | null;
	/** Indexes of the sent columns in the schema; null: all of them. */
	readonly columnIndexes: readonly number[] | null;
	readonly shardingColumns: readonly string[];
	/** The table's key (primary key, else its NOT NULL unique key), as the formats and message keys carry it. */
	readonly keyColumns: readonly string[];
};

export const objectKey = (database: string, table: string) => `${database}.${table}`;

export function compilePlan(object: ProjectObject, schema: TableSchema): ObjectPlan {
	const {plan, problems} = checkPlan(object, schema);
	if (!plan) throw problems[0];
	return plan;
}

/**
 * compilePlan without stopping at the first problem: the plan, or null and every problem found (the filter, the
 * selected columns, the sharding columns, in that order), so a start check can list them all.
 */
export function checkPlan(object: ProjectObject, schema: TableSchema): {plan: ObjectPlan | null; problems: ConfigError[]} {
	const where = `${object.database}.${object.table}`;
	const problems: ConfigError[] = [];
	const attempt = <T>(compile: () => T): T | undefined => {
		try {
			return compile();
		} catch (error) {
			if (!(error instanceof ConfigError)) throw error;
			problems.push(error);
			return undefined;
		}
	};
	const filter = object.where;
	const rowFilter = filter ? attempt(() => compileRowFilter(filter, where, schema.columns)) : null;
	const chosen = object.columns ?? [];
	const columnIndexes = attempt(() => selectedColumns(chosen, schema, where));
	const shardingColumns = attempt(() => resolveShardingColumns(schema, object.shardingColumns));
	const notSent = columnIndexes && shardingColumns ? shardingColumns.filter((name) => !chosen.includes(name)) : [];
	if (notSent.length > 0) {
		problems.push(
			new ConfigError(`the sharding column(s) ${notSent.join(', ')} of ${where} are not among its selected columns`, {
				hint: 'select them too, or choose other sharding columns: the message group is computed from the values sent',
			}),
		);
	}
	if (problems.length > 0 || rowFilter === undefined || columnIndexes === undefined || shardingColumns === undefined) {
		return {plan: null, problems};
	}
	const plan: ObjectPlan = {
		object,
		topic: object.topic,
		database: object.renameDatabase ?? object.database,
		table: object.renameTable ?? object.table,
		rowFilter,
		columnIndexes,
		shardingColumns,
		keyColumns: tableKey(schema),
	};
	return {plan, problems};
}

/** Indexes of the selected columns in the schema; null: all of them (none chosen, or every one). */
function selectedColumns(chosen: readonly string[], schema: TableSchema, where: string): number[] | null {
	if (chosen.length === 0 || chosen.length >= schema.columns.length) return null;
	const missing = chosen.filter((name) => !schema.columns.some((column) => column.name === name));
	if (missing.length > 0) {
		throw new ConfigError(`the selected column(s) ${missing.join(', ')} do not exist in ${where}`, {
			hint: `choose among: ${schema.columns.map((c) => c.name).join(', ')}`,
		});
	}
	return schema.columns.flatMap((column, i) => (chosen.includes(column.name) ? [i] : []));
}

/** The selected tables by `db.table`, each compiled per schema it meets. */
export class ObjectPlans {
	private readonly objects = new Map<string, ProjectObject>();
	private readonly compiled = new WeakMap<TableSchema, ObjectPlan>();

	constructor(objects: readonly ProjectObject[]) {
		for (const object of objects) this.objects.set(objectKey(object.database, object.table), object);
	}

	selected(database: string, table: string): ProjectObject | undefined {
		return this.objects.get(objectKey(database, table));
	}

	plan(schema: TableSchema): ObjectPlan | undefined {
		let plan = this.compiled.get(schema);
		if (plan) return plan;
		const object = this.selected(schema.database, schema.table);
		if (!object) return undefined;
		plan = compilePlan(object, schema);
		this.compiled.set(schema, plan);
		return plan;
	}

	get topics(): string[] {
		return [...new Set([...this.objects.values()].map((object) => object.topic))];
	}
}
