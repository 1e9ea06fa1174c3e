/**
 * Which event types are rows events and how each decodes, for the event decoder; and the place where what a JSON
 * partial update holds that obsync cannot apply becomes an UnsupportedError naming the event.
 */
import {UnsupportedError} from '../errors.js';
import type {ByteReader} from './byte-reader.js';
import {EventType} from './event-types.js';
import {decodeRows, type RowOperation, type RowsEvent} from './events/rows.js';
import type {TableMap} from './events/table-map.js';
import {PartialJsonUnsupported} from './values/partial-json-error.js';

/** Operation, rows event version, and whether JSON columns of after images may be diffs (JSON partial updates). */
export type RowsKind = readonly [RowOperation, 1 | 2, boolean?];

export const rowsKinds: Readonly<Record<number, RowsKind>> = {
	[EventType.WRITE_ROWS_V1]: ['insert', 1],
	[EventType.UPDATE_ROWS_V1]: ['update', 1],
	[EventType.DELETE_ROWS_V1]: ['delete', 1],
	[EventType.WRITE_ROWS_V2]: ['insert', 2],
	[EventType.UPDATE_ROWS_V2]: ['update', 2],
	[EventType.DELETE_ROWS_V2]: ['delete', 2],
	[EventType.PARTIAL_UPDATE_ROWS]: ['update', 2, true],
};

/** `place`: where the event is, for messages (`file:pos, written by MySQL 8.4.3`). */
export function decodeRowsEvent(reader: ByteReader, kind: RowsKind, postHeader: number, table: TableMap, place: string): RowsEvent {
	const [operation, version, partialJson] = kind;
	try {
		return decodeRows(reader, operation, version, postHeader, table, partialJson);
	} catch (error) {
		if (!(error instanceof PartialJsonUnsupported)) throw error;
		throw new UnsupportedError(`unsupported: JSON partial update: ${error.message} (PARTIAL_UPDATE_ROWS event at ${place})`, {
			hint: error.hint,
		});
	}
}
