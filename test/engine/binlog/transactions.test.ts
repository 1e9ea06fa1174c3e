import {describe, expect, it} from 'vitest';
import type {BinlogEvent} from '../../../source/engine/binlog/binlog-event.js';
import type {TableMap} from '../../../source/engine/binlog/events/table-map.js';
import {type SourceItem, TransactionAssembler} from '../../../source/engine/binlog/transactions.js';

const table: TableMap = {tableId: 1, database: 'shop', table: 'orders', flags: 0, columns: [], optional: {}};
let pos = 100;
const header = (timestamp = 1_700_000_000) => ({timestamp, type: 0, serverId: 1, eventSize: 10, nextPosition: pos + 10, flags: 0});
const at = () => {
	pos += 10;
	return pos - 10;
};
const query = (q: string): BinlogEvent => ({
	kind: 'query',
	header: header(),
	pos: at(),
	threadId: 1,
	executionTime: 0,
	errorCode: 0,
	database: 'shop',
	query: q,
});
const rows = (ids: number[]): BinlogEvent => ({
	kind: 'rows',
	header: header(),
	pos: at(),
	rows: {
		operation: 'insert',
		tableId: 1,
		table,
		flags: 1,
		columnCount: 1,
		present: [true],
		presentAfter: null,
		rows: ids.map((id) => ({before: null, after: [id]})),
		imagesStart: 0,
		rowBounds: [],
	},
});
const xid = (): BinlogEvent => ({kind: 'xid', header: header(1_700_000_009), pos: at(), xid: 7n});
const gtid = (standalone: boolean): BinlogEvent => ({
	kind: 'mariadb-gtid',
	header: header(),
	pos: at(),
	gtid: '0-1-42',
	domainId: 0,
	sequence: 42n,
	standalone,
	commitId: null,
});

function feed(assembler: TransactionAssembler, events: BinlogEvent[]): SourceItem[] {
	return events.flatMap((event) => assembler.push('bin.000001', event));
}

describe('TransactionAssembler', () => {
	it('emits a small transaction whole at its commit, with the position after the commit to resume from', () => {
		const items = feed(new TransactionAssembler(), [query('BEGIN'), rows([1, 2]), rows([3]), xid()]);
		expect(items.map((i) => i.kind)).toEqual(['begin', 'rows', 'commit']);
		const commit = items[2];
		expect(commit).toMatchObject({kind: 'commit', commitTime: 1_700_000_009, resume: {file: 'bin.000001', position: pos}});
		expect(items[1]?.kind === 'rows' && items[1].changes.map((c) => c.after?.[0])).toEqual([1, 2, 3]);
	});

	it('drops a rolled-back transaction that never left the buffer', () => {
		const items = feed(new TransactionAssembler(), [query('BEGIN'), rows([1]), query('ROLLBACK')]);
		expect(items).toEqual([]);
	});

	it('streams a transaction larger than the buffer in chunks and says when such a one rolls back', () => {
		const assembler = new TransactionAssembler({maxBufferedRows: 2});
		const items = feed(assembler, [query('BEGIN'), rows([1, 2]), rows([3]), rows([4]), query('ROLLBACK')]);
		expect(items.map((i) => i.kind)).toEqual(['begin', 'rows', 'rows', 'rollback']);
	});

	it('opens a MariaDB transaction at its GTID and names it by that GTID; a standalone GTID precedes DDL', () => {
		const items = feed(new TransactionAssembler(), [gtid(false), rows([1]), xid(), gtid(true), query('CREATE TABLE t (id INT)')]);
		expect(items.map((i) => i.kind)).toEqual(['begin', 'rows', 'commit', 'ddl']);
		expect(items[0]?.kind === 'begin' && items[0].transaction.id).toBe('0-1-42');
		expect(items[3]).toMatchObject({kind: 'ddl', query: 'CREATE TABLE t (id INT)', database: 'shop'});
	});

	it('treats rows outside BEGIN/COMMIT as a transaction of their own, committed by the next boundary', () => {
		const items = feed(new TransactionAssembler(), [rows([1]), query('COMMIT')]);
		expect(items.map((i) => i.kind)).toEqual(['begin', 'rows', 'commit']);
	});
});
