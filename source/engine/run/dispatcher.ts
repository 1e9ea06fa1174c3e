/**
 * Turns source items (transactions of typed row changes, DDL, progress) into messages and checkpoint-tracker
 * entries. It holds no I/O of its own: messages go to `admit`, which resolves when the message is admitted to the
 * in-flight window with a promise of its ack; so it is tested with arrays of events.
 *
 * A transaction read again, after a resume from a checkpoint inside it or a reconnect in the middle of it, skips the
 * row changes already handed over: they are numbered the same way each time they are read (`ordinal`), and their
 * event ids, which depend on the transaction and the change's place in the binlog, stay the same.
 */
import type {RowOperation} from '../binlog/events/rows.js';
import type {BinlogPosition, TransactionInfo} from '../binlog/transactions.js';
import type {CheckpointTracker, TrackedTransaction} from '../checkpoint/checkpoint-tracker.js';
import type {FormatName} from '../format/index.js';
import type {DdlRecord, FormatOptions, SourceDbType} from '../format/record.js';
import {type ObjectPlan, type ObjectPlans, objectKey} from '../pipeline/object-plan.js';
import {passesFilter, toRecord} from '../pipeline/to-records.js';
import type {TypedChange, TypedOutput} from '../schema/apply-schema.js';
import {tablesOfDdl} from '../schema/schema-cache.js';
import {ddlMessage, type EnvelopeOptions, type OutgoingMessage, rowMessage, splitKeyChange} from '../sink/envelope.js';
import type {Logger} from '../sink/sink.js';
import type {EngineStats} from '../stats.js';

export type DispatcherOptions = {
	readonly plans: ObjectPlans;
	readonly operations: ReadonlySet<RowOperation>;
	readonly dbType: SourceDbType;
	readonly format: FormatName;
	readonly formatOptions: FormatOptions;
	readonly tag?: string | undefined;
	/** Send DDL of selected tables as messages. */
	readonly ddl: boolean;
	readonly tracker: CheckpointTracker;
	readonly stats: EngineStats;
	/** Resolves once the message is admitted to the in-flight window, with a promise of its ack. */
	readonly admit: (message: OutgoingMessage) => Promise<{readonly acked: Promise<void>; readonly number: number}>;
	/** Resolves once every message admitted as a number up to `through` is acked (a DDL's barrier). */
	readonly settledThrough: (through: number) => Promise<void>;
	/** Messages admitted and not acked yet (a heartbeat only means "caught up" when there are none). */
	readonly inFlight: () => number;
	/** The checkpoint resumed from is inside this transaction: its first `rows` row changes are acked. */
	readonly resumeWithin?: {readonly id: string; readonly rows: number} | undefined;
	readonly logger?: Logger;
};

type Open = {readonly info: TransactionInfo; readonly tracked: TrackedTransaction; readonly skipThrough: number; sequence: number};

export class Dispatcher {
	private open: Open | null = null;
	/** Applies to the next transaction that begins, if it is this one. */
	private reread: {id: string; rows: number; tracked?: TrackedTransaction} | null;
	private readonly envelopes = new WeakMap<ObjectPlan, EnvelopeOptions>();
	/** By source `db.table`: the admission number of the table's last message. */
	private readonly lastOfTable = new Map<string, number>();
	/** By source `db.table`: the table's DDL message on its way (the barrier), until it is acked. */
	private readonly ddlBarriers = new Map<string, Promise<void>>();
	/** The last binlog position handed on (the end of the last item outside a transaction). */
	position: BinlogPosition | null = null;
	/** Row changes not sent because they were acked before (resume or reconnect inside a transaction). */
	skipped = 0;

	constructor(private readonly options: DispatcherOptions) {
		this.reread = options.resumeWithin ? {...options.resumeWithin} : null;
	}

	get inTransaction(): boolean {
		return this.open !== null;
	}

	/** Resolves when every DDL message under way is acked (a stop waits for it before draining the sender). */
	async settled(): Promise<void> {
		await Promise.all(this.ddlBarriers.values());
	}

	async handle(item: TypedOutput): Promise<void> {
		const {tracker, stats} = this.options;
		switch (item.kind) {
			case 'begin':
				stats.caughtUp = false;
				this.begin(item.transaction);
				return;
			case 'rows': {
				const open = this.open ?? this.begin(item.transaction);
				for (const change of item.typed) await this.change(open, change);
				return;
			}
			case 'commit':
			case 'rollback': {
				const tracked = (this.open ?? this.begin(item.transaction)).tracked;
				const commitTime = item.kind === 'commit' ? item.commitTime : item.transaction.timestamp;
				tracker.close(tracked, item.resume, item.transaction.gtid, commitTime);
				this.open = null;
				stats.totals.transactions++;
				stats.lastCommitTime = commitTime;
				this.position = item.resume;
				return;
			}
			case 'ddl': {
				this.forgetReread();
				const tracked = tracker.begin();
				if (this.options.ddl) await this.ddl(item, tracked);
				tracker.close(tracked, item.resume, null, item.timestamp);
				stats.lastCommitTime = item.timestamp;
				this.position = item.resume;
				return;
			}
			case 'progress':
				if (item.at.position > 0 && !this.open) this.position = item.at;
				if (item.heartbeat && !this.open && this.options.inFlight() === 0 && this.ddlBarriers.size === 0) stats.caughtUp = true;
				return;
			case 'restart':
				// The connection dropped inside a transaction: it is read again from its start, and what was handed over
				// of it is skipped, still tracked under the same entry.
				if (this.open) this.reread = {id: this.open.info.id, rows: this.open.tracked.handedThrough, tracked: this.open.tracked};
				this.open = null;
				return;
		}
	}

	private begin(info: TransactionInfo): Open {
		const mark = {id: info.id, start: info.start};
		const reread = this.reread;
		this.reread = null;
		let open: Open;
		if (reread && reread.id === info.id) {
			const tracked = reread.tracked ?? this.options.tracker.begin(mark, reread.rows);
			open = {info, tracked, skipThrough: reread.rows, sequence: 0};
		} else {
			if (reread) this.dropReread(reread, info.id);
			open = {info, tracked: this.options.tracker.begin(mark), skipThrough: 0, sequence: 0};
		}
		this.open = open;
		return open;
	}

	private forgetReread(): void {
		if (this.reread) this.dropReread(this.reread, null);
		this.reread = null;
	}

	private dropReread(reread: {id: string; rows: number; tracked?: TrackedTransaction}, found: string | null): void {
		if (reread.tracked) this.options.tracker.abandon(reread.tracked);
		// Safe (everything of the transaction is sent), but not expected: say so.
		this.options.logger?.warn(
			{expected: reread.id, found},
			'the transaction to continue was not the first one read; it is sent from its start if it comes',
		);
	}

	private async change(open: Open, change: TypedChange): Promise<void> {
		const {plans, operations, stats, tracker} = this.options;
		const plan = plans.plan(change.schema);
		if (!plan) return;
		const passes = operations.has(change.operation) && passesFilter(change, plan);
		if (change.ordinal <= open.skipThrough) {
			// Acked before: not sent again, but counted in the sequence as when it was sent.
			if (passes) open.sequence++;
			this.skipped++;
			return;
		}
		const key = objectKey(change.schema.database, change.schema.table);
		// A DDL of this table on its way: this later change waits until it is acked.
		const barrier = this.ddlBarriers.size > 0 ? this.ddlBarriers.get(key) : undefined;
		if (barrier) await barrier;
		if (!passes) {
			stats.count(key, 'filtered');
			tracker.handed(open.tracked, change.ordinal);
			return;
		}
		open.sequence++;
		const record = toRecord(change, plan, {
			transactionId: open.info.id,
			sequence: open.sequence,
			eventTime: open.info.timestamp,
			dbType: this.options.dbType,
		});
		const envelope = this.envelopeOf(plan);
		const parts = splitKeyChange(record, plan.shardingColumns);
		// An UPDATE that moves the row to another key is sent as a DELETE of the old key and an INSERT of the new one.
		// A project that leaves deletes out (an append-only consumer) gets the INSERT half only: no delete at all, and
		// the update's new image all the same (README: Operations).
		const sent = parts.length > 1 && !operations.has('delete') ? parts.filter((part) => part.operation !== 'delete') : parts;
		for (const part of sent) {
			const origin = {
				file: change.at.file,
				position: change.at.position,
				rowIndex: change.rowIndex,
				part: parts.length > 1 ? (part.operation === 'delete' ? 'd' : 'i') : '',
			} as const;
			this.lastOfTable.set(key, await this.send(rowMessage(part, origin, envelope), open.tracked, change.ordinal));
		}
		tracker.handed(open.tracked, change.ordinal);
		stats.count(key, change.operation);
	}

	private async ddl(item: Extract<TypedOutput, {kind: 'ddl'}>, tracked: TrackedTransaction): Promise<void> {
		const {plans, formatOptions, format, tag, dbType, stats} = this.options;
		for (const name of tablesOfDdl(item.query, item.database) ?? []) {
			const [database, ...rest] = name.split('.');
			const object = plans.selected(database!, rest.join('.'));
			if (!object) continue;
			const record: DdlRecord = {
				kind: 'ddl',
				database: object.renameDatabase ?? object.database,
				table: object.renameTable ?? object.table,
				ddl: item.query,
				eventTime: item.timestamp,
				transactionId: null,
				dbType,
			};
			const origin = {file: item.at.file, position: item.at.position, rowIndex: 0};
			const envelope: EnvelopeOptions = {...formatOptions, format, topic: object.topic, tag, shardingColumns: []};
			this.barrier(objectKey(database!, rest.join('.')), ddlMessage(record, origin, envelope), tracked);
			stats.count(name, 'ddl');
		}
	}

	/**
	 * A table's DDL is a barrier for that table (README: DDL): it is sent once every earlier message of the table is
	 * acked, and the table's later changes wait until it is acked (change()). The reading goes on meanwhile, so other
	 * tables are not held up; their messages may pass it.
	 */
	private barrier(key: string, message: OutgoingMessage, tracked: TrackedTransaction): void {
		const previous = this.ddlBarriers.get(key);
		const last = this.lastOfTable.get(key);
		const sent = (async () => {
			await previous;
			if (last !== undefined) await this.options.settledThrough(last);
			const {acked, number} = await this.options.admit(message);
			this.lastOfTable.set(key, number);
			this.options.stats.totals.messages++;
			await acked;
		})();
		this.ddlBarriers.set(key, sent);
		const done = () => {
			if (this.ddlBarriers.get(key) === sent) this.ddlBarriers.delete(key);
		};
		sent.then(done, done);
		// Its admission number is not known yet: the tracker counts it from the next one, which only holds later
		// messages in the window a little longer, never shorter.
		this.options.tracker.track(tracked, sent);
	}

	/** Admits the message, tracks it, and gives its admission number. */
	private async send(message: OutgoingMessage, tracked: TrackedTransaction, ordinal?: number): Promise<number> {
		const {acked, number} = await this.options.admit(message);
		this.options.stats.totals.messages++;
		this.options.tracker.track(tracked, acked, ordinal, number);
		return number;
	}

	/** One envelope setting per table plan, not an object spread per row. */
	private envelopeOf(plan: ObjectPlan): EnvelopeOptions {
		let envelope = this.envelopes.get(plan);
		if (!envelope) {
			const {formatOptions, format, tag} = this.options;
			envelope = {...formatOptions, format, topic: plan.topic, tag, shardingColumns: plan.shardingColumns};
			this.envelopes.set(plan, envelope);
		}
		return envelope;
	}
}
