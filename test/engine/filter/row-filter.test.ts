import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readChanges} from '../../../source/engine/binlog/binlog-source.js';
import {ConfigError} from '../../../source/engine/errors.js';
import {compileRowFilter} from '../../../source/engine/filter/row-filter.js';
import {type TypedChange, withSchema} from '../../../source/engine/schema/apply-schema.js';
import {SchemaCache} from '../../../source/engine/schema/schema-cache.js';
import {masterStatus, replicaOptions, schemaQuery} from '../../helpers/binlog.js';
import {connectAdmin} from '../../helpers/services.js';

/** Each clause is run by MariaDB itself and by obsync's filter on the rows as read from the binlog. */
const clauses = [
	'amount > 100',
	'amount >= 12.30',
	'amount = 12.3',
	"status = 'PAID'",
	"status = 'paid  '",
	"note LIKE 'a%'",
	"note LIKE '%\\_%'",
	"note NOT LIKE '%e'",
	'id IN (1, 3, NULL)',
	'id NOT IN (1, NULL)',
	'code BETWEEN 2 AND 4',
	'code NOT BETWEEN 2 AND 4',
	'note IS NULL',
	'note IS NOT NULL AND NOT (amount < 0)',
	'big > 9223372036854775807',
	'`order` = 1',
	'(amount * 2) - 1 > 10',
	"code = '2abc'",
	'amount / 0 IS NULL',
	'flag IS TRUE OR status IS NULL',
	'-code < -3',
	"status > 'm' OR code % 2 = 1",
];

describe('row filters, checked against MariaDB', () => {
	let admin: mysql.Connection;
	let changes: TypedChange[];

	beforeAll(async () => {
		admin = await connectAdmin();
		await admin.query('DROP TABLE IF EXISTS filter_rows');
		await admin.query(
			'CREATE TABLE filter_rows (id INT PRIMARY KEY, amount DECIMAL(10,2), status VARCHAR(10), note TEXT, code INT, big BIGINT UNSIGNED, `order` INT, flag BOOLEAN)',
		);
		const from = await masterStatus(admin);
		await admin.query(`INSERT INTO filter_rows VALUES
			(1, 12.30, 'paid', 'apple', 2, 18446744073709551615, 1, TRUE),
			(2, 150.00, 'PAID', 'a_b', 3, 1, 0, FALSE),
			(3, -5.50, 'new', NULL, 4, 9223372036854775808, NULL, NULL),
			(4, NULL, NULL, 'bee', NULL, NULL, 1, TRUE),
			(5, 0.01, 'zed', 'axe', 5, 9223372036854775807, 2, FALSE),
			(6, 99.99, 'paid ', '', 1, 0, 1, TRUE)`);
		const cache = new SchemaCache(schemaQuery(admin));
		changes = [];
		for await (const item of withSchema(readChanges({...replicaOptions(from), nonBlocking: true}), cache)) {
			if (item.kind === 'rows') changes.push(...item.typed.filter((c) => c.table.table === 'filter_rows'));
		}
	});

	afterAll(async () => {
		await admin?.end();
	});

	it.each(clauses)('passes the same rows as MariaDB for: %s', async (where) => {
		const [rows] = (await admin.query(`SELECT id FROM filter_rows WHERE ${where} ORDER BY id`)) as unknown as [Array<{id: number}>];
		const filter = compileRowFilter(where, 'obsync_test.filter_rows', changes[0]!.schema.columns);
		const ours = changes.filter((c) => filter.test(c.schema.columns, c.after!)).map((c) => Number(c.after![0]));
		expect(ours).toEqual(rows.map((row) => row.id));
	});

	it('refuses a clause that does not parse, naming the table and what to write', () => {
		expect(() => compileRowFilter('amount >', 'shop.orders')).toThrow(ConfigError);
		expect(() => compileRowFilter('amount >', 'shop.orders')).toThrow(/^the row filter of shop\.orders is not a valid WHERE clause: /);
	});

	it('refuses <=> and XOR, which the parser would get wrong, with the rewrite to use', () => {
		expect(() => compileRowFilter('note <=> NULL', 'shop.orders')).toThrow(
			'the row filter of shop.orders uses <=>, which row filters do not support',
		);
		expect(() => compileRowFilter('flag XOR code > 2', 'shop.orders')).toThrow(
			'the row filter of shop.orders uses XOR, which row filters do not support',
		);
		// inside quotes they are just text
		expect(compileRowFilter("status = '<=> XOR'", 'shop.orders').columns).toEqual(['status']);
	});

	it('refuses unknown columns and unsupported functions before anything runs', () => {
		const columns = changes[0]!.schema.columns;
		expect(() => compileRowFilter('amont > 1', 'shop.orders', columns)).toThrow(
			'the row filter of shop.orders names column(s) the table does not have: amont',
		);
		expect(() => compileRowFilter('UPPER(status) = "X"', 'shop.orders', columns)).toThrow(
			'the row filter of shop.orders uses UPPER(), which row filters do not support',
		);
	});
});

describe('row filters that cannot run, refused at setup with what to do', () => {
	const subqueryMessage = 'the row filter of shop.orders uses a subquery (SELECT …), which row filters do not support';
	const subqueryHint =
		'a row filter sees only the changed row: compare its columns with constants, e.g. id IN (1, 2, 3) instead of id IN (SELECT …)';

	it('says a subquery is not supported, wherever it is, instead of "(undefined)"', () => {
		for (const where of [
			'id IN (SELECT id FROM shop.paid)',
			'amount > (SELECT MAX(amount) FROM shop.orders)',
			'EXISTS (SELECT 1 FROM shop.paid)',
			'NOT EXISTS (SELECT 1 FROM shop.paid)',
			'id = ANY (SELECT id FROM shop.paid)',
		]) {
			const refused = refusal(() => compileRowFilter(where, 'shop.orders'));
			expect(refused).toBeInstanceOf(ConfigError);
			expect([refused.message, refused.hint]).toEqual([subqueryMessage, subqueryHint]);
		}
	});

	it('says a filter of 5,000 ORs is too long, naming the table, instead of "Maximum call stack size exceeded"; 500 ORs and an IN list of 5,000 values still run', () => {
		const where = Array.from({length: 5000}, (_, i) => `id = ${i}`).join(' OR ');
		const refused = refusal(() => compileRowFilter(where, 'shop.orders'));
		expect(refused).toBeInstanceOf(ConfigError);
		expect(refused.message).toBe('the row filter of shop.orders is too long or too deeply nested for obsync to compile');
		expect(refused.hint).toBe(
			'write a long chain of ORs of one column as one IN list (id IN (1, 2, 3)), and leave out needless parentheses',
		);
		const columns = [{name: 'id'}] as unknown as Parameters<typeof compileRowFilter>[2];
		const ors = compileRowFilter(Array.from({length: 500}, (_, i) => `id = ${i}`).join(' OR '), 'shop.orders', columns);
		expect([ors.test(columns!, [499]), ors.test(columns!, [500])]).toEqual([true, false]);
		const list = compileRowFilter(`id IN (${Array.from({length: 5000}, (_, i) => i).join(', ')})`, 'shop.orders', columns);
		expect([list.test(columns!, [4999]), list.test(columns!, [5000])]).toEqual([true, false]);
	});

	it('says 3,000 nested parentheses are too deep, instead of a parse error about the call stack', () => {
		const refused = refusal(() => compileRowFilter(`${'('.repeat(3000)}id = 1${')'.repeat(3000)}`, 'shop.orders'));
		expect(refused).toBeInstanceOf(ConfigError);
		expect(refused.message).toBe('the row filter of shop.orders is too long or too deeply nested for obsync to compile');
	});
});

/** The ConfigError a call throws. */
function refusal(run: () => unknown): ConfigError {
	try {
		run();
	} catch (error) {
		return error as ConfigError;
	}
	throw new Error('nothing was refused');
}
