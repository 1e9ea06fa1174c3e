/**
 * MySQL JSON partial updates (PARTIAL_UPDATE_ROWS, type 39, binlog_row_value_options=PARTIAL_JSON): the JSON columns
 * of an after image may be diff lists, which the decoder applies to the before value so that rows carry whole JSON
 * values, as for a plain update. Events are written by test/helpers/mysql-binlog-builder.ts (partialUpdateRows after
 * sql/rpl_record.cc pack_row, jsonDiffs after sql-common/json_diff.cc, jsonBinary after sql-common/json_binary.cc).
 * The engine reads rows from this same decoder (EventDecoder → transactions.ts), so what is checked here is what it
 * gets.
 */
import {describe, expect, it} from 'vitest';
import type {RowChange} from '../../../source/engine/binlog/events/rows.js';
import {decodeJsonBinary, decodeJsonNode} from '../../../source/engine/binlog/values/json-binary.js';
import {printJsonNode} from '../../../source/engine/binlog/values/json-node.js';
import {DecodeError, UnsupportedError} from '../../../source/engine/errors.js';
import {decodeBinlogBytes} from '../../helpers/decode-binlog-bytes.js';
import {
	binlogFile,
	formatDescription,
	INT_COLUMN,
	intValue,
	JSON_COLUMN,
	type Json,
	type JsonDiffSpec,
	jsonBinary,
	jsonDiffs,
	jsonValue,
	type PartialRow,
	partialUpdateRows,
	tableMap,
} from '../../helpers/mysql-binlog-builder.js';

/** Decodes one PARTIAL_UPDATE_ROWS event on `shop`.`docs` (id INT, doc JSON, extra JSON). */
function decodePartial(rows: readonly PartialRow[], beforePresent?: readonly boolean[]): RowChange[] {
	const events = decodeBinlogBytes(
		binlogFile([
			formatDescription('8.4.3'),
			tableMap(70, 'shop', 'docs', [INT_COLUMN, JSON_COLUMN, JSON_COLUMN]),
			partialUpdateRows(70, 3, rows, beforePresent),
		]),
	);
	const event = events[2]!;
	if (event.kind !== 'rows') throw new Error(`expected rows, got ${event.kind}`);
	expect(event.rows.operation).toBe('update');
	return [...event.rows.rows];
}

const whole = (value: Json) => jsonValue(jsonBinary(value));

/** The `doc` column after applying `diffs` to `before` (the `extra` column stays whole). */
function docAfter(before: Json, diffs: readonly JsonDiffSpec[]): unknown {
	const [change] = decodePartial([
		{before: [intValue(1), whole(before), whole([])], after: [intValue(1), jsonDiffs(diffs), whole([])], partial: [true, false]},
	]);
	expect(change!.before![1]).toBe(decodeJsonBinary(jsonBinary(before)));
	return change!.after![1];
}

function failure(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

describe('JSON partial updates', () => {
	it('replaces a scalar member', () => {
		expect(docAfter({a: 1, b: 'x'}, [{op: 'replace', path: '$.a', value: 2}])).toBe('{"a": 2, "b": "x"}');
	});

	it('replaces a member of a nested object, and an array element by index and from the end', () => {
		expect(docAfter({o: {p: 1, q: [1, 2]}}, [{op: 'replace', path: '$.o.q', value: {r: null}}])).toBe('{"o": {"p": 1, "q": {"r": null}}}');
		expect(docAfter([[1, 2], 3], [{op: 'replace', path: '$[0][1]', value: false}])).toBe('[[1, false], 3]');
		expect(docAfter([1, 2, 3], [{op: 'replace', path: '$[last-1]', value: 'two'}])).toBe('[1, "two", 3]');
	});

	it('inserts a member into an object where MySQL keeps it: shorter keys first, then by bytes', () => {
		expect(docAfter({b: 1, abc: 2}, [{op: 'insert', path: '$.aa', value: true}])).toBe('{"b": 1, "aa": true, "abc": 2}');
		expect(docAfter({}, [{op: 'insert', path: '$.z', value: 'first'}])).toBe('{"z": "first"}');
	});

	it('inserts into an array at an index, and appends for an index past its end', () => {
		expect(docAfter({a: [1, 2, 3]}, [{op: 'insert', path: '$.a[1]', value: 'x'}])).toBe('{"a": [1, "x", 2, 3]}');
		expect(docAfter({a: [1]}, [{op: 'insert', path: '$.a[9]', value: 2}])).toBe('{"a": [1, 2]}');
	});

	it('removes a member', () => {
		expect(docAfter({a: 1, b: {c: 2, d: 3}}, [{op: 'remove', path: '$.b.c'}])).toBe('{"a": 1, "b": {"d": 3}}');
	});

	it('removes an array element, by index and as the last one', () => {
		expect(docAfter([10, 20, 30], [{op: 'remove', path: '$[1]'}])).toBe('[10, 30]');
		expect(docAfter({a: [10, 20, 30]}, [{op: 'remove', path: '$.a[last]'}])).toBe('{"a": [10, 20]}');
	});

	it('applies several diffs in order, each to the result of the one before', () => {
		const diffs: JsonDiffSpec[] = [
			{op: 'insert', path: '$.list[0]', value: 0},
			{op: 'replace', path: '$.list[1]', value: 'one'},
			{op: 'insert', path: '$.meta', value: {n: 1}},
			{op: 'replace', path: '$.meta.n', value: 2},
			{op: 'remove', path: '$.old'},
		];
		expect(docAfter({old: true, list: [1, 2]}, diffs)).toBe('{"list": [0, "one", 2], "meta": {"n": 2}}');
	});

	it('reads keys that MySQL quotes in paths: spaces, dots, quotes and brackets', () => {
		expect(docAfter({'a b': 1, 'x.y': 2}, [{op: 'replace', path: '$."a b"', value: 3}])).toBe('{"a b": 3, "x.y": 2}');
		expect(docAfter({'x.y': 2}, [{op: 'remove', path: '$."x.y"'}])).toBe('{}');
		expect(docAfter({}, [{op: 'insert', path: '$."say \\"hi\\" [0]"', value: 1}])).toBe('{"say \\"hi\\" [0]": 1}');
	});

	it('keeps values lossless through a diff: 64-bit integers, doubles and nested values print as a whole value does', () => {
		const big = 9_223_372_036_854_775_807n;
		expect(docAfter({n: 1, x: [1.5, -2e-7]}, [{op: 'replace', path: '$.n', value: big}])).toBe(`{"n": ${big}, "x": [1.5, -2e-7]}`);
		const document = {ints: [-32768, 65535, 2 ** 31, -(2 ** 40)], text: 'é"\\', nested: {deep: [[{}], []]}, flags: [true, false, null]};
		expect(printJsonNode(decodeJsonNode(jsonBinary(document)))).toBe(decodeJsonBinary(jsonBinary(document)));
	});

	it('reads a JSON column that is not marked partial as a whole value, and all of them when value_options is 0', () => {
		const [marked, unmarked] = decodePartial([
			{
				before: [intValue(1), whole({a: 1}), whole({e: 1})],
				after: [intValue(1), jsonDiffs([{op: 'replace', path: '$.a', value: 5}]), whole({e: 2})],
				partial: [true, false],
			},
			{before: [intValue(2), whole({a: 1}), whole([1])], after: [intValue(2), whole({a: 'whole'}), whole([2])], valueOptions: 0},
		]);
		expect(marked!.after).toEqual([1, '{"a": 5}', '{"e": 2}']);
		expect(unmarked!.after).toEqual([2, '{"a": "whole"}', '[2]']);
	});

	it('reads a NULL before value with a whole after value, and a value set to NULL', () => {
		const [fromNull, toNull] = decodePartial([
			{
				before: [intValue(1), null, whole(1)],
				after: [intValue(1), whole({a: 1}), jsonDiffs([{op: 'replace', path: '$', value: 2}])],
				partial: [false, true],
			},
			{before: [intValue(2), whole({a: 1}), whole(1)], after: [intValue(2), null, whole(1)], partial: [false, false]},
		]);
		expect(fromNull!.before![1]).toBeNull();
		expect(fromNull!.after).toEqual([1, '{"a": 1}', '2']);
		expect(toNull!.after).toEqual([2, null, '1']);
	});

	it('calls a diff for a column whose before value is NULL a corrupt event', () => {
		const error = failure(() =>
			decodePartial([
				{
					before: [intValue(1), null, whole(1)],
					after: [intValue(1), jsonDiffs([{op: 'replace', path: '$.a', value: 1}]), whole(1)],
					partial: [true, false],
				},
			]),
		);
		expect(error).toBeInstanceOf(DecodeError);
		expect(error.message).toMatch(
			/^corrupt PARTIAL_UPDATE_ROWS event: column 2 of `shop`.`docs` is logged as a JSON diff, but its before value is NULL/,
		);
	});

	it('calls a diff that does not apply to the before value a corrupt event, saying which diff and why', () => {
		const error = failure(() => docAfter({a: 1}, [{op: 'replace', path: '$.b', value: 1}]));
		expect(error).toBeInstanceOf(DecodeError);
		expect(error.message).toMatch(
			/column 2 of `shop`.`docs`: JSON diff 1 \(REPLACE \$\.b\) does not apply to the before value: no such member/,
		);
	});

	it.each([
		['$.a[*]', 'the array leg [*]'],
		['$[1 to 2]', 'the array leg [1 to 2]'],
		['$.*', 'a member wildcard (.*)'],
		['$**.a', 'an ellipsis (**)'],
		['a.b', 'no leading $'],
	])('refuses the path %s as unsupported, naming it, never as corrupt', (path, what) => {
		const error = failure(() => docAfter({a: [1]}, [{op: 'replace', path, value: 1}]));
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toContain(
			`unsupported: JSON partial update: column 2 of \`shop\`.\`docs\`: JSON path ${JSON.stringify(path)} has ${what}`,
		);
		expect(error.message).toContain('(PARTIAL_UPDATE_ROWS event at mysql-bin.000001:');
		expect(error.message).not.toMatch(/corrupt/);
	});

	it('refuses as unsupported a diff operation or value_options bit it does not know', () => {
		const diff = jsonDiffs([{op: 'remove', path: '$.a'}]);
		diff[4] = 3; // the operation byte, after the 4-byte length
		const operation = failure(() =>
			decodePartial([{before: [intValue(1), whole({a: 1}), whole(1)], after: [intValue(1), diff, whole(1)], partial: [true, false]}]),
		);
		expect(operation).toBeInstanceOf(UnsupportedError);
		expect(operation.message).toMatch(/JSON diff operation 3, which obsync does not know/);
		const options = failure(() =>
			decodePartial([{before: [intValue(1), whole(1), whole(1)], after: [intValue(1), whole(1), whole(1)], valueOptions: 2}]),
		);
		expect(options).toBeInstanceOf(UnsupportedError);
		expect(options.message).toMatch(/value_options 2/);
	});

	it('refuses a diff whose before image lacks the column (binlog_row_image=MINIMAL), saying to log full images', () => {
		const error = failure(() =>
			decodePartial(
				[
					{
						before: [intValue(1), null, null],
						after: [intValue(1), jsonDiffs([{op: 'remove', path: '$.a'}]), whole(1)],
						partial: [true, false],
					},
				],
				[true, false, false],
			),
		);
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toMatch(/the before image does not carry the column \(binlog_row_image=MINIMAL or NOBLOB\)/);
		expect((error as UnsupportedError).hint).toMatch(/binlog_row_image=FULL/);
	});
});
