/**
 * The objects CSV that Import Objects reads and Export writes: one selected table a line,
 * `database,table,topic,renamed database,renamed table,row filter` (the last three optional). A header line is
 * optional, blank lines and lines starting with `#` are skipped, and a field holding commas or quotes is written in
 * double quotes with inner quotes doubled (RFC 4180): `"status = 'paid', ""x"""`. A quoted field ends on its line.
 */
import type {ProjectObject} from '../../../../engine/project/project-schema.js';

/** The columns, in order, as the header line names them. */
export const CSV_COLUMNS = ['database', 'table', 'topic', 'renamed database', 'renamed table', 'row filter'] as const;

export const CSV_HEADER = CSV_COLUMNS.join(',');

/** A problem in the text, with its 1-based line number. */
export type CsvError = {readonly line: number; readonly message: string};

/** A data line of the CSV: its 1-based line number and its fields (unquoted fields trimmed). */
export type CsvRow = {readonly line: number; readonly fields: readonly string[]};

/** Splits one line into fields; an error says which field is badly quoted. */
export function splitCsvLine(text: string): {fields: string[]} | {error: string} {
	const fields: string[] = [];
	let at = 0;
	for (;;) {
		const field = fields.length + 1;
		let start = at;
		while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
		if (text[start] === '"') {
			let value = '';
			let i = start + 1;
			for (;;) {
				if (i >= text.length) return {error: `field ${field} opens a quote that is not closed on this line`};
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i];
				i++;
			}
			while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
			if (i < text.length && text[i] !== ',') {
				return {error: `field ${field} has text after its closing quote (write a quote inside a quoted field as "")`};
			}
			fields.push(value);
			if (i >= text.length) return {fields};
			at = i + 1;
			continue;
		}
		const comma = text.indexOf(',', at);
		const raw = comma < 0 ? text.slice(at) : text.slice(at, comma);
		if (raw.includes('"')) return {error: `field ${field} has a quote inside an unquoted field (quote the whole field: "…""…")`};
		fields.push(raw.trim());
		if (comma < 0) return {fields};
		at = comma + 1;
	}
}

const isHeader = (fields: readonly string[]) =>
	fields.length >= 3 && CSV_COLUMNS.slice(0, 3).every((name, i) => fields[i]!.trim().toLowerCase() === name);

/** Splits the text into data rows (header, blank and `#` lines skipped) and the lines that cannot be split. */
export function parseObjectsCsv(text: string): {rows: CsvRow[]; errors: CsvError[]} {
	const rows: CsvRow[] = [];
	const errors: CsvError[] = [];
	let first = true;
	text.split(/\r\n|\r|\n/).forEach((content, index) => {
		const line = index + 1;
		if (content.trim() === '' || content.trimStart().startsWith('#')) return;
		const split = splitCsvLine(content);
		if ('error' in split) {
			errors.push({line, message: split.error});
			first = false;
			return;
		}
		if (first && isHeader(split.fields)) {
			first = false;
			return;
		}
		first = false;
		rows.push({line, fields: split.fields});
	});
	return {rows, errors};
}

/** A field as CSV: quoted when it holds a comma, a quote, a line break or edge spaces, or starts with `#`. */
export function csvField(value: string): string {
	if (/[",\r\n]/.test(value) || value !== value.trim() || value.startsWith('#')) return `"${value.replaceAll('"', '""')}"`;
	return value;
}

/** The selection as CSV, header first. Sharding and column choices are not part of the format. */
export function serializeObjectsCsv(objects: readonly ProjectObject[]): string {
	const lines = objects.map((object) =>
		[object.database, object.table, object.topic, object.renameDatabase ?? '', object.renameTable ?? '', object.where ?? '']
			.map(csvField)
			.join(','),
	);
	return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}
