/**
 * WRITE/UPDATE/DELETE_ROWS events, v1 (MariaDB, MySQL 5.1-5.5) and v2 (MySQL 5.6+, OceanBase). Each row image
 * carries only the columns in the event's bitmap (all of them with binlog_row_image=FULL, some with MINIMAL/NOBLOB);
 * absent columns are `undefined` in the decoded arrays, SQL NULL is `null`. PARTIAL_UPDATE_ROWS (MySQL JSON partial
 * updates) decode as updates with whole JSON values (partial-rows.ts).
 */
import type {ByteReader} from '../byte-reader.js';
import {type CellReader, type CellValue, readCell} from '../values/read-value.js';
import {afterImageCells, keepingJson} from './partial-rows.js';
import type {TableMap} from './table-map.js';
import {readTableId} from './table-map.js';

export type RowOperation = 'insert' | 'update' | 'delete';
export type Row = Array<CellValue | undefined>;
export type RowChange = {readonly before: Row | null; readonly after: Row | null};

export type RowsEvent = {
	readonly operation: RowOperation;
	readonly tableId: number;
	readonly table: TableMap;
	readonly flags: number;
	readonly columnCount: number;
	/** Which columns each image carries (before image for UPDATE/DELETE, after image for INSERT). */
	readonly present: readonly boolean[];
	/** UPDATE only: which columns the after image carries. */
	readonly presentAfter: readonly boolean[] | null;
	readonly rows: readonly RowChange[];
	/**
	 * Byte layout within the event: `imagesStart` is where the column count begins (after the post-header), `rowBounds`
	 * the offset where each row change starts, plus the end. For tools that split or re-encode events.
	 */
	readonly imagesStart: number;
	readonly rowBounds: readonly number[];
};

/** STMT_END_F: the last rows event of a statement; table maps may be forgotten after it. */
export const STMT_END_FLAG = 0x0001;

/** Reads the table id of a rows event without decoding it (to find its TABLE_MAP). */
export function peekRowsTableId(reader: ByteReader, postHeaderLength: number): number {
	const at = reader.offset;
	const id = readTableId(reader, postHeaderLength);
	reader.offset = at;
	return id;
}

function readBitmap(reader: ByteReader, count: number): boolean[] {
	const bytes = reader.bytes((count + 7) >> 3);
	const bits: boolean[] = new Array(count);
	for (let i = 0; i < count; i++) bits[i] = (bytes[i >> 3]! & (1 << (i & 7))) !== 0;
	return bits;
}

function readImage(
	reader: ByteReader,
	table: TableMap,
	present: readonly boolean[],
	presentCount: number,
	read: CellReader = readCell,
): Row {
	// The null bitmap is read in place: no Buffer view per row.
	const nulls = reader.advance((presentCount + 7) >> 3);
	const buffer = reader.buffer;
	const row: Row = new Array(present.length);
	let nullIndex = 0;
	for (let i = 0; i < present.length; i++) {
		if (!present[i]) continue;
		const isNull = (buffer[nulls + (nullIndex >> 3)]! & (1 << (nullIndex & 7))) !== 0;
		nullIndex++;
		const column = table.columns[i];
		if (!column) throw new RangeError(`rows event has column ${i + 1}, its table map only ${table.columns.length}`);
		row[i] = isNull ? null : read(reader, column, i);
	}
	return row;
}

export function decodeRows(
	reader: ByteReader,
	operation: RowOperation,
	version: 1 | 2,
	postHeaderLength: number,
	table: TableMap,
	/** PARTIAL_UPDATE_ROWS: JSON columns of after images may be diffs (partial-rows.ts). */
	partialJson = false,
): RowsEvent {
	const tableId = readTableId(reader, postHeaderLength);
	const flags = reader.u16();
	if (version === 2) {
		const extraLength = reader.u16();
		reader.skip(extraLength - 2);
	}
	const imagesStart = reader.offset;
	const columnCount = reader.packedInt();
	const present = readBitmap(reader, columnCount);
	const presentAfter = operation === 'update' ? readBitmap(reader, columnCount) : null;
	const count = present.filter(Boolean).length;
	const countAfter = presentAfter ? presentAfter.filter(Boolean).length : 0;
	const rows: RowChange[] = [];
	const rowBounds: number[] = [];
	while (reader.remaining > 0) {
		rowBounds.push(reader.offset);
		if (operation === 'insert') rows.push({before: null, after: readImage(reader, table, present, count)});
		else if (operation === 'delete') rows.push({before: readImage(reader, table, present, count), after: null});
		else if (partialJson) {
			const kept = new Map<number, Buffer>();
			const before = readImage(reader, table, present, count, keepingJson(kept));
			const cells = afterImageCells(reader, table, before, kept);
			rows.push({before, after: readImage(reader, table, presentAfter!, countAfter, cells)});
		} else {
			const before = readImage(reader, table, present, count);
			rows.push({before, after: readImage(reader, table, presentAfter!, countAfter)});
		}
	}
	rowBounds.push(reader.offset);
	return {operation, tableId, table, flags, columnCount, present, presentAfter, rows, imagesStart, rowBounds};
}
