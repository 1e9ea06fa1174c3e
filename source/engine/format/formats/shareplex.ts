/**
 * OMS "SharePlex" format (shared/reference/oms-formats.md §7). `data` is the whole row for ins/del and the changed
 * columns for upd, whose `key` holds the whole before image. `meta.seq` (the change's 1-based position in its
 * transaction) is written only with "intra-transaction sequence" on. Times are UTC; `idx`/`size` are the values
 * OMS documents as invalid ("0/0", 0), since transactions are streamed, not counted.
 */
import {changedObject, imageObject, primaryKeyValues} from '../columns.js';
import {type JsonValue, num, writeJson} from '../json-writer.js';
import type {FormatOptions, FormatRecord} from '../record.js';

const isoSeconds = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const ops = {insert: 'ins', update: 'upd', delete: 'del'} as const;

export function formatSharePlex(record: FormatRecord, options: FormatOptions): string {
	const name = `${record.database}.${record.table}`;
	const meta: {[key: string]: JsonValue} = {
		time: isoSeconds(record.eventTime * 1000),
		op: record.kind === 'ddl' ? 'ddl' : ops[record.operation],
		posttime: isoSeconds(options.now()),
		idx: '0/0',
		size: num(0),
	};
	if (options.intraTransactionSequence) meta.seq = num(record.kind === 'ddl' ? 0 : record.sequence);
	meta.table = name;
	meta.rowid = `${name}-${record.kind === 'ddl' ? '' : primaryKeyValues(record).join('\u0001')}`;
	meta.trans = record.transactionId;
	meta.scn = 'null';
	if (record.kind === 'ddl') return writeJson({data: {}, meta, sql: {ddl: record.ddl}});
	if (record.operation === 'update') {
		return writeJson({data: changedObject(record, record.after), meta, key: imageObject(record, record.before)});
	}
	return writeJson({data: imageObject(record, record.operation === 'insert' ? record.after : record.before), meta});
}
