/** Step 2's choice, the DML operations sent (OMS: Incremental Synchronization, DML for Data Change). Pure. */
import {OPERATIONS, type Operation} from '../../../../engine/project/project-schema.js';

export const OPERATION_LABELS: Record<Operation, {readonly label: string; readonly detail: string}> = {
	insert: {label: 'Insert', detail: 'rows added (the new row)'},
	update: {label: 'Update', detail: 'rows changed (the row before and after)'},
	delete: {label: 'Delete', detail: 'rows removed (the old row)'},
};

/** The operations with `operation` switched, always in the order insert, update, delete. */
export function toggleOperation(operations: readonly Operation[], operation: Operation): Operation[] {
	const chosen = new Set(operations);
	if (chosen.has(operation)) chosen.delete(operation);
	else chosen.add(operation);
	return OPERATIONS.filter((each) => chosen.has(each));
}

/** Why the choice cannot be kept, if it cannot. */
export function operationsProblem(operations: readonly Operation[]): string | undefined {
	return operations.length === 0 ? 'choose at least one of Insert, Update, Delete (nothing would be sent)' : undefined;
}
