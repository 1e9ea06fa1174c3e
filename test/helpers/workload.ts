/**
 * A mixed workload with a model of its own: inserts, updates, deletes, primary-key changes, multi-row statements and
 * multi-table transactions over two tables, each row change recorded as the message obsync must send for it
 * (a key change as DELETE of the old key + INSERT of the new one). `seq` counts a row's changes, so every change
 * of a key is told apart from the others.
 */
import type mysql from 'mysql2/promise';

export type ExpectedChange = {
	readonly table: string;
	readonly id: number;
	readonly op: 'INSERT' | 'UPDATE' | 'DELETE';
	readonly seq: number;
};

export class Workload {
	readonly expected: ExpectedChange[] = [];
	private readonly rows: Record<string, Map<number, number>>;
	private nextId = 1;
	private random: () => number;

	constructor(
		readonly tables: readonly string[],
		readonly run: string,
		seed = 42,
	) {
		this.rows = Object.fromEntries(tables.map((table) => [table, new Map<number, number>()]));
		// A small deterministic generator, so that a failing run can be replayed.
		let state = seed >>> 0;
		this.random = () => {
			state = (state * 1_664_525 + 1_013_904_223) >>> 0;
			return state / 2 ** 32;
		};
	}

	async createTables(connection: mysql.Connection): Promise<void> {
		for (const table of this.tables) {
			await connection.query(`DROP TABLE IF EXISTS ${table}`);
			await connection.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, seq INT NOT NULL, run VARCHAR(40) NOT NULL, pad VARCHAR(64))`);
		}
	}

	/** Runs one transaction of 1-4 random statements; returns the row changes it made. */
	async transaction(connection: mysql.Connection): Promise<number> {
		const before = this.expected.length;
		const statements = 1 + Math.floor(this.random() * 4);
		await connection.query('BEGIN');
		for (let i = 0; i < statements; i++) await this.statement(connection, this.tables[Math.floor(this.random() * this.tables.length)]!);
		await connection.query('COMMIT');
		return this.expected.length - before;
	}

	/**
	 * One transaction of `rows` new rows (in statements of 2,000) into the first table: the kind that a checkpoint
	 * only at transaction boundaries replayed whole after a kill. `onStatement` is told the changes so far.
	 */
	async bigTransaction(connection: mysql.Connection, rows: number, onStatement?: (changes: number) => void | Promise<void>): Promise<void> {
		const table = this.tables[0]!;
		await connection.query('BEGIN');
		for (let done = 0; done < rows; ) {
			const ids = Array.from({length: Math.min(2_000, rows - done)}, () => this.nextId++);
			await connection.query(`INSERT INTO ${table} (id, seq, run, pad) VALUES ?`, [
				ids.map((id) => [id, 0, this.run, 'x'.repeat(id % 64)]),
			]);
			done += ids.length;
			await onStatement?.(done);
		}
		await connection.query('COMMIT');
		for (let id = this.nextId - rows; id < this.nextId; id++) {
			this.rows[table]!.set(id, 0);
			this.expected.push({table, id, op: 'INSERT', seq: 0});
		}
	}

	private pick(table: string, count: number): number[] {
		const ids = [...this.rows[table]!.keys()];
		const chosen = new Set<number>();
		while (chosen.size < Math.min(count, ids.length)) chosen.add(ids[Math.floor(this.random() * ids.length)]!);
		return [...chosen].sort((a, b) => a - b);
	}

	private async statement(connection: mysql.Connection, table: string): Promise<void> {
		const rows = this.rows[table]!;
		const roll = this.random();
		if (roll < 0.4 || rows.size < 50) {
			const count = 1 + Math.floor(this.random() * 60);
			const ids = Array.from({length: count}, () => this.nextId++);
			await connection.query(`INSERT INTO ${table} (id, seq, run, pad) VALUES ?`, [
				ids.map((id) => [id, 0, this.run, 'x'.repeat(id % 64)]),
			]);
			for (const id of ids) {
				rows.set(id, 0);
				this.expected.push({table, id, op: 'INSERT', seq: 0});
			}
		} else if (roll < 0.75) {
			const ids = this.pick(table, 1 + Math.floor(this.random() * 40));
			await connection.query(`UPDATE ${table} SET seq = seq + 1 WHERE id IN (?)`, [ids]);
			for (const id of ids) {
				rows.set(id, rows.get(id)! + 1);
				this.expected.push({table, id, op: 'UPDATE', seq: rows.get(id)!});
			}
		} else if (roll < 0.9) {
			const ids = this.pick(table, 1 + Math.floor(this.random() * 15));
			await connection.query(`DELETE FROM ${table} WHERE id IN (?)`, [ids]);
			for (const id of ids) {
				this.expected.push({table, id, op: 'DELETE', seq: rows.get(id)!});
				rows.delete(id);
			}
		} else {
			// A primary-key change: obsync sends it as DELETE(old) + INSERT(new).
			const [id] = this.pick(table, 1);
			const moved = this.nextId++;
			const seq = rows.get(id!)!;
			await connection.query(`UPDATE ${table} SET id = ?, seq = seq + 1 WHERE id = ?`, [moved, id]);
			rows.delete(id!);
			rows.set(moved, seq + 1);
			this.expected.push({table, id: id!, op: 'DELETE', seq}, {table, id: moved, op: 'INSERT', seq: seq + 1});
		}
	}
}

/** Expected changes per key (`table:id`), in commit order, as `OP:seq`. */
export function byKey(changes: readonly ExpectedChange[]): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const change of changes) {
		const key = `${change.table}:${change.id}`;
		out.set(key, [...(out.get(key) ?? []), `${change.op}:${change.seq}`]);
	}
	return out;
}
