/**
 * Runs `mariadb-binlog -v --base64-output=decode-rows` on a file and reads its `###` lines back as row changes:
 * the ground truth that `obsync binlog inspect` is compared with.
 */
import {spawnSync} from 'node:child_process';
import {expect} from 'vitest';

export type OracleChange = {
	/**
	 * Start of the rows event. mariadb-binlog prints the rows of consecutive rows events without STMT_END_F
	 * together, after the last one, so then this is the first of them and `candidates` lists them all.
	 */
	pos: number;
	candidates?: number[];
	op: 'insert' | 'update' | 'delete';
	db: string;
	table: string;
	before: Array<string | null> | null;
	after: Array<string | null> | null;
	beforeColumns: number[] | null;
	afterColumns: number[] | null;
};

export type OracleResult = {exitCode: number; stderr: string; stdoutTail: string; changes: OracleChange[]};

/** Bytes as text: UTF-8 when the whole value is valid UTF-8, else ASCII with other bytes as \xNN. */
function bytesText(bytes: Buffer): string {
	const text = bytes.toString('utf8');
	if (Buffer.from(text, 'utf8').equals(bytes)) return text;
	return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

const unquoteIdentifier = (name: string) => name.replaceAll('``', '`');
const statement = /^### (INSERT INTO|UPDATE|DELETE FROM) `((?:[^`]|``)*)`\.`((?:[^`]|``)*)`$/;

export function runMariadbBinlog(file: string): OracleResult {
	const result = spawnSync('mariadb-binlog', ['--no-defaults', '-v', '--base64-output=decode-rows', file], {maxBuffer: 1024 * 1024 * 1024});
	const out = result.stdout as Buffer;
	const changes: OracleChange[] = [];
	const positions: number[] = [];
	let eventPos = -1;
	/** Rows events whose `###` lines have not been printed yet (a statement's batch). */
	let batch: number[] = [];
	let current: OracleChange | null = null;
	let target: 'before' | 'after' = 'after';
	let start = 0;
	while (start < out.length) {
		let end = out.indexOf(0x0a, start);
		if (end < 0) end = out.length;
		const line = out.subarray(start, end);
		start = end + 1;
		if (line[0] !== 0x23) continue; // '#'
		const head = line.subarray(0, Math.min(line.length, 200)).toString('latin1');
		if (head.startsWith('# at ')) {
			positions.push(Number(head.slice(5)));
			continue;
		}
		if (/^#\d{6} /.test(head)) {
			eventPos = positions.shift() ?? -1;
			if (/\t(Write|Update|Delete)_rows/.test(head)) batch.push(eventPos);
			continue;
		}
		if (head.startsWith('# Number of rows:')) {
			batch = [];
			continue;
		}
		if (!head.startsWith('### ')) continue;
		const text = line.toString('utf8');
		const match = statement.exec(text);
		if (match) {
			const op = match[1] === 'INSERT INTO' ? 'insert' : match[1] === 'UPDATE' ? 'update' : 'delete';
			current = {
				pos: batch[0] ?? eventPos,
				...(batch.length > 1 ? {candidates: [...batch]} : {}),
				op,
				db: unquoteIdentifier(match[2]!),
				table: unquoteIdentifier(match[3]!),
				before: null,
				after: null,
				beforeColumns: null,
				afterColumns: null,
			};
			changes.push(current);
			target = op === 'insert' ? 'after' : 'before';
			continue;
		}
		if (head === '### SET') {
			target = 'after';
			continue;
		}
		if (head === '### WHERE') {
			target = 'before';
			continue;
		}
		const value = /^### {3}@(\d+)=/.exec(head);
		if (value && current) {
			const raw = line.subarray(value[0].length);
			const rendered = raw.equals(Buffer.from('NULL'))
				? null
				: raw[0] === 0x27 && raw[raw.length - 1] === 0x27 && raw.length >= 2
					? bytesText(raw.subarray(1, -1))
					: bytesText(raw);
			current[target] ??= [];
			current[target]!.push(rendered);
			const key = target === 'before' ? 'beforeColumns' : 'afterColumns';
			current[key] ??= [];
			current[key]!.push(Number(value[1]));
		}
	}
	return {exitCode: result.status ?? -1, stderr: String(result.stderr), stdoutTail: out.subarray(-400).toString('latin1'), changes};
}

/**
 * Where mariadb-binlog printed a batch of rows events together, any event of the batch is a right position for a
 * row of it; ours must still never go backwards.
 */
export function alignPositions<T extends {pos: number}>(ours: T[], oracle: OracleChange[]): T[] {
	let last = -1;
	return ours.map((change, i) => {
		const expected = oracle[i];
		expect(change.pos, `row ${i} goes back from position ${last}`).toBeGreaterThanOrEqual(last);
		last = change.pos;
		if (expected?.candidates?.includes(change.pos)) return {...change, pos: expected.pos, candidates: expected.candidates};
		return change;
	});
}
