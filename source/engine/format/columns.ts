/** Shared pieces of the formats: images as objects, changed columns, primary-key text. */
import {JsonNumber, type JsonValue} from './json-writer.js';
import type {RowRecord} from './record.js';
import {renderValue} from './render-value.js';

/** `{column: value}` of an image, in column order; columns a partial image left out are left out. */
export function imageObject(record: RowRecord, image: RowRecord['before']): {[column: string]: JsonValue} | null {
	if (!image) return null;
	const out: {[column: string]: JsonValue} = {};
	record.columns.forEach((column, i) => {
		if (image[i] !== undefined) out[column.name] = renderValue(image[i], column);
	});
	return out;
}

/** The columns whose value an UPDATE changed, with their values from `image`. */
export function changedObject(record: RowRecord, image: RowRecord['before']): {[column: string]: JsonValue} {
	const out: {[column: string]: JsonValue} = {};
	record.columns.forEach((column, i) => {
		const before = renderValue(record.before?.[i], column);
		const after = renderValue(record.after?.[i], column);
		if (textOf(before) !== textOf(after)) out[column.name] = renderValue(image?.[i], column);
	});
	return out;
}

/** A rendered value as plain text (for keys, row ids and comparisons). */
export function textOf(value: JsonValue): string {
	if (value === null) return 'null';
	if (value instanceof JsonNumber) return value.literal;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The primary-key values of the row (after image, or before for DELETE), as text. */
export function primaryKeyValues(record: RowRecord): string[] {
	const image = record.after ?? record.before;
	return record.primaryKey.map((name) => {
		const i = record.columns.findIndex((column) => column.name === name);
		return i < 0 ? '' : textOf(renderValue(image?.[i], record.columns[i]!));
	});
}
