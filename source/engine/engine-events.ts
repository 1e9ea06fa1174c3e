/** What the engine tells its subscribers (dashboard, headless reporters, metrics): states, events and snapshots. */
import type {Checkpoint} from './checkpoint/checkpoint-store.js';

export const ENGINE_STATES = ['starting', 'running', 'paused', 'stopping', 'stopped', 'failed'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

/** Whether an engine in this state still holds its project (starting, running, paused or stopping). */
export function isLive(state: EngineState | undefined): boolean {
	return state !== undefined && state !== 'stopped' && state !== 'failed';
}

export type ErrorInfo = {readonly at: string; readonly name: string; readonly message: string; readonly hint?: string | undefined};

export type TableCounts = {insert: number; update: number; delete: number; ddl: number; filtered: number};

export type EngineSnapshot = {
	readonly project: string;
	readonly state: EngineState;
	readonly startedAt: string | null;
	/** The last binlog position read (the end of the last event handed on). */
	readonly position: {readonly file: string; readonly position: number} | null;
	readonly checkpoint: Checkpoint | null;
	/** Seconds behind the source: now minus the last processed commit while changes flow, 0 when caught up; null before anything is known. */
	readonly lagSeconds: number | null;
	readonly rates: {readonly rowsPerSecond: number; readonly messagesPerSecond: number};
	readonly totals: TableCounts & {transactions: number; messages: number; acked: number};
	/** By source `db.table`. */
	readonly tables: Readonly<Record<string, TableCounts>>;
	/** Messages acked, by topic. */
	readonly topics: Readonly<Record<string, number>>;
	readonly inFlight: number;
	readonly retries: number;
	readonly reconnects: number;
	/** The last errors, newest last (at most 10). */
	readonly errors: readonly ErrorInfo[];
};

/** A snapshot with nothing counted yet: what a run shows before its first numbers. */
export function emptySnapshot(project: string, state: EngineState = 'starting'): EngineSnapshot {
	return {
		project,
		state,
		startedAt: null,
		position: null,
		checkpoint: null,
		lagSeconds: null,
		rates: {rowsPerSecond: 0, messagesPerSecond: 0},
		totals: {insert: 0, update: 0, delete: 0, ddl: 0, filtered: 0, transactions: 0, messages: 0, acked: 0},
		tables: {},
		topics: {},
		inFlight: 0,
		retries: 0,
		reconnects: 0,
		errors: [],
	};
}

export type EngineEvent =
	| {readonly type: 'state'; readonly state: EngineState; readonly previous: EngineState}
	| {readonly type: 'started'; readonly from: {file: string; position: number}; readonly resumed: boolean}
	| {readonly type: 'checkpoint'; readonly checkpoint: Checkpoint}
	| {readonly type: 'reconnect'; readonly attempt: number; readonly error: ErrorInfo}
	| {readonly type: 'retry'; readonly attempt: number; readonly topic: string; readonly error: ErrorInfo}
	| {readonly type: 'error'; readonly error: ErrorInfo; readonly fatal: boolean}
	| {readonly type: 'status'; readonly snapshot: EngineSnapshot};

export type EngineListener = (event: EngineEvent) => void;

export function errorInfo(error: unknown, now = new Date()): ErrorInfo {
	const e = error instanceof Error ? error : new Error(String(error));
	const hint = (e as {hint?: unknown}).hint;
	return {at: now.toISOString(), name: e.name, message: e.message, ...(typeof hint === 'string' ? {hint} : {})};
}
