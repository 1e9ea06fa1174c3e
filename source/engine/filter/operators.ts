/**
 * The operators of row filters, on SQL values with MySQL's semantics: comparison, three-valued AND/OR/NOT, IN, LIKE
 * and negation. Split from row-filter.ts, which compiles a clause into calls of these.
 */
import {bool, compare, FALSE, isTrue, NULL, TRUE, toNumber, type Value} from './sql-value.js';

export function cmp(a: Value, b: Value, test: (c: number) => boolean): Value {
	const c = compare(a, b);
	return c === null ? NULL : bool(test(c));
}

export function and(a: Value, b: Value): Value {
	if ((a.t !== 'null' && !isTrue(a)) || (b.t !== 'null' && !isTrue(b))) return FALSE;
	return a.t === 'null' || b.t === 'null' ? NULL : TRUE;
}

export function or(a: Value, b: Value): Value {
	if ((a.t !== 'null' && isTrue(a)) || (b.t !== 'null' && isTrue(b))) return TRUE;
	return a.t === 'null' || b.t === 'null' ? NULL : FALSE;
}

export function not(a: Value): Value {
	return a.t === 'null' ? NULL : bool(!isTrue(a));
}

export function negate(a: Value): Value {
	const n = toNumber(a);
	if (n === null) return NULL;
	if (typeof n === 'bigint') return {t: 'num', v: -n};
	if (typeof n === 'string') return {t: 'num', v: n.startsWith('-') ? n.slice(1) : `-${n}`};
	return {t: 'num', v: -n};
}

export function inList(value: Value, items: Value[]): Value {
	if (value.t === 'null') return NULL;
	let sawNull = false;
	for (const item of items) {
		const c = compare(value, item);
		if (c === 0) return TRUE;
		if (c === null) sawNull = true;
	}
	return sawNull ? NULL : FALSE;
}

export function text(value: Value): string {
	if (value.t === 'str') return value.v;
	if (value.t === 'bin') return value.v.toString('latin1');
	return String(value.t === 'num' ? value.v : '');
}

/** LIKE: `%` any run, `_` one character, `\` escapes; case-insensitive for text (the _ci collations). */
export function like(value: string, pattern: string, caseInsensitive: boolean): boolean {
	let regex = '^';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i]!;
		if (c === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i]!);
		else if (c === '%') regex += '[\\s\\S]*';
		else if (c === '_') regex += '[\\s\\S]';
		else regex += escapeRegex(c);
	}
	return new RegExp(`${regex}$`, caseInsensitive ? 'iu' : 'u').test(value);
}

function escapeRegex(c: string): string {
	return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
