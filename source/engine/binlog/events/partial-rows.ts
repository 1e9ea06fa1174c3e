/**
 * PARTIAL_UPDATE_ROWS (type 39, MySQL 8.0.3+ with binlog_row_value_options=PARTIAL_JSON): an UPDATE_ROWS v2 whose
 * after images each open with `value_options` (a length-encoded integer) and, when its PARTIAL_JSON bit (1) is set,
 * a bitmap with one bit per JSON column of the table, in column order, whether or not the image carries it
 * (mysql-server sql/rpl_record.cc pack_row; sql/log_event.cc Rows_log_event::print_verbose_one_row reads it the same
 * way). A JSON column whose bit is set holds a diff list (values/json-diff.ts), which is applied here to the column's
 * before value, so that rows carry whole JSON values exactly as for a plain update.
 */
import type {ByteReader} from '../byte-reader.js';
import {type BinlogColumn, ColumnType} from '../column-types.js';
import {decodeJsonBinary, decodeJsonNode} from '../values/json-binary.js';
import {applyJsonDiffs, readJsonDiffs} from '../values/json-diff.js';
import {printJsonNode} from '../values/json-node.js';
import {PartialJsonUnsupported} from '../values/partial-json-error.js';
import {type CellReader, readCell} from '../values/read-value.js';
import type {Row} from './rows.js';
import type {TableMap} from './table-map.js';

/** PARTIAL_JSON_UPDATES, the one bit of binlog_row_value_options (sql/system_variables.h). */
const PARTIAL_JSON = 1;

/** Reads a before image's JSON columns as usual, keeping their binary values for the diffs of the after image. */
export function keepingJson(kept: Map<number, Buffer>): CellReader {
	return (reader, column, index) => {
		if (column.type !== ColumnType.JSON) return readCell(reader, column, index);
		const bytes = reader.bytes(reader.uintLE(column.lengthBytes));
		kept.set(index, bytes);
		return decodeJsonBinary(bytes);
	};
}

/**
 * Reads value_options and the partial bits before an after image; returns how to read its cells: JSON columns
 * marked partial from their diffs applied to the before value, every other column as usual.
 */
export function afterImageCells(reader: ByteReader, table: TableMap, before: Row, kept: ReadonlyMap<number, Buffer>): CellReader {
	const options = reader.packedInt();
	if (options > PARTIAL_JSON) {
		throw new PartialJsonUnsupported(`value_options ${options} in an after image; obsync knows only PARTIAL_JSON (1)`);
	}
	if ((options & PARTIAL_JSON) === 0) return readCell;
	const partial = new Array<boolean>(table.columns.length).fill(false);
	const jsonColumns = table.columns.flatMap((column, i) => (column.type === ColumnType.JSON ? [i] : []));
	const bits = reader.advance((jsonColumns.length + 7) >> 3);
	jsonColumns.forEach((column, n) => {
		partial[column] = (reader.buffer[bits + (n >> 3)]! & (1 << (n & 7))) !== 0;
	});
	return (cellReader, column, index) => {
		if (!partial[index]) return readCell(cellReader, column, index);
		return applyDiffs(cellReader.bytes(cellReader.uintLE(column.lengthBytes)), table, column, index, before, kept);
	};
}

function applyDiffs(
	diffBytes: Buffer,
	table: TableMap,
	column: BinlogColumn,
	index: number,
	before: Row,
	kept: ReadonlyMap<number, Buffer>,
): string {
	const name = `column ${index + 1} of \`${table.database}\`.\`${table.table}\``;
	if (column.lengthBytes !== 4) throw new RangeError(`${name} is a JSON column with a ${column.lengthBytes}-byte length, not 4`);
	if (before[index] === undefined) {
		throw new PartialJsonUnsupported(
			`${name} is logged as a JSON diff, but the before image does not carry the column (binlog_row_image=MINIMAL or NOBLOB), so its after value cannot be known`,
			"set binlog_row_image=FULL on the source (a JSON diff is applied to the before value), or binlog_row_value_options=''",
		);
	}
	if (before[index] === null) throw new RangeError(`${name} is logged as a JSON diff, but its before value is NULL`);
	try {
		return printJsonNode(applyJsonDiffs(decodeJsonNode(kept.get(index)!), readJsonDiffs(diffBytes)));
	} catch (error) {
		if (error instanceof PartialJsonUnsupported) throw new PartialJsonUnsupported(`${name}: ${error.message}`, error.hint);
		if (error instanceof Error) error.message = `${name}: ${error.message}`;
		throw error;
	}
}
