/**
 * `obsync binlog inspect`: one JSON object per row change of a binlog file, values rendered as mysqlbinlog -v
 * shows them (see mysqlbinlog-text.ts); with `all`, one object per other event too.
 */
import type {BinlogEvent} from './binlog-event.js';
import {EventDecoder} from './event-decoder.js';
import {eventTypeName} from './event-types.js';
import type {Row, RowsEvent} from './events/rows.js';
import {readBinlogFile} from './file-reader.js';
import {mysqlbinlogText} from './mysqlbinlog-text.js';

export type InspectOptions = {readonly all?: boolean; readonly signal?: AbortSignal};

/** Yields the JSON lines (without newline) for one file; throws a DecodeError/UnsupportedError where it stops. */
export async function* inspectBinlogFile(path: string, options: InspectOptions = {}): AsyncGenerator<string> {
	const decoder = new EventDecoder({file: path});
	for await (const raw of readBinlogFile(path, {signal: options.signal})) {
		const event = decoder.decode(raw.bytes, raw.pos);
		yield* describeEvent(path, event, options.all ?? false);
	}
}

function* describeEvent(file: string, event: BinlogEvent, all: boolean): Generator<string> {
	if (event.kind === 'rows') {
		yield* rowLines(file, event.pos, event.rows);
		return;
	}
	if (event.kind === 'transaction-payload') {
		for (const inner of event.events) yield* describeEvent(file, inner, all);
		if (!all) return;
	}
	if (all) yield JSON.stringify({file, pos: event.pos, event: event.kind, type: eventTypeName(event.header.type), ...summary(event)});
}

function* rowLines(file: string, pos: number, rows: RowsEvent): Generator<string> {
	const {table, operation} = rows;
	const render = (row: Row | null) => (row === null ? null : renderRow(row, rows));
	const partial = (present: readonly boolean[] | null) =>
		present?.some((p) => !p) ? present.flatMap((p, i) => (p ? [i + 1] : [])) : undefined;
	const beforePresent = operation === 'insert' ? undefined : partial(rows.present);
	const afterPresent = operation === 'delete' ? undefined : partial(operation === 'update' ? rows.presentAfter : rows.present);
	for (const change of rows.rows) {
		const line: Record<string, unknown> = {
			file,
			pos,
			op: operation,
			db: table.database,
			table: table.table,
			before: render(change.before),
			after: render(change.after),
		};
		if (beforePresent) line.beforeColumns = beforePresent;
		if (afterPresent) line.afterColumns = afterPresent;
		yield JSON.stringify(line);
	}
}

/** The values of the columns an image carries, in column order. */
function renderRow(row: Row, rows: RowsEvent): Array<string | null> {
	const values: Array<string | null> = [];
	for (let i = 0; i < row.length; i++) {
		if (!(i in row) || row[i] === undefined) continue;
		values.push(mysqlbinlogText(row[i], rows.table.columns[i]!));
	}
	return values;
}

function summary(event: BinlogEvent): Record<string, unknown> {
	switch (event.kind) {
		case 'format-description':
			return {serverVersion: event.format.serverVersion, checksum: event.format.checksum, binlogVersion: event.format.binlogVersion};
		case 'rotate':
			return {nextFile: event.nextFile, nextPosition: event.nextPosition, artificial: event.artificial};
		case 'query':
			return {db: event.database, query: event.query};
		case 'xid':
			return {xid: String(event.xid)};
		case 'table-map':
			return {tableId: event.table.tableId, db: event.table.database, table: event.table.table, columns: event.table.columns.length};
		case 'gtid':
			return {gtid: event.gtid};
		case 'previous-gtids':
			return {gtidSet: event.gtidSet};
		case 'mariadb-gtid':
			return {gtid: event.gtid, standalone: event.standalone};
		case 'mariadb-gtid-list':
			return {gtids: event.gtids};
		case 'binlog-checkpoint':
			return {checkpointFile: event.file};
		case 'annotate-rows':
		case 'rows-query':
			return {query: event.query};
		case 'heartbeat':
			return {logFile: event.file, position: event.position};
		case 'incident':
			return {incident: event.incident, message: event.message};
		default:
			return {};
	}
}
