import {describe, expect, it} from 'vitest';
import {SinkError} from '../../../source/engine/errors.js';
import {
	decodeBatchBody,
	decodeProperties,
	encodeBatchBody,
	encodeMessage,
	encodeProperties,
	maxBodyBytes,
} from '../../../source/engine/remoting/message-codec.js';
import {UniqueIdGenerator} from '../../../source/engine/remoting/unique-id.js';

describe('the remoting message codec', () => {
	it('writes properties as name\\u0001value\\u0002 pairs and reads them back', () => {
		const text = encodeProperties([
			['KEYS', 'shop.orders:1 e1'],
			['obsync_db', 'shop'],
		]);
		expect(text).toBe('KEYS\u0001shop.orders:1 e1\u0002obsync_db\u0001shop\u0002');
		expect(decodeProperties(text)).toEqual(
			new Map([
				['KEYS', 'shop.orders:1 e1'],
				['obsync_db', 'shop'],
			]),
		);
	});

	it('turns the two separators inside a value into _, so a column value cannot split a property', () => {
		expect(decodeProperties(encodeProperties([['KEYS', 'a\u0001b\u0002c']]))).toEqual(new Map([['KEYS', 'a_b_c']]));
	});

	it('lays a batch out as MessageDecoder.encodeMessages does: sizes, flag, body and properties per message', () => {
		const first = encodeMessage(Buffer.from('{"a":1}'), encodeProperties([['TAGS', 't']]));
		const second = encodeMessage(Buffer.from('ünïcode ✓'), encodeProperties([['KEYS', 'k']]), 3);
		const body = encodeBatchBody([first, second]);
		// totalSize = 4 (size) + 4 (magic) + 4 (body CRC) + 4 (flag) + 4 (body length) + body + 2 + properties
		expect(body.readInt32BE(0)).toBe(20 + 7 + 2 + 'TAGS\u0001t\u0002'.length);
		expect([body.readInt32BE(4), body.readInt32BE(8)]).toEqual([0, 0]);
		expect(body.length).toBe(20 + 7 + 2 + 7 + (20 + Buffer.byteLength('ünïcode ✓') + 2 + 7));
		expect(decodeBatchBody(body)).toEqual([
			{flag: 0, body: Buffer.from('{"a":1}'), properties: new Map([['TAGS', 't']])},
			{flag: 3, body: Buffer.from('ünïcode ✓'), properties: new Map([['KEYS', 'k']])},
		]);
	});

	it('refuses a body over 4 MiB and properties over 32,767 bytes before anything is sent', () => {
		expect(() => encodeMessage(Buffer.alloc(maxBodyBytes + 1), '')).toThrow(SinkError);
		expect(() => encodeMessage(Buffer.alloc(maxBodyBytes), '')).not.toThrow();
		expect(() => encodeMessage(Buffer.alloc(1), encodeProperties([['KEYS', 'k'.repeat(40_000)]]))).toThrow(
			/properties take 40006 bytes; RocketMQ accepts at most 32767/,
		);
	});
});

describe('message ids', () => {
	it('are 32 upper-case hex digits in the Java client’s layout: address, pid, a random, time in the month, counter', () => {
		const ids = new UniqueIdGenerator(Buffer.from([10, 1, 2, 3]), 0x12345);
		const now = new Date(2026, 11, 2, 15, 0, 0, 250).getTime();
		const a = ids.next(now);
		const b = ids.next(now);
		expect(a).toMatch(/^[0-9A-F]{32}$/);
		expect(a.slice(0, 12)).toBe('0A0102032345');
		expect(a.slice(0, 20)).toBe(b.slice(0, 20)); // the fixed part
		const sinceMonth = now - new Date(2026, 11, 1).getTime();
		expect(Number.parseInt(a.slice(20, 28), 16)).toBe(sinceMonth);
		expect(Number.parseInt(b.slice(28), 16)).toBe(Number.parseInt(a.slice(28), 16) + 1);
	});

	it('are unique across 200,000 in a row', () => {
		const ids = new UniqueIdGenerator();
		const seen = new Set<string>();
		const now = Date.now();
		for (let i = 0; i < 200_000; i++) seen.add(ids.next(now + Math.floor(i / 1000)));
		expect(seen.size).toBe(200_000);
	});
});
