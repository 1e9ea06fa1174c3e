/**
 * Assembles binlog events into transactions: BEGIN (or a MariaDB/MySQL GTID) … rows … XID/COMMIT. What comes out is
 * a stream of items, not whole transactions, so a million-row transaction never sits in memory: rows are held back
 * only up to `maxBufferedRows`, which lets a rolled-back transaction that fits be dropped whole.
 *
 * Positions: `resume` on a commit (and on DDL) is where reading continues after that transaction, the only kind
 * of position a checkpoint may hold (go-mysql canal/sync.go: "we only save position with XIDEvent").
 */
import type {BinlogEvent} from './binlog-event.js';
import type {RowChange, RowOperation, RowsEvent} from './events/rows.js';
import type {TableMap} from './events/table-map.js';

export type BinlogPosition = {readonly file: string; readonly position: number};

/** One row change, with everything downstream needs to place and order it. */
export type RowChangeEvent = {
	readonly operation: RowOperation;
	readonly table: TableMap;
	readonly before: RowChange['before'];
	readonly after: RowChange['after'];
	/** Start of the rows event and the row's index in it: with the transaction, a stable identity for the change. */
	readonly at: BinlogPosition;
	readonly rowIndex: number;
	/**
	 * 1-based number of the change in its transaction, counted over every row change the binlog holds for it (all
	 * tables), so the same transaction read again numbers its changes the same way: a checkpoint inside a
	 * transaction says "its first N changes are acked". (Positions cannot say it: the events in a compressed
	 * TRANSACTION_PAYLOAD share one.)
	 */
	readonly ordinal: number;
};

export type TransactionInfo = {
	/** GTID where the server has them, else `file:position` of the transaction's first event. */
	readonly id: string;
	readonly gtid: string | null;
	readonly begin: BinlogPosition;
	/**
	 * Where reading the transaction again starts: its GTID event where one comes first (MySQL logs GTID, then
	 * BEGIN), else `begin`. Read from there, it has the same id.
	 */
	readonly start: BinlogPosition;
	/** Seconds since the epoch, from the first event's header. */
	readonly timestamp: number;
};

export type SourceItem =
	| {readonly kind: 'begin'; readonly transaction: TransactionInfo}
	| {readonly kind: 'rows'; readonly transaction: TransactionInfo; readonly changes: readonly RowChangeEvent[]}
	| {readonly kind: 'commit'; readonly transaction: TransactionInfo; readonly commitTime: number; readonly resume: BinlogPosition}
	/** Rows of this transaction already went downstream before it rolled back (only transactions over the buffer). */
	| {readonly kind: 'rollback'; readonly transaction: TransactionInfo; readonly resume: BinlogPosition}
	| {
			readonly kind: 'ddl';
			readonly database: string;
			readonly query: string;
			readonly timestamp: number;
			readonly at: BinlogPosition;
			readonly resume: BinlogPosition;
	  }
	/** The server is alive and has nothing newer than `at` (heartbeat), or an event obsync has no use for passed. */
	| {readonly kind: 'progress'; readonly at: BinlogPosition; readonly timestamp: number; readonly heartbeat: boolean};

export type AssemblerOptions = {
	/**
	 * Rows held back per transaction before it is streamed downstream. Small chunks die young in V8's heap (large
	 * ones get promoted and cost full collections); a rolled-back transaction within it is dropped whole.
	 * @default 1_000
	 */
	readonly maxBufferedRows?: number;
};

type Open = {info: TransactionInfo; buffered: RowChangeEvent[]; began: boolean; rows: number};

const isBegin = (query: string) => /^\s*(BEGIN|START\s+TRANSACTION|XA\s+START)\b/i.test(query);
const isCommit = (query: string) => /^\s*(COMMIT|XA\s+END)\b/i.test(query);
const isRollback = (query: string) => /^\s*ROLLBACK\s*$/i.test(query);
const isIgnorable = (query: string) => /^\s*(SAVEPOINT|ROLLBACK\s+TO|RELEASE\s+SAVEPOINT|XA\s+PREPARE|# Dummy)/i.test(query);

export class TransactionAssembler {
	private open: Open | null = null;
	/** A GTID event seen and its transaction not begun yet (MySQL: GTID then QUERY BEGIN). */
	private gtid: {gtid: string | null; standalone: boolean; at: BinlogPosition} | null = null;
	private readonly maxBufferedRows: number;

	constructor(options: AssemblerOptions = {}) {
		this.maxBufferedRows = options.maxBufferedRows ?? 1_000;
	}

	/** Feeds one event of `file`; returns what it completes (often nothing). */
	push(file: string, event: BinlogEvent): SourceItem[] {
		const here = {file, position: event.pos};
		const after = {file, position: event.header.nextPosition};
		switch (event.kind) {
			case 'mariadb-gtid':
				this.gtid = {gtid: event.gtid, standalone: event.standalone, at: here};
				// MariaDB has no BEGIN query after a transactional GTID: the GTID opens the transaction.
				return event.standalone ? [] : this.begin(here, event.header.timestamp);
			case 'gtid':
				this.gtid = {gtid: event.gtid, standalone: false, at: here};
				return [];
			case 'query': {
				if (isBegin(event.query)) return this.open ? [] : this.begin(here, event.header.timestamp);
				if (isCommit(event.query)) return this.commit(event.header.timestamp, after);
				if (isRollback(event.query)) return this.rollback(after);
				if (isIgnorable(event.query)) return [];
				// Anything else is DDL (or a statement-based change obsync cannot see as rows).
				this.gtid = null;
				return [{kind: 'ddl', database: event.database, query: event.query, timestamp: event.header.timestamp, at: here, resume: after}];
			}
			case 'xid':
				return this.commit(event.header.timestamp, after);
			case 'rows':
				return this.rows(file, event.pos, event.rows, event.header.timestamp);
			case 'heartbeat':
				return this.open
					? []
					: [
							{
								kind: 'progress',
								at: {file: event.file || file, position: event.position ?? event.header.nextPosition},
								timestamp: event.header.timestamp,
								heartbeat: true,
							},
						];
			case 'transaction-payload':
				return event.events.flatMap((inner) => this.push(file, inner));
			default:
				return [];
		}
	}

	private begin(at: BinlogPosition, timestamp: number): SourceItem[] {
		const gtid = this.gtid?.gtid ?? null;
		const start = this.gtid?.at ?? at;
		this.gtid = null;
		this.open = {info: {id: gtid ?? `${at.file}:${at.position}`, gtid, begin: at, start, timestamp}, buffered: [], began: false, rows: 0};
		return [];
	}

	private rows(file: string, pos: number, rows: RowsEvent, timestamp: number): SourceItem[] {
		// Rows outside BEGIN…COMMIT (non-transactional engines in autocommit) form a transaction of their own.
		const implicit = this.open === null;
		if (implicit) this.begin({file, position: pos}, timestamp);
		const open = this.open!;
		const at = {file, position: pos}; // one per event, shared by its rows
		const {operation, table} = rows;
		for (let rowIndex = 0; rowIndex < rows.rows.length; rowIndex++) {
			const change = rows.rows[rowIndex]!;
			open.buffered.push({operation, table, before: change.before, after: change.after, at, rowIndex, ordinal: ++open.rows});
		}
		const out: SourceItem[] = [];
		if (open.buffered.length >= this.maxBufferedRows) out.push(...this.flush(open));
		return out;
	}

	private flush(open: Open): SourceItem[] {
		const out: SourceItem[] = [];
		if (!open.began) {
			open.began = true;
			out.push({kind: 'begin', transaction: open.info});
		}
		if (open.buffered.length > 0) {
			out.push({kind: 'rows', transaction: open.info, changes: open.buffered});
			open.buffered = [];
		}
		return out;
	}

	private commit(commitTime: number, resume: BinlogPosition): SourceItem[] {
		const open = this.open;
		this.open = null;
		this.gtid = null;
		if (!open) return [];
		return [...this.flush(open), {kind: 'commit', transaction: open.info, commitTime, resume}];
	}

	private rollback(resume: BinlogPosition): SourceItem[] {
		const open = this.open;
		this.open = null;
		this.gtid = null;
		// Dropped whole when nothing went downstream yet; otherwise downstream is told.
		if (!open?.began) return [];
		return [{kind: 'rollback', transaction: open.info, resume}];
	}
}
