/**
 * `obsync binlog inspect`: one JSON object per row change of a binlog file, values rendered as mysqlbinlog -v
 * shows them (see mysqlbinlog-text.ts); with `all`, one object per other event too.
 */
import type {BinlogEvent} from './binlog-event.js';
import {EventDecoder} from './event-decoder.js';
import {eventTypeName} from './event-types.js';
import type {Row, RowsEvent} from './events/rows.js';
import {readBinlogFile} from './file-reader.js';
import {mysqlbinlogJson} from './mysqlbinlog-text.js';

export type InspectOptions = {readonly all?: boolean; readonly signal?: AbortSignal};

/**
 * Yields, per event, the JSON lines it prints (without newlines; often none). One array per event rather than one
 * string per line: a rows event holds hundreds of rows, and an await per line costs more than rendering it.
 * Throws a DecodeError/UnsupportedError where it stops.
 */
export async function* inspectBinlogEvents(path: string, options: InspectOptions = {}): AsyncGenerator<string[]> {
	const decoder = new EventDecoder({file: path});
	const all = options.all ?? false;
	for await (const raw of readBinlogFile(path, {signal: options.signal})) {
		const event = decoder.decode(raw.bytes, raw.pos);
		// A compressed transaction holds many events: their lines go out event by event, then (with `all`) its own.
		for (const part of event.kind === 'transaction-payload' ? [...event.events, event] : [event]) {
			const lines: string[] = [];
			describeEvent(path, part, all, lines);
			if (lines.length > 0) yield lines;
		}
	}
}

/** The JSON lines of one file, one by one. */
export async function* inspectBinlogFile(path: string, options: InspectOptions = {}): AsyncGenerator<string> {
	for await (const lines of inspectBinlogEvents(path, options)) yield* lines;
}

function describeEvent(file: string, event: BinlogEvent, all: boolean, lines: string[]): void {
	if (event.kind === 'rows') rowLines(file, event.pos, event.rows, lines);
	else if (all)
		lines.push(JSON.stringify({file, pos: event.pos, event: event.kind, type: eventTypeName(event.header.type), ...summary(event)}));
}

/**
 * Each line is what JSON.stringify of {file, pos, op, db, table, before, after[, beforeColumns][, afterColumns]}
 * gives, assembled from a prefix shared by the event's rows: the same text, without an object per row.
 */
function rowLines(file: string, pos: number, rows: RowsEvent, lines: string[]): void {
	const {table, operation} = rows;
	const partial = (present: readonly boolean[] | null) =>
		present?.some((p) => !p) ? present.flatMap((p, i) => (p ? [i + 1] : [])) : undefined;
	const beforePresent = operation === 'insert' ? undefined : partial(rows.present);
	const afterPresent = operation === 'delete' ? undefined : partial(operation === 'update' ? rows.presentAfter : rows.present);
	const prefix = `{"file":${JSON.stringify(file)},"pos":${pos},"op":"${operation}","db":${JSON.stringify(table.database)},"table":${JSON.stringify(table.table)},"before":`;
	const suffix = `${beforePresent ? `,"beforeColumns":${JSON.stringify(beforePresent)}` : ''}${afterPresent ? `,"afterColumns":${JSON.stringify(afterPresent)}` : ''}}`;
	const render = (row: Row | null) => (row === null ? 'null' : renderRow(row, rows));
	for (const change of rows.rows) lines.push(`${prefix}${render(change.before)},"after":${render(change.after)}${suffix}`);
}

/** The JSON array of the values an image carries, in column order (JSON.stringify of their mysqlbinlog texts). */
function renderRow(row: Row, rows: RowsEvent): string {
	const columns = rows.table.columns;
	let out = '';
	for (let i = 0; i < row.length; i++) {
		const value = row[i];
		if (value === undefined) continue; // absent from a MINIMAL/NOBLOB image (or a hole in the array)
		out += out === '' ? '[' : ',';
		out += mysqlbinlogJson(value, columns[i]!);
	}
	return out === '' ? '[]' : `${out}]`;
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
