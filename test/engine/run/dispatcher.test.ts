/**
 * The dispatcher, with arrays of synthetic events: what it sends, what it skips when a transaction is read again,
 * and what it tells the checkpoint tracker.
 */
import {describe, expect, it} from 'vitest';
import type {RowOperation} from '../../../source/engine/binlog/events/rows.js';
import {type Advance, CheckpointTracker} from '../../../source/engine/checkpoint/checkpoint-tracker.js';
import {ObjectPlans} from '../../../source/engine/pipeline/object-plan.js';
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import {Dispatcher} from '../../../source/engine/run/dispatcher.js';
import type {TypedOutput} from '../../../source/engine/schema/apply-schema.js';
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import {EngineStats} from '../../../source/engine/stats.js';
import {customers, ddlAt, endOf, FILE, inserts, type Row, transaction} from './synthetic.js';

const object: ProjectObject = {database: 'shop', table: 'orders', topic: 'orders_topic'} as ProjectObject;

type Sent = {message: OutgoingMessage; ack: () => void; acked: Promise<void>};

type HarnessOptions = {
	resumeWithin?: {id: string; rows: number};
	object?: Partial<ProjectObject>;
	/** More selected tables of `shop`, on the same topic. */
	alsoTables?: string[];
	operations?: RowOperation[];
	autoAck?: boolean;
};

function harness(options: HarnessOptions = {}) {
	const sent: Sent[] = [];
	const advances: Advance[] = [];
	const tracker = new CheckpointTracker((advance) => advances.push(advance));
	const stats = new EngineStats();
	const dispatcher = new Dispatcher({
		plans: new ObjectPlans([
			{...object, ...options.object} as ProjectObject,
			...(options.alsoTables ?? []).map((table) => ({...object, table}) as ProjectObject),
		]),
		operations: new Set(options.operations ?? ['insert', 'update', 'delete']),
		dbType: 'MYSQL',
		format: 'Default',
		formatOptions: {intraTransactionSequence: true, now: () => 0},
		tag: undefined,
		ddl: true,
		tracker,
		stats,
		admit: async (message) => {
			let ack!: () => void;
			const acked = new Promise<void>((resolve) => {
				ack = resolve;
			});
			sent.push({message, ack, acked});
			if (options.autoAck) ack();
			return {acked, number: sent.length - 1};
		},
		settledThrough: async (through) => {
			await Promise.all(sent.slice(0, through + 1).map((s) => s.acked));
		},
		inFlight: () => 0,
		resumeWithin: options.resumeWithin,
	});
	const feed = async (items: readonly TypedOutput[]) => {
		for (const item of items) await dispatcher.handle(item);
	};
	return {sent, advances, tracker, stats, dispatcher, feed};
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const ids = (sent: readonly Sent[]) => sent.map((s) => s.message.eventId);
const bodies = (sent: readonly Sent[]) => sent.map((s) => s.message.body.toString());

describe('Dispatcher', () => {
	it('sends one message per selected row change, with ids that depend only on the transaction and the binlog place', async () => {
		const first = harness();
		await first.feed(transaction(1000, inserts(5)));
		const second = harness();
		await second.feed(transaction(1000, inserts(5)));
		expect(first.sent).toHaveLength(5);
		expect(new Set(ids(first.sent)).size).toBe(5);
		expect(ids(second.sent)).toEqual(ids(first.sent));
		expect(first.stats.totals.insert).toBe(5);
		expect(first.stats.totals.transactions).toBe(1);
		expect(first.dispatcher.position).toEqual({file: FILE, position: 1000 + 100 + 150 + 31});
	});

	it('resumed inside a transaction, sends only the changes after the acked ones, byte for byte as the first time', async () => {
		const items = transaction(1000, inserts(10), {perItem: 4});
		const full = harness();
		await full.feed(items);
		const resumed = harness({resumeWithin: {id: `${FILE}:1000`, rows: 6}});
		await resumed.feed(items);
		expect(ids(resumed.sent)).toEqual(ids(full.sent).slice(6));
		// The intra-transaction sequence in the bodies counts the skipped changes too.
		expect(bodies(resumed.sent)).toEqual(bodies(full.sent).slice(6));
		expect(resumed.dispatcher.skipped).toBe(6);
	});

	it('does not skip anything of a transaction that is not the one the checkpoint names', async () => {
		const resumed = harness({resumeWithin: {id: `${FILE}:999`, rows: 6}});
		await resumed.feed(transaction(1000, inserts(10)));
		expect(resumed.sent).toHaveLength(10);
	});

	it('moves the checkpoint inside a transaction over the prefix of changes whose messages are all acked', async () => {
		const {sent, advances, feed} = harness();
		await feed(transaction(1000, inserts(6)).slice(0, -1)); // not committed yet
		sent[1]!.ack();
		sent[2]!.ack();
		await tick();
		expect(advances).toEqual([]); // the first change is not acked
		sent[0]!.ack();
		await tick();
		expect(advances.at(-1)).toEqual({
			resume: {file: FILE, position: 1000},
			gtid: null,
			commitTime: undefined,
			within: {id: `${FILE}:1000`, rows: 3},
			covered: 3, // the messages admitted before the fourth change's
		});
	});

	it('after a reconnect inside a transaction, sends none of what it handed over again and keeps tracking it', async () => {
		const items = transaction(1000, inserts(9), {perItem: 3});
		const {sent, advances, feed, tracker} = harness();
		await feed(items.slice(0, 3)); // begin and 6 changes
		await feed([{kind: 'restart', resumeFrom: {file: FILE, position: 1000}}]);
		await feed(items); // read again from its start
		expect(sent).toHaveLength(9);
		expect(new Set(ids(sent)).size).toBe(9);
		expect(tracker.waiting).toBe(1);
		for (const s of sent) s.ack();
		await tick();
		expect(advances.at(-1)?.resume.position).toBe(endOf(items));
		expect(advances.at(-1)?.within).toBeUndefined();
	});

	it('counts filtered changes without sending them, and moves the checkpoint over them', async () => {
		const rows: Row[] = [
			{op: 'insert', id: 1, status: 'paid'},
			{op: 'insert', id: 2, status: 'new'},
			{op: 'insert', id: 3, status: 'paid'},
		];
		const {sent, stats, feed} = harness({object: {where: "status = 'paid'"}, autoAck: true});
		await feed(transaction(1000, rows));
		expect(sent.map((s) => s.message.keys[0])).toEqual(['shop.orders:1', 'shop.orders:3']);
		expect(stats.totals.filtered).toBe(1);
	});

	it('sends an update that moves a row to another key as a delete and an insert, and counts the change acked only when both are', async () => {
		const {sent, advances, feed} = harness();
		await feed(transaction(1000, [{op: 'update', id: 2, from: 1}, ...inserts(1, 5)]).slice(0, -1));
		expect(sent.map((s) => s.message.properties.get('obsync_op'))).toEqual(['DELETE', 'INSERT', 'INSERT']);
		sent[0]!.ack();
		sent[2]!.ack();
		await tick();
		expect(advances).toEqual([]);
		sent[1]!.ack();
		await tick();
		expect(advances.at(-1)?.within).toEqual({id: `${FILE}:1000`, rows: 2});
	});

	it('sends a table’s DDL only once its earlier messages are acked, and its later changes only once the DDL is acked', async () => {
		const {sent, feed} = harness();
		await feed(transaction(1000, inserts(3)));
		await feed([ddlAt(1300, 'ALTER TABLE orders ADD COLUMN note VARCHAR(20)')]);
		const later = feed(transaction(1400, inserts(2, 10)));
		await tick();
		expect(sent).toHaveLength(3); // the DDL waits for the three inserts, the later inserts for the DDL
		for (const s of sent) s.ack();
		await tick();
		expect(sent.map((s) => s.message.properties.get('obsync_op'))).toEqual(['INSERT', 'INSERT', 'INSERT', 'DDL']);
		await tick();
		expect(sent).toHaveLength(4);
		sent[3]!.ack();
		await later;
		expect(sent.map((s) => s.message.properties.get('obsync_op'))).toEqual(['INSERT', 'INSERT', 'INSERT', 'DDL', 'INSERT', 'INSERT']);
	});

	it('lets the changes of another table pass a DDL that waits', async () => {
		const {sent, feed, dispatcher, advances} = harness({alsoTables: ['customers']});
		await feed(transaction(1000, inserts(2)));
		await feed([ddlAt(1300, 'ALTER TABLE orders ADD COLUMN note VARCHAR(20)')]);
		await feed(transaction(1400, [{op: 'insert', id: 7, status: 'a@example.com'}], {schema: customers}));
		expect(sent.map((s) => s.message.properties.get('obsync_table'))).toEqual(['orders', 'orders', 'customers']);
		for (const s of sent) s.ack();
		await tick();
		expect(sent.map((s) => s.message.properties.get('obsync_op'))).toEqual(['INSERT', 'INSERT', 'INSERT', 'DDL']);
		sent[3]!.ack();
		await dispatcher.settled();
		await tick();
		// The checkpoint passes the DDL only once it is acked, and then the customers transaction after it.
		expect(advances.at(-1)?.resume.position).toBe(endOf(transaction(1400, inserts(1), {schema: customers})));
	});

	it('sends an update that moves a row to another key as its insert half only when the project leaves deletes out', async () => {
		const update = transaction(1000, [{op: 'update', id: 2, from: 1}]);
		const all = harness({autoAck: true});
		await all.feed(update);
		const noDeletes = harness({operations: ['insert', 'update'], autoAck: true});
		await noDeletes.feed(update);
		expect(noDeletes.sent.map((s) => s.message.properties.get('obsync_op'))).toEqual(['INSERT']);
		expect(ids(noDeletes.sent)).toEqual([ids(all.sent)[1]]);
		expect(noDeletes.advances.at(-1)?.resume.position).toBe(endOf(update));
	});

	it('keys the messages of a table without a primary key by the NOT NULL unique key it is sharded on', async () => {
		const {sent, feed} = harness({object: {table: 'customers'}, autoAck: true});
		await feed(transaction(1000, [{op: 'insert', id: 7, status: 'a@example.com'}], {schema: customers}));
		expect(sent[0]!.message.keys[0]).toBe('shop.customers:a@example.com');
		const {allMetaData} = JSON.parse(sent[0]!.message.body.toString()) as {
			allMetaData: {record_primary_key: string; record_primary_value: string};
		};
		expect([allMetaData.record_primary_key, allMetaData.record_primary_value]).toEqual(['email', 'a@example.com']);
	});
});
