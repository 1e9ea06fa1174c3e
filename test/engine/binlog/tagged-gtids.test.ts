/**
 * MySQL 8.3+ tagged GTIDs: GTID_TAGGED_LOG_EVENT (42), PREVIOUS_GTIDS in the tagged GTID set format, GTID sets with
 * tags for COM_BINLOG_DUMP_GTID, and a tagged GTID kept through transactions and checkpoints. The events are built by
 * test/helpers/mysql-binlog-builder.ts from mysql-server's sources (named on each encoder there:
 * libs/mysql/binlog/event/control_events.h Gtid_event::define_fields, libs/mysql/serialization/readme.md,
 * sql/rpl_gtid_set.cc Gtid_set::encode, libs/mysql/gtid/tsid.cpp and tag.cpp).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {encodeGtidSet} from '../../../source/engine/binlog/dump-packets.js';
import {formatGtidSet, parseGtidSet} from '../../../source/engine/binlog/events/gtid-set.js';
import {TransactionAssembler} from '../../../source/engine/binlog/transactions.js';
import {loadCheckpoint, saveCheckpoint} from '../../../source/engine/checkpoint/checkpoint-store.js';
import {decodeBinlogBytes} from '../../helpers/decode-binlog-bytes.js';
import {
	type BuiltEvent,
	binlogFile,
	formatDescription,
	gtidSetBytes,
	previousGtids,
	query,
	taggedGtid,
	xid,
} from '../../helpers/mysql-binlog-builder.js';

const A = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
const B = 'c4a3a7b8-5f2e-11ef-8f6f-0242ac120002';

const decodeOne = (event: BuiltEvent) => decodeBinlogBytes(binlogFile([formatDescription('8.4.3'), event]))[1]!;

describe('GTID_TAGGED_LOG_EVENT', () => {
	it('decodes a tagged GTID as uuid:tag:gno, as MySQL prints it, with its logical clock', () => {
		const event = decodeOne(taggedGtid({uuid: A, tag: 'blue_team', gno: 42, lastCommitted: 6, sequenceNumber: 7}));
		expect(event).toMatchObject({kind: 'gtid', gtid: `${A}:blue_team:42`, lastCommitted: 6n, sequenceNumber: 7n});
	});

	it('decodes UUID bytes of 0x80 and up (two bytes each in the event) and a large gno', () => {
		const uuid = 'ffffffff-8080-7f7f-0001-fedcba987654';
		const event = decodeOne(taggedGtid({uuid, tag: 'x', gno: 2 ** 40}));
		expect(event).toMatchObject({gtid: `${uuid}:x:${2 ** 40}`});
	});

	it('opens a transaction whose GTID the commit and the checkpoint carry', async () => {
		const events = decodeBinlogBytes(
			binlogFile([formatDescription(), taggedGtid({uuid: A, tag: 'blue', gno: 5}), query('BEGIN'), xid(9)]),
		).slice(1);
		const assembler = new TransactionAssembler();
		const items = events.flatMap((event) => assembler.push('mysql-bin.000001', event));
		const commit = items.find((item) => item.kind === 'commit');
		expect(commit).toMatchObject({transaction: {gtid: `${A}:blue:5`, id: `${A}:blue:5`}});

		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'obsync-tagged-')), 'checkpoint.json');
		const checkpoint = {file: 'mysql-bin.000001', position: 300, gtid: `${A}:blue:5`, commitTime: 1, savedAt: new Date(0).toISOString()};
		await saveCheckpoint(file, checkpoint);
		expect(await loadCheckpoint(file)).toEqual(checkpoint);
	});
});

describe('PREVIOUS_GTIDS', () => {
	it('decodes the tagged format, tags after their UUID untagged ranges, as MySQL prints the set', () => {
		const event = decodeOne(
			previousGtids([
				{
					uuid: A,
					tag: '',
					intervals: [
						[1, 6],
						[7, 10],
					],
				},
				{uuid: A, tag: 'blue', intervals: [[1, 3]]},
				{uuid: A, tag: 'red', intervals: [[4, 5]]},
				{uuid: B, tag: 'blue', intervals: [[1, 101]]},
			]),
		);
		expect(event).toMatchObject({kind: 'previous-gtids', gtidSet: `${A}:1-5:7-9:blue:1-2:red:4,${B}:blue:1-100`});
	});

	it('still decodes the untagged format and an empty set', () => {
		expect(decodeOne(previousGtids([{uuid: A, tag: '', intervals: [[1, 6]]}], false))).toMatchObject({gtidSet: `${A}:1-5`});
		expect(decodeOne(previousGtids([], false))).toMatchObject({gtidSet: ''});
		expect(decodeOne(previousGtids([], true))).toMatchObject({gtidSet: ''});
	});
});

describe('GTID sets with tags', () => {
	const entries = [
		{uuid: A, tag: '', intervals: [[1, 6]] as Array<[number, number]>},
		{uuid: A, tag: 'blue', intervals: [[1, 3]] as Array<[number, number]>},
	];

	it('encodes a tagged set for COM_BINLOG_DUMP_GTID in the tagged format, byte for byte as MySQL does', () => {
		expect(encodeGtidSet(`${A}:1-5:blue:1-2`)).toEqual(gtidSetBytes(entries, true));
		// Tags are case-insensitive and stored lower case (tag.cpp Tag::replace).
		expect(encodeGtidSet(`${A.toUpperCase()}:1-5:Blue:1-2`)).toEqual(gtidSetBytes(entries, true));
	});

	it('keeps the untagged format for a set without tags, so that servers before 8.3 read it', () => {
		expect(encodeGtidSet(`${A}:1-5`)).toEqual(gtidSetBytes([entries[0]!], false));
	});

	it('round-trips a tagged GTID and a tagged set through text and bytes', () => {
		for (const text of [`${A}:blue:42`, `${A}:1-5:7-9:blue:1-2:red:4,${B}:blue:1-100`]) {
			expect(formatGtidSet(parseGtidSet(text))).toBe(text);
			const decoded = decodeOne({type: 35, body: encodeGtidSet(text)});
			expect(decoded).toMatchObject({gtidSet: text});
		}
	});

	it('refuses text that is neither a range nor a tag, saying which part', () => {
		expect(() => parseGtidSet(`${A}:1-5:9bad`)).toThrow(`"9bad" in "${A}:1-5:9bad" is neither a range nor a tag`);
	});
});
