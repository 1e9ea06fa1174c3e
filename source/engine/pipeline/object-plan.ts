/**
 * A selected table's settings compiled against its current schema: where its messages go, under which names, which
 * rows pass the filter, which columns are sent, and what decides the message group. Compiled once per schema, so a
 * DDL that changes the table recompiles (and a filter that no longer fits fails with the table named).
 */
import {ConfigError} from '../errors.js';
import {compileRowFilter, type RowFilter} from '../filter/row-filter.js';
import type {ProjectObject} from '../project/project-schema.js';
import type {TableSchema} from '../schema/table-schema.js';
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
};

export const objectKey = (database: string, table: string) => `${database}.${table}`;

export function compilePlan(object: ProjectObject, schema: TableSchema): ObjectPlan {
	const where = `${object.database}.${object.table}`;
	const rowFilter = object.where ? compileRowFilter(object.where, where, schema.columns) : null;
	let columnIndexes: number[] | null = null;
	const chosen = object.columns ?? [];
	if (chosen.length > 0 && chosen.length < schema.columns.length) {
		const missing = chosen.filter((name) => !schema.columns.some((column) => column.name === name));
		if (missing.length > 0) {
			throw new ConfigError(`the selected column(s) ${missing.join(', ')} do not exist in ${where}`, {
				hint: `choose among: ${schema.columns.map((c) => c.name).join(', ')}`,
			});
		}
		columnIndexes = schema.columns.flatMap((column, i) => (chosen.includes(column.name) ? [i] : []));
	}
	const shardingColumns = resolveShardingColumns(schema, object.shardingColumns);
	const notSent = columnIndexes ? shardingColumns.filter((name) => !chosen.includes(name)) : [];
	if (notSent.length > 0) {
		throw new ConfigError(`the sharding column(s) ${notSent.join(', ')} of ${where} are not among its selected columns`, {
			hint: 'select them too, or choose other sharding columns: the message group is computed from the values sent',
		});
	}
	return {
		object,
		topic: object.topic,
		database: object.renameDatabase ?? object.database,
		table: object.renameTable ?? object.table,
		rowFilter,
		columnIndexes,
		shardingColumns,
	};
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
