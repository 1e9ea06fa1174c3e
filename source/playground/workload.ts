/**
 * The playground's workload: a few inserts, updates and deletes a second on `obsync_playground.orders`, so rows flow
 * on the dashboard. It runs until stopped (stop(), or its signal aborted) and keeps the table small (about 50 rows).
 */
import type mysql from 'mysql2/promise';
import {PLAYGROUND} from './playground-settings.js';
import {ORDER_STATUSES} from './sample-table.js';

export type ChangeKind = 'insert' | 'update' | 'delete';

/** Rows the table settles around: fewer and the workload mostly inserts, more and it mostly deletes. */
export const TARGET_ROWS = 50;

/** The next change to make, given the rows in the table and a random number in [0, 1). */
export function pickChange(rows: number, random: number): ChangeKind {
	if (rows < 5) return 'insert';
	if (rows > TARGET_ROWS * 2) return random < 0.7 ? 'delete' : 'update';
	const insertShare = rows < TARGET_ROWS ? 0.45 : 0.25;
	if (random < insertShare) return 'insert';
	if (random < 0.8) return 'update';
	return 'delete';
}

const customers = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', '李雷', '韩梅梅'];
const table = `\`${PLAYGROUND.database}\`.\`${PLAYGROUND.table}\``;

/** The statement that makes a change; `random` gives the customer, amount and status. */
export function changeStatement(kind: ChangeKind, random: () => number): {sql: string; values: unknown[]} {
	const amount = (Math.floor(random() * 100_000) / 100 + 1).toFixed(2);
	switch (kind) {
		case 'insert':
			return {
				sql: `INSERT INTO ${table} (customer, amount, status) VALUES (?, ?, 'new')`,
				values: [customers[Math.floor(random() * customers.length)], amount],
			};
		case 'update': {
			const status = ORDER_STATUSES[1 + Math.floor(random() * (ORDER_STATUSES.length - 1))];
			return {sql: `UPDATE ${table} SET status = ?, amount = ? ORDER BY RAND() LIMIT 1`, values: [status, amount]};
		}
		case 'delete':
			return {sql: `DELETE FROM ${table} ORDER BY id LIMIT 1`, values: []};
	}
}

export type WorkloadCounts = {insert: number; update: number; delete: number; errors: number};

export type Workload = {
	/** Changes made so far, by kind (and failed attempts). */
	readonly counts: Readonly<WorkloadCounts>;
	/** The last error, said plainly; null when the last change went through. */
	readonly lastError: string | null;
	readonly running: boolean;
	/** Stops after the change in progress and closes the connection. */
	stop(): Promise<void>;
	/** Settles when the workload has stopped. */
	readonly done: Promise<void>;
};

export type WorkloadOptions = {
	/** Opens a connection that may write the table (reopened after an error). */
	readonly connect: () => Promise<mysql.Connection>;
	/** Time between two changes. @default 300 (about three changes a second) */
	readonly intervalMs?: number;
	readonly signal?: AbortSignal;
	/** @default Math.random */
	readonly random?: () => number;
};

/** Starts the workload at once; it keeps going through errors (a dropped connection is opened again). */
export function startWorkload(options: WorkloadOptions): Workload {
	const {connect, intervalMs = 300, random = Math.random} = options;
	const counts: WorkloadCounts = {insert: 0, update: 0, delete: 0, errors: 0};
	const stopper = new AbortController();
	const onAbort = () => stopper.abort();
	if (options.signal?.aborted) stopper.abort();
	else options.signal?.addEventListener('abort', onAbort, {once: true});
	let lastError: string | null = null;
	let running = true;
	const pause = (ms: number) =>
		new Promise<void>((resolve) => {
			if (stopper.signal.aborted) return resolve();
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				stopper.signal.removeEventListener('abort', done);
				resolve();
			}
			stopper.signal.addEventListener('abort', done, {once: true});
		});
	const loop = async () => {
		let db: mysql.Connection | null = null;
		let rows = -1;
		try {
			while (!stopper.signal.aborted) {
				try {
					db ??= await connect();
					if (rows < 0) {
						const [result] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
						rows = Number((result as Array<{n: number | string}>)[0]?.n ?? 0);
					}
					const kind = pickChange(rows, random());
					const {sql, values} = changeStatement(kind, random);
					const [result] = await db.query(sql, values);
					const affected = (result as {affectedRows?: number}).affectedRows ?? 0;
					if (kind === 'insert') rows += affected;
					if (kind === 'delete') rows -= affected;
					if (affected > 0) counts[kind]++;
					lastError = null;
				} catch (error) {
					counts.errors++;
					lastError = error instanceof Error ? error.message : String(error);
					await db?.end().catch(() => undefined);
					db = null;
					rows = -1;
				}
				await pause(lastError ? Math.max(intervalMs, 2000) : intervalMs);
			}
		} finally {
			await db?.end().catch(() => undefined);
			options.signal?.removeEventListener('abort', onAbort);
			running = false;
		}
	};
	const done = loop();
	return {
		counts,
		get lastError() {
			return lastError;
		},
		get running() {
			return running;
		},
		async stop() {
			stopper.abort();
			await done;
		},
		done,
	};
}
