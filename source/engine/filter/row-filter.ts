/**
 * Row filters: the `WHERE` clause of a table's settings, parsed with node-sql-parser (MySQL dialect) and evaluated on
 * the after image (the before image for DELETE) with MySQL semantics: comparisons with type coercion, AND/OR/NOT
 * with NULL's three-valued logic, IN, BETWEEN, LIKE (`\` escapes), IS [NOT] NULL/TRUE/FALSE, arithmetic,
 * backtick-quoted names. `<=>` and XOR are refused with a rewrite (see refuseUnsupported). A row passes only when the clause is TRUE (not NULL).
 * Arithmetic is done in double precision; comparisons of columns with literals are exact.
 */
import {createRequire} from 'node:module';
import type {Parser} from 'node-sql-parser';
import {ConfigError} from '../errors.js';
import type {ColumnSchema} from '../schema/table-schema.js';
import type {SqlValue} from '../schema/typed-row.js';
import {and, cmp, inList, like, negate, not, or, text} from './operators.js';
import {bool, FALSE, fromColumn, isTrue, NULL, TRUE, toNumber, type Value} from './sql-value.js';

type Node = {type: string; [key: string]: unknown};
type Row = {readonly columns: readonly ColumnSchema[]; readonly values: ReadonlyArray<SqlValue | undefined>};
type Evaluate = (row: Row) => Value;

export type RowFilter = {
	readonly where: string;
	/** The columns the clause reads. */
	readonly columns: readonly string[];
	/** True when the row passes (the clause is TRUE). */
	test(columns: readonly ColumnSchema[], values: ReadonlyArray<SqlValue | undefined>): boolean;
};

/**
 * node-sql-parser's MySQL build only (a tenth of the package's all-dialects entry), required on the first filter:
 * importing the 2.5 MB entry cost half a second of every start, with or without filters (README: Restart time).
 */
let parser: Parser | undefined;
function mysqlParser(): Parser {
	parser ??= new (createRequire(import.meta.url)('node-sql-parser/build/mysql.js') as {Parser: new () => Parser}).Parser();
	return parser;
}

/** Compiles a WHERE clause for a table; `columns` (the table's) are checked so a typo fails at setup, not at run. */
export function compileRowFilter(where: string, table: string, columns?: readonly ColumnSchema[]): RowFilter {
	refuseUnsupported(where, table);
	let ast: {where?: Node};
	try {
		ast = mysqlParser().astify(`SELECT * FROM t WHERE ${where}`, {database: 'MySQL'}) as unknown as {where?: Node};
	} catch (error) {
		if (error instanceof RangeError) throw tooDeep(table);
		throw new ConfigError(`the row filter of ${table} is not a valid WHERE clause: ${(error as Error).message.split('\n')[0]}`, {
			hint: "write a condition as after WHERE in MySQL, e.g. `status` = 'paid' AND amount > 100; quote reserved words with backticks",
		});
	}
	if (Array.isArray(ast) || !ast.where) throw new ConfigError(`the row filter of ${table} is not a single WHERE condition`);
	if (nesting(ast.where) > MAX_NESTING) throw tooDeep(table);
	const used = new Set<string>();
	let evaluate: Evaluate;
	try {
		evaluate = compile(ast.where, table, used);
	} catch (error) {
		if (error instanceof RangeError) throw tooDeep(table);
		throw error;
	}
	if (columns) {
		const missing = [...used].filter((name) => !columns.some((column) => column.name.toLowerCase() === name.toLowerCase()));
		if (missing.length > 0) {
			throw new ConfigError(`the row filter of ${table} names column(s) the table does not have: ${missing.join(', ')}`, {
				hint: `the columns are: ${columns.map((c) => c.name).join(', ')}`,
			});
		}
	}
	return {where, columns: [...used], test: (cols, values) => isTrue(evaluate({columns: cols, values}))};
}

/**
 * How deeply a clause may nest (a chain of 500 ORs nests 500 deep): compiling and evaluating recurse, and a few
 * thousand levels overflow the stack. Measured without recursion.
 */
const MAX_NESTING = 1000;

function nesting(root: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[root, 1]];
	for (let entry = stack.pop(); entry; entry = stack.pop()) {
		const [value, depth] = entry;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_NESTING) break;
		for (const child of Object.values(value as object)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
	}
	return deepest;
}

function tooDeep(table: string): ConfigError {
	return new ConfigError(`the row filter of ${table} is too long or too deeply nested for obsync to compile`, {
		hint: 'write a long chain of ORs of one column as one IN list (id IN (1, 2, 3)), and leave out needless parentheses',
	});
}

/**
 * Operators the parser gets wrong for MySQL, refused with a rewrite instead of being evaluated wrongly:
 * node-sql-parser does not know `<=>`, and binds XOR tighter than comparisons (MySQL binds it looser).
 */
function refuseUnsupported(where: string, table: string): void {
	const unquoted = where.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`]|``)*`/g, ' ');
	if (unquoted.includes('<=>')) {
		throw new ConfigError(`the row filter of ${table} uses <=>, which row filters do not support`, {
			hint: 'write (a = b OR (a IS NULL AND b IS NULL)) instead',
		});
	}
	if (/\bXOR\b/i.test(unquoted)) {
		throw new ConfigError(`the row filter of ${table} uses XOR, which row filters do not support`, {
			hint: 'write ((a) AND NOT (b)) OR (NOT (a) AND (b)) instead',
		});
	}
}

function columnName(node: Node): string {
	const column = node.column as unknown;
	if (typeof column === 'string') return column;
	const expr = (column as {expr?: {value?: unknown}})?.expr;
	return String(expr?.value ?? column);
}

function literal(node: Node): Value | undefined {
	switch (node.type) {
		case 'number':
			return {t: 'num', v: node.value as number | string};
		case 'bigint':
			// Integer literals beyond 2^53 keep their digits as text.
			return {t: 'num', v: String(node.value)};
		case 'single_quote_string':
		case 'double_quote_string':
		case 'string':
		case 'natural_string':
			return {t: 'str', v: String(node.value)};
		case 'hex_string':
		case 'full_hex_string':
			return {t: 'bin', v: Buffer.from(String(node.value), 'hex')};
		case 'bool':
			return node.value ? TRUE : FALSE;
		case 'null':
			return NULL;
		default:
			return undefined;
	}
}

function compile(node: Node, table: string, used: Set<string>): Evaluate {
	const constant = literal(node);
	if (constant) return () => constant;
	const sub = (child: unknown) => compile(child as Node, table, used);
	switch (node.type) {
		case 'column_ref': {
			const name = columnName(node);
			used.add(name);
			const lower = name.toLowerCase();
			return ({columns, values}) => {
				const i = columns.findIndex((column) => column.name.toLowerCase() === lower);
				return i < 0 ? NULL : fromColumn(values[i], columns[i]!);
			};
		}
		case 'unary_expr': {
			const operand = sub(node.expr);
			if (node.operator === '-') return (row) => negate(operand(row));
			if (node.operator === '+') return operand;
			if (String(node.operator).toUpperCase() === 'NOT' || node.operator === '!') return (row) => not(operand(row));
			break;
		}
		case 'function': {
			const name = functionName(node);
			const args = ((node.args as {value?: unknown[]})?.value ?? []).map(sub);
			if (name === 'NOT' && args.length === 1) return (row) => not(args[0]!(row));
			throw new ConfigError(`the row filter of ${table} uses ${name}(), which row filters do not support`, {
				hint: 'use comparisons, AND/OR/NOT, IN, BETWEEN, LIKE, IS NULL and arithmetic',
			});
		}
		case 'binary_expr':
			return binary(node, table, used);
		default:
			break;
	}
	// A subquery is a parse of its own: {tableList, columnList, ast: {type: 'select', …}}, with no type.
	if ((node.ast as Node | undefined)?.type === 'select') {
		throw new ConfigError(`the row filter of ${table} uses a subquery (SELECT …), which row filters do not support`, {
			hint: 'a row filter sees only the changed row: compare its columns with constants, e.g. id IN (1, 2, 3) instead of id IN (SELECT …)',
		});
	}
	const what =
		typeof node.type === 'string' ? `something row filters do not support (${node.type})` : 'an expression row filters do not support';
	throw new ConfigError(`the row filter of ${table} uses ${what}`, {
		hint: 'use comparisons, AND/OR/NOT, IN, BETWEEN, LIKE, IS NULL and arithmetic',
	});
}

function functionName(node: Node): string {
	const name = node.name as {name?: Array<{value: string}>} | string;
	return (typeof name === 'string' ? name : (name?.name?.map((part) => part.value).join('.') ?? '')).toUpperCase();
}

function listOf(node: Node, table: string, used: Set<string>): Evaluate[] {
	return ((node.value as Node[]) ?? []).map((item) => compile(item, table, used));
}

function binary(node: Node, table: string, used: Set<string>): Evaluate {
	const operator = String(node.operator).toUpperCase();
	const left = compile(node.left as Node, table, used);
	const right = node.right as Node;
	switch (operator) {
		case 'AND':
		case '&&': {
			const r = compile(right, table, used);
			return (row) => and(left(row), r(row));
		}
		case 'OR':
		case '||': {
			const r = compile(right, table, used);
			return (row) => or(left(row), r(row));
		}
		case 'IN':
		case 'NOT IN': {
			const items = listOf(right, table, used);
			return (row) => {
				const value = left(row);
				const found = inList(
					value,
					items.map((item) => item(row)),
				);
				return operator === 'IN' ? found : not(found);
			};
		}
		case 'BETWEEN':
		case 'NOT BETWEEN': {
			const [low, high] = listOf(right, table, used);
			return (row) => {
				const value = left(row);
				const inside = and(
					cmp(value, low!(row), (c) => c >= 0),
					cmp(value, high!(row), (c) => c <= 0),
				);
				return operator === 'BETWEEN' ? inside : not(inside);
			};
		}
		case 'LIKE':
		case 'NOT LIKE': {
			const r = compile(right, table, used);
			return (row) => {
				const [value, pattern] = [left(row), r(row)];
				if (value.t === 'null' || pattern.t === 'null') return NULL;
				const matched = like(text(value), text(pattern), value.t !== 'bin' && pattern.t !== 'bin');
				return bool(operator === 'LIKE' ? matched : !matched);
			};
		}
		case 'IS':
		case 'IS NOT': {
			const r = compile(right, table, used);
			return (row) => {
				const [value, target] = [left(row), r(row)];
				const is = target.t === 'null' ? value.t === 'null' : value.t !== 'null' && isTrue(value) === isTrue(target);
				return bool(operator === 'IS' ? is : !is);
			};
		}
		default:
			break;
	}
	const r = compile(right, table, used);
	const comparisons: Record<string, (c: number) => boolean> = {
		'=': (c) => c === 0,
		'!=': (c) => c !== 0,
		'<>': (c) => c !== 0,
		'<': (c) => c < 0,
		'<=': (c) => c <= 0,
		'>': (c) => c > 0,
		'>=': (c) => c >= 0,
	};
	const comparison = comparisons[operator];
	if (comparison) return (row) => cmp(left(row), r(row), comparison);
	const arithmetic: Record<string, (a: number, b: number) => number | null> = {
		'+': (a, b) => a + b,
		'-': (a, b) => a - b,
		'*': (a, b) => a * b,
		'/': (a, b) => (b === 0 ? null : a / b),
		'%': (a, b) => (b === 0 ? null : a % b),
		MOD: (a, b) => (b === 0 ? null : a % b),
		DIV: (a, b) => (b === 0 ? null : Math.trunc(a / b)),
	};
	const operation = arithmetic[operator];
	if (operation) {
		return (row) => {
			const [a, b] = [toNumber(left(row)), toNumber(r(row))];
			if (a === null || b === null) return NULL;
			const result = operation(Number(a), Number(b));
			return result === null ? NULL : {t: 'num', v: result};
		};
	}
	throw new ConfigError(`the row filter of ${table} uses the operator ${operator}, which row filters do not support`);
}
