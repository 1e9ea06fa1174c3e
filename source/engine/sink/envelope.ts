/**
 * A row change or DDL as a RocketMQ message: topic, body in the project's format, tag, keys, FIFO message group and
 * user properties. The event id is deterministic: the same row change read again after a restart gets the same id,
 * so downstream can recognise replays (delivery is at-least-once).
 */
import {primaryKeyValues, textOf} from '../format/columns.js';
import {type FormatName, type FormatOptions, formatMessage} from '../format/index.js';
import type {DdlRecord, RowRecord} from '../format/record.js';
import {renderValue} from '../format/render-value.js';
import {sha256Hex} from './hex-digest.js';
import {messageGroup} from './sharding.js';

export type OutgoingMessage = {
	readonly topic: string;
	readonly body: Buffer;
	readonly tag: string;
	readonly keys: string[];
	readonly messageGroup: string;
	readonly properties: Map<string, string>;
	readonly eventId: string;
};

/** Where a change came from: enough to identify it across restarts. */
export type ChangeOrigin = {
	readonly file: string;
	readonly position: number;
	readonly rowIndex: number;
	/** `d`/`i` for the two halves of an UPDATE that moved a row to another key; empty otherwise. */
	readonly part?: 'd' | 'i' | '';
};

export type EnvelopeOptions = FormatOptions & {
	readonly format: FormatName;
	readonly topic: string;
	/** @default 'default_tag' */
	readonly tag?: string;
	readonly shardingColumns: readonly string[];
};

export function eventId(transactionId: string, origin: ChangeOrigin): string {
	const text = `${transactionId}|${origin.file}|${origin.position}|${origin.rowIndex}|${origin.part ?? ''}`;
	return sha256Hex(text).slice(0, 32);
}

/** RocketMQ splits keys on spaces; a key keeps its value's other characters. */
const keyText = (text: string) => text.replace(/\s/g, '_');

function shardingValues(record: RowRecord, columns: readonly string[]): string[] {
	const image = record.operation === 'delete' ? record.before : record.after;
	return columns.map((name) => {
		const i = record.columns.findIndex((column) => column.name === name);
		return i < 0 ? '' : textOf(renderValue(image?.[i], record.columns[i]!));
	});
}

/**
 * An UPDATE that changes the sharding values moves the row to another message group. Sent as one message, it would
 * be ordered in neither group against later changes; so it becomes a DELETE of the old key and an INSERT of the new
 * one, each in its own key's group (peers reorder here: README).
 */
export function splitKeyChange(record: RowRecord, shardingColumns: readonly string[]): RowRecord[] {
	if (record.operation !== 'update' || !record.before || !record.after) return [record];
	const before = shardingValues({...record, operation: 'delete'}, shardingColumns);
	const after = shardingValues(record, shardingColumns);
	if (before.every((value, i) => value === after[i])) return [record];
	return [
		{...record, operation: 'delete', after: null},
		{...record, operation: 'insert', before: null},
	];
}

export function rowMessage(record: RowRecord, origin: ChangeOrigin, options: EnvelopeOptions): OutgoingMessage {
	const id = eventId(record.transactionId, origin);
	const pk = primaryKeyValues(record);
	const keys = [id];
	if (pk.length > 0) keys.unshift(keyText(`${record.database}.${record.table}:${pk.join(',')}`));
	return {
		topic: options.topic,
		body: Buffer.from(formatMessage(options.format, record, options), 'utf8'),
		tag: options.tag ?? 'default_tag',
		keys,
		messageGroup: messageGroup(record.database, record.table, shardingValues(record, options.shardingColumns)),
		properties: properties(id, record.database, record.table, record.operation.toUpperCase(), origin, record.transactionId, options),
		eventId: id,
	};
}

/** DDL goes to the table's topic in one group per table, so it stays ordered against that table's DDL. */
export function ddlMessage(record: DdlRecord, origin: ChangeOrigin, options: EnvelopeOptions): OutgoingMessage {
	const transaction = record.transactionId ?? `${origin.file}:${origin.position}`;
	const id = eventId(transaction, origin);
	return {
		topic: options.topic,
		body: Buffer.from(formatMessage(options.format, record, options), 'utf8'),
		tag: options.tag ?? 'default_tag',
		keys: [id],
		messageGroup: messageGroup(record.database, record.table, []),
		properties: properties(id, record.database, record.table, 'DDL', origin, transaction, options),
		eventId: id,
	};
}

function properties(
	id: string,
	database: string,
	table: string,
	operation: string,
	origin: ChangeOrigin,
	transaction: string,
	options: EnvelopeOptions,
): Map<string, string> {
	const map = new Map([
		['obsync_event_id', id],
		['obsync_db', database],
		['obsync_table', table],
		['obsync_op', operation],
		['obsync_position', `${origin.file}:${origin.position}:${origin.rowIndex}`],
		['obsync_txn', transaction],
	]);
	if (options.businessId) map.set('obsync_business_id', options.businessId);
	return map;
}
