/**
 * zstd-compressed transactions (TRANSACTION_PAYLOAD, binlog_transaction_compression=ON) decode on every Node obsync
 * supports: with node:zlib's zstd where Node has it (>= 22.15), else with fzstd. The payload events are built by
 * test/helpers/mysql-binlog-builder.ts; the zstd frames are either written by hand from RFC 8878 (raw blocks) or,
 * where the zstd command is installed, compressed by it (real Huffman/FSE-coded blocks).
 */
import {spawnSync} from 'node:child_process';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {mysqlbinlogText} from '../../../source/engine/binlog/mysqlbinlog-text.js';
import {zstdDecompress, zstdImplementation} from '../../../source/engine/binlog/zstd.js';
import {decodeBinlogBytes} from '../../helpers/decode-binlog-bytes.js';
import {
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
	payloadEvents,
	query,
	tableMap,
	transactionPayload,
	VECTOR_COLUMN,
	vectorValue,
	writeRows,
	xid,
	zstdRawFrame,
} from '../../helpers/mysql-binlog-builder.js';

const hasNativeZstd = typeof (zlib as {zstdDecompressSync?: unknown}).zstdDecompressSync === 'function';
const zstdCli = spawnSync('zstd', ['--version']).status === 0;

/** A transaction of 200 rows, its events as they sit in a payload, uncompressed. */
const inner = payloadEvents([
	query('BEGIN'),
	tableMap(7, 'shop', 'items', [INT_COLUMN, VECTOR_COLUMN]),
	writeRows(
		7,
		2,
		Array.from({length: 200}, (_, i) => [intValue(i), vectorValue([i, i / 2])]),
	),
	xid(77),
]);

function rowsOf(frame: Buffer): string[] {
	const events = decodeBinlogBytes(binlogFile([formatDescription('8.4.3'), transactionPayload(frame, 0, inner.length)]));
	const payload = events[1]!;
	if (payload.kind !== 'transaction-payload') throw new Error(`expected a transaction payload, got ${payload.kind}`);
	expect(payload.events.map((event) => event.kind)).toEqual(['query', 'table-map', 'rows', 'xid']);
	const rows = payload.events[2]!;
	if (rows.kind !== 'rows') throw new Error('no rows');
	return rows.rows.rows.map((row) => `${row.after![0]} ${mysqlbinlogText(row.after![1], rows.rows.table.columns[1]!)}`);
}

describe('zstd transaction payloads', () => {
	it('uses node:zlib where Node has zstd, and fzstd on older Node', () => {
		expect(zstdImplementation).toBe(hasNativeZstd ? 'node:zlib' : 'fzstd');
	});

	it('decodes a compressed transaction (raw zstd blocks, RFC 8878) into its events', () => {
		const rows = rowsOf(zstdRawFrame(inner, 1000));
		expect(rows).toHaveLength(200);
		expect(rows[3]).toBe('3 [3.00000e+00,1.50000e+00]');
	});

	it.runIf(zstdCli)('decodes a transaction compressed by the zstd command, with fzstd and, where present, node:zlib', () => {
		const compressed = spawnSync('zstd', ['-q', '-c', '-19'], {input: inner}).stdout as Buffer;
		expect(compressed.length).toBeLessThan(inner.length / 2);
		expect(zstdDecompress(compressed, 'fzstd')).toEqual(inner);
		if (hasNativeZstd) expect(zstdDecompress(compressed, 'node:zlib')).toEqual(inner);
		expect(rowsOf(compressed)[199]).toBe('199 [1.99000e+02,9.95000e+01]');
	});

	it('decodes an uncompressed payload (compression 255) the same way', () => {
		const events = decodeBinlogBytes(binlogFile([formatDescription('8.4.3'), transactionPayload(inner, 255, inner.length)]));
		expect(events[1]).toMatchObject({kind: 'transaction-payload'});
	});

	it('reports damaged zstd data as a corrupt event, with file and position', () => {
		const cut = zstdRawFrame(inner, 1000).subarray(0, -10); // the last block ends early
		expect(() => rowsOf(cut)).toThrow(/^corrupt TRANSACTION_PAYLOAD event: .+ \(at file mysql-bin\.000001, position 127, event type 40\)$/);
	});
});
