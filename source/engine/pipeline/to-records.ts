/** A typed row change of a selected table as the records its messages are built from (after filter and columns). */
import type {RowRecord, SourceDbType} from '../format/record.js';
import type {TypedChange} from '../schema/apply-schema.js';
import type {SqlValue} from '../schema/typed-row.js';
import type {ObjectPlan} from './object-plan.js';

type Image = Array<SqlValue | undefined> | null;

/** The image the row filter reads: the after image, the before image for DELETE. */
export function passesFilter(change: TypedChange, plan: ObjectPlan): boolean {
	if (!plan.rowFilter) return true;
	const image = change.operation === 'delete' ? change.before : change.after;
	return image !== null && plan.rowFilter.test(change.schema.columns, image);
}

const pick = (image: Image, indexes: readonly number[] | null): Image => (image && indexes ? indexes.map((i) => image[i]) : image);

export function toRecord(
	change: TypedChange,
	plan: ObjectPlan,
	context: {transactionId: string; sequence: number; eventTime: number; dbType: SourceDbType},
): RowRecord {
	const {schema} = change;
	// A row logged before an ADD COLUMN and read once the newer schema is loaded has fewer columns than the schema (it
	// is mapped onto its first ones): its columns are those of its own image, so no format lists a column it lacks.
	const width = (change.after ?? change.before)?.length ?? schema.columns.length;
	const narrower = width < schema.columns.length;
	const indexes = narrower ? (plan.columnIndexes ?? schema.columns.map((_, i) => i)).filter((i) => i < width) : plan.columnIndexes;
	return {
		kind: 'row',
		operation: change.operation,
		database: plan.database,
		table: plan.table,
		columns: indexes ? indexes.map((i) => schema.columns[i]!) : schema.columns,
		before: change.operation === 'insert' ? null : pick(change.before, indexes),
		after: change.operation === 'delete' ? null : pick(change.after, indexes),
		primaryKey: plan.keyColumns,
		eventTime: context.eventTime,
		transactionId: context.transactionId,
		sequence: context.sequence,
		dbType: context.dbType,
	};
}
