/**
 * Whether a selected table can run as configured, asked of the engine itself (compilePlan: row filter, sharding
 * columns, selected columns against the table's schema), and the Settings dialog's values turned into an object.
 */
import {compileRowFilter} from '../../../../engine/filter/row-filter.js';
import {compilePlan} from '../../../../engine/pipeline/object-plan.js';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TableSchema} from '../../../../engine/schema/table-schema.js';
import {errorText} from '../../../error-text.js';
import {displayName} from './selection.js';

/** Why the object cannot run against this schema, or null when it can. */
export function checkObject(object: ProjectObject, schema: TableSchema): string | null {
	try {
		compilePlan(object, schema);
		return null;
	} catch (error) {
		return errorText(error);
	}
}

/** The sharding columns used when none are chosen, and where they come from; null when the table has no such key. */
export function defaultSharding(schema: TableSchema): {columns: string[]; from: string} | null {
	if (schema.primaryKey.length > 0) return {columns: [...schema.primaryKey], from: 'primary key'};
	const unique = schema.uniqueKeys.find((key) => key.notNull);
	return unique ? {columns: [...unique.columns], from: `unique key ${unique.name}`} : null;
}

/** What the Settings dialog holds. Empty texts mean "not set"; column names are in any order. */
export type SettingsInput = {
	readonly where: string;
	readonly renameDatabase: string;
	readonly renameTable: string;
	readonly shardingColumns: readonly string[];
	readonly columns: readonly string[];
};

/**
 * The dialog's starting values for a selected object. Chosen columns the table no longer has are left out (the
 * dialog could not show them to uncheck); what the engine said about them is shown under the panes.
 */
export function settingsOf(object: ProjectObject, schema: TableSchema): SettingsInput {
	const existing = (names: readonly string[]) => names.filter((name) => schema.columns.some((column) => column.name === name));
	const sharding = existing(object.shardingColumns ?? []);
	return {
		where: object.where ?? '',
		renameDatabase: object.renameDatabase ?? '',
		renameTable: object.renameTable ?? '',
		shardingColumns: sharding.length > 0 ? sharding : (defaultSharding(schema)?.columns ?? []),
		columns: existing(object.columns ?? []),
	};
}

export type SettingsField = 'where' | 'shardingColumns' | 'columns';

/**
 * The object with the dialog's values, checked by the engine. Sharding columns equal to the default are not stored
 * (the default follows the key); no columns or all columns mean all columns.
 */
export function applySettings(
	object: ProjectObject,
	input: SettingsInput,
	schema: TableSchema,
): {ok: true; object: ProjectObject} | {ok: false; field: SettingsField; message: string} {
	const where = input.where.trim();
	if (where) {
		try {
			compileRowFilter(where, displayName(object), schema.columns);
		} catch (error) {
			return {ok: false, field: 'where', message: errorText(error)};
		}
	}
	const inSchemaOrder = (names: readonly string[]) => schema.columns.map((column) => column.name).filter((name) => names.includes(name));
	const fallback = defaultSharding(schema)?.columns ?? [];
	const sameAsDefault = input.shardingColumns.length === fallback.length && fallback.every((name) => input.shardingColumns.includes(name));
	const sharding = input.shardingColumns.length === 0 || sameAsDefault ? undefined : inSchemaOrder(input.shardingColumns);
	const columns = input.columns.length === 0 || input.columns.length >= schema.columns.length ? undefined : inSchemaOrder(input.columns);
	const renameDatabase = input.renameDatabase.trim();
	const renameTable = input.renameTable.trim();
	const changed: ProjectObject = {
		database: object.database,
		table: object.table,
		topic: object.topic,
		...(renameDatabase && renameDatabase !== object.database ? {renameDatabase} : {}),
		...(renameTable && renameTable !== object.table ? {renameTable} : {}),
		...(where ? {where} : {}),
		...(sharding ? {shardingColumns: sharding} : {}),
		...(columns ? {columns} : {}),
	};
	try {
		compilePlan(changed, schema);
	} catch (error) {
		const message = errorText(error);
		return {ok: false, field: /among its selected columns|selected column/.test(message) ? 'columns' : 'shardingColumns', message};
	}
	return {ok: true, object: changed};
}
