import {describe, expect, it} from 'vitest';
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import {
	CSV_HEADER,
	csvField,
	parseObjectsCsv,
	serializeObjectsCsv,
	splitCsvLine,
} from '../../../source/ui/wizard/steps/objects/objects-csv.js';

describe('Step 3: the objects CSV', () => {
	describe('splitting a line', () => {
		it('splits on commas and trims unquoted fields', () => {
			expect(splitCsvLine(' shop , orders,orders_topic')).toEqual({fields: ['shop', 'orders', 'orders_topic']});
		});

		it('keeps commas, doubled quotes and spaces inside a quoted field', () => {
			expect(splitCsvLine(`shop,orders,t,,," status = 'paid', note = ""x"" "`)).toEqual({
				fields: ['shop', 'orders', 't', '', '', ` status = 'paid', note = "x" `],
			});
		});

		it('keeps empty fields, trailing ones included', () => {
			expect(splitCsvLine('a,b,c,,,')).toEqual({fields: ['a', 'b', 'c', '', '', '']});
		});

		it('refuses a quote that is not closed, and says which field', () => {
			expect(splitCsvLine('a,b,"c')).toEqual({error: 'field 3 opens a quote that is not closed on this line'});
		});

		it('refuses text after a closing quote', () => {
			expect(splitCsvLine('a,"b"x,c')).toEqual({
				error: 'field 2 has text after its closing quote (write a quote inside a quoted field as "")',
			});
		});

		it('refuses a quote inside an unquoted field', () => {
			expect(splitCsvLine('a,b,c,,,x = "y"')).toEqual({
				error: 'field 6 has a quote inside an unquoted field (quote the whole field: "…""…")',
			});
		});
	});

	describe('parsing a text', () => {
		it('skips the header, blank lines and # comments, keeping the line numbers', () => {
			const text = 'Database,Table,Topic,renamed database\n\n# orders first\nshop,orders,t1\r\n  \nshop,items,t2\n';
			expect(parseObjectsCsv(text)).toEqual({
				rows: [
					{line: 4, fields: ['shop', 'orders', 't1']},
					{line: 6, fields: ['shop', 'items', 't2']},
				],
				errors: [],
			});
		});

		it('takes a header-like line after the first data line as data', () => {
			expect(parseObjectsCsv('shop,orders,t1\ndatabase,table,topic').rows).toHaveLength(2);
		});

		it('reports lines that cannot be split, with their number', () => {
			expect(parseObjectsCsv('shop,orders,t1\nshop,"items,t2').errors).toEqual([
				{line: 2, message: 'field 2 opens a quote that is not closed on this line'},
			]);
		});
	});

	describe('writing the selection', () => {
		const objects: ProjectObject[] = [
			{database: 'shop', table: 'orders', topic: 'orders_fifo', where: "status = 'paid', x", shardingColumns: ['id']},
			{database: 'shop', table: 'items', topic: 'items_fifo', renameDatabase: 'mall', renameTable: 'lines'},
			{database: '#odd', table: ' spaced ', topic: 't', where: 'note = "a"'},
		];

		it('writes the header, then a line per table with the optional fields empty when unset', () => {
			const text = serializeObjectsCsv(objects);
			expect(text.split('\n')).toEqual([
				CSV_HEADER,
				`shop,orders,orders_fifo,,,"status = 'paid', x"`,
				'shop,items,items_fifo,mall,lines,',
				'"#odd"," spaced ",t,,,"note = ""a"""',
				'',
			]);
		});

		it('reads back what it writes (sharding and column choices are not part of the format)', () => {
			const {rows, errors} = parseObjectsCsv(serializeObjectsCsv(objects));
			expect(errors).toEqual([]);
			expect(rows.map((row) => row.fields)).toEqual([
				['shop', 'orders', 'orders_fifo', '', '', "status = 'paid', x"],
				['shop', 'items', 'items_fifo', 'mall', 'lines', ''],
				['#odd', ' spaced ', 't', '', '', 'note = "a"'],
			]);
		});

		it('quotes only what needs it', () => {
			expect(csvField('plain')).toBe('plain');
			expect(csvField('a,b')).toBe('"a,b"');
			expect(csvField('')).toBe('');
		});
	});
});
