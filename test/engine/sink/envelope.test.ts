import {randomUUID} from 'node:crypto';
import {Producer} from 'rocketmq-client-nodejs';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../../source/engine/errors.js';
import type {RowRecord} from '../../../source/engine/format/record.js';
import type {ColumnSchema, TableSchema} from '../../../source/engine/schema/table-schema.js';
import {type EnvelopeOptions, eventId, rowMessage, splitKeyChange} from '../../../source/engine/sink/envelope.js';
import {messageGroup, resolveShardingColumns} from '../../../source/engine/sink/sharding.js';
import {startClient} from '../../../source/engine/sink/start-client.js';
import {consumeUntil} from '../../helpers/rocketmq.js';
import {quietRocketmqLogger, rocketmqService} from '../../helpers/services.js';

const column = (name: string, dataType: string): ColumnSchema => ({
	name,
	dataType,
	columnType: dataType,
	unsigned: false,
	nullable: false,
	charset: dataType === 'varchar' ? 'utf8mb4' : null,
	members: [],
});
const columns = [column('id', 'bigint'), column('name', 'varchar')];
const record: RowRecord = {
	kind: 'row',
	operation: 'update',
	database: 'shop',
	table: 'orders',
	columns,
	before: [1, 'old name'],
	after: [1, 'new name'],
	primaryKey: ['id'],
	eventTime: 1700000000,
	transactionId: '0-4242-9',
	sequence: 1,
	dbType: 'MYSQL',
};
const options: EnvelopeOptions = {format: 'Default', topic: 'obsync_test_fifo', shardingColumns: ['id'], now: () => 1700000000123};
const origin = {file: 'mariadb-bin.000003', position: 1234, rowIndex: 0};

describe('message groups and sharding columns', () => {
	it('gives equal sharding values the same group, in every process and release (the value is pinned)', () => {
		expect(messageGroup('shop', 'orders', ['1'])).toBe(messageGroup('shop', 'orders', ['1']));
		// sha256("shop\0orders\01"), first 32 hex digits: printf 'shop\0orders\0001' | sha256sum
		expect(messageGroup('shop', 'orders', ['1'])).toBe('ed05add14b62abd5a0fb905a97613ff3');
		expect(messageGroup('shop', 'orders', ['2'])).not.toBe(messageGroup('shop', 'orders', ['1']));
		expect(messageGroup('shop', 'other', ['1'])).not.toBe(messageGroup('shop', 'orders', ['1']));
		// values are delimited: ("1", "23") and ("12", "3") differ
		expect(messageGroup('t', 'u', ['1', '23'])).not.toBe(messageGroup('t', 'u', ['12', '3']));
	});

	const schema = (primaryKey: string[], uniqueKeys: TableSchema['uniqueKeys']): TableSchema => ({
		database: 'shop',
		table: 'orders',
		tableType: 'BASE TABLE',
		columns,
		primaryKey,
		uniqueKeys,
	});

	it('uses the chosen columns, else the primary key, else a NOT NULL unique key, else asks the user', () => {
		expect(resolveShardingColumns(schema(['id'], []), ['name'])).toEqual(['name']);
		expect(resolveShardingColumns(schema(['id'], []), undefined)).toEqual(['id']);
		expect(resolveShardingColumns(schema([], [{name: 'u', columns: ['name'], notNull: true}]), [])).toEqual(['name']);
		expect(() => resolveShardingColumns(schema([], [{name: 'u', columns: ['name'], notNull: false}]), [])).toThrow(ConfigError);
		expect(() => resolveShardingColumns(schema([], []), [])).toThrow(
			'`shop`.`orders` has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key',
		);
		expect(() => resolveShardingColumns(schema(['id'], []), ['nope'])).toThrow('sharding column(s) `nope` do not exist in `shop`.`orders`');
	});
});

describe('the message envelope', () => {
	it('carries a deterministic event id, the key, the group and the properties', () => {
		const message = rowMessage(record, origin, options);
		expect(rowMessage(record, origin, options).eventId).toBe(message.eventId);
		expect(message.eventId).toBe(eventId('0-4242-9', origin));
		expect(message.eventId).not.toBe(eventId('0-4242-9', {...origin, rowIndex: 1}));
		expect(message.tag).toBe('default_tag');
		expect(message.keys).toEqual(['shop.orders:1', message.eventId]);
		expect(message.messageGroup).toBe(messageGroup('shop', 'orders', ['1']));
		expect(Object.fromEntries(message.properties)).toEqual({
			obsync_event_id: message.eventId,
			obsync_db: 'shop',
			obsync_table: 'orders',
			obsync_op: 'UPDATE',
			obsync_position: 'mariadb-bin.000003:1234:0',
			obsync_txn: '0-4242-9',
		});
	});

	it('splits an UPDATE that changes the sharding key into DELETE(old) and INSERT(new), each in its own group', () => {
		const moved: RowRecord = {...record, after: [2, 'old name']};
		const [deleteOld, insertNew] = splitKeyChange(moved, ['id']);
		expect([deleteOld?.operation, insertNew?.operation]).toEqual(['delete', 'insert']);
		const groups = [rowMessage(deleteOld!, {...origin, part: 'd'}, options), rowMessage(insertNew!, {...origin, part: 'i'}, options)];
		expect(groups.map((m) => m.messageGroup)).toEqual([messageGroup('shop', 'orders', ['1']), messageGroup('shop', 'orders', ['2'])]);
		expect(groups[0]!.eventId).not.toBe(groups[1]!.eventId);
		expect(splitKeyChange(record, ['id'])).toEqual([record]);
	});

	it('is accepted by the RocketMQ proxy and comes back with body, keys, tag, group and properties intact', async () => {
		// A key, so a message group, of its own per run: FIFO delivers a group's messages one at a time, so one that an
		// interrupted earlier run left unacked in the shared consumer group would hold this one back for minutes.
		const id = 1 + Math.floor(Math.random() * 1e9);
		const message = rowMessage({...record, before: [id, 'old name'], after: [id, `name ${randomUUID()}`]}, origin, options);
		const producer = await startClient(
			() => new Producer({endpoints: rocketmqService.endpoints, namespace: '', topics: [options.topic], logger: quietRocketmqLogger}),
		);
		const receipt = await producer
			.send({
				topic: message.topic,
				body: message.body,
				tag: message.tag,
				keys: message.keys,
				messageGroup: message.messageGroup,
				properties: message.properties,
			})
			.finally(() => producer.shutdown());
		let received: {body: string; tag?: string | undefined; keys: string[]; group?: string | undefined; id?: string | undefined} | undefined;
		await consumeUntil(options.topic, (m) => {
			if (m.messageId !== receipt.messageId) return false;
			received = {
				body: m.body.toString('utf8'),
				tag: m.tag,
				keys: [...m.keys],
				group: m.messageGroup,
				id: m.properties.get('obsync_event_id'),
			};
			return true;
		});
		expect(received).toEqual({
			body: message.body.toString('utf8'),
			tag: 'default_tag',
			keys: message.keys,
			group: message.messageGroup,
			id: message.eventId,
		});
	});
});
