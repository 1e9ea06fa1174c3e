/**
 * Validation of imported objects CSV against the source's catalog and the destination's topics: every line must name
 * a table that exists and can be synchronized, a FIFO topic that exists, no table twice, and a row filter the engine
 * can compile (against the table's columns when its schema is known). Every problem carries its line number.
 */
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import {compileRowFilter} from '../../../../engine/filter/row-filter.js';
import {objectSchema, type ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {TableSchema} from '../../../../engine/schema/table-schema.js';
import {errorText} from '../../../error-text.js';
import {type CsvError, type CsvRow, parseObjectsCsv} from './objects-csv.js';
import {objectId} from './selection.js';
import {topicRefusal} from './topics.js';

export type ImportContext = {
	/** The source's tables (views and Chinese names carry their reason). */
	readonly tables: readonly CatalogTable[];
	/** The destination's topics known to exist (listed, or found by a route query). */
	readonly topics: readonly TopicInfo[];
	/** Schemas of tables whose row filter should be checked against their columns, by objectId. */
	readonly schemas?: ReadonlyMap<string, TableSchema>;
	/** Topics that could not be looked up (the destination did not answer), with the reason. */
	readonly topicErrors?: ReadonlyMap<string, string>;
};

export type ImportResult = {
	/** The objects of the valid lines, in line order. */
	readonly objects: ProjectObject[];
	/** Every problem, by line; the import may replace the selection only when there is none. */
	readonly errors: CsvError[];
};

/** The fields of a data row, named; absent optional fields are empty. */
export function rowFields(row: CsvRow): {
	database: string;
	table: string;
	topic: string;
	renameDatabase: string;
	renameTable: string;
	where: string;
} {
	const [database = '', table = '', topic = '', renameDatabase = '', renameTable = '', where = ''] = row.fields;
	return {database, table, topic, renameDatabase, renameTable, where};
}

/** The tables of the text's rows that have a row filter: their schemas make the filter check complete. */
export function tablesWithRowFilters(text: string): Array<{database: string; table: string}> {
	return parseObjectsCsv(text)
		.rows.map(rowFields)
		.filter((fields) => fields.where !== '' && fields.database !== '' && fields.table !== '');
}

/** The topic names the text uses that are well formed, for looking up those the topic list lacks. */
export function topicsNamed(text: string): string[] {
	const names = parseObjectsCsv(text)
		.rows.map((row) => rowFields(row).topic)
		.filter((topic) => objectSchema.shape.topic.safeParse(topic).success);
	return [...new Set(names)];
}

export function validateImport(text: string, context: ImportContext): ImportResult {
	const {rows, errors} = parseObjectsCsv(text);
	const tables = new Map(context.tables.map((table) => [objectId(table.database, table.table), table]));
	const topics = new Map(context.topics.map((topic) => [topic.name, topic]));
	const seen = new Map<string, number>();
	const objects: ProjectObject[] = [];
	const fail = (line: number, message: string) => errors.push({line, message});
	for (const row of rows) {
		const before = errors.length;
		if (row.fields.length < 3) {
			fail(row.line, `expected at least 3 fields (database,table,topic), found ${row.fields.length}`);
			continue;
		}
		if (row.fields.length > 6) {
			fail(
				row.line,
				`expected at most 6 fields (database,table,topic,renamed database,renamed table,row filter), found ${row.fields.length}: put a row filter that holds commas in double quotes`,
			);
			continue;
		}
		const fields = rowFields(row);
		const name = `${fields.database}.${fields.table}`;
		const id = objectId(fields.database, fields.table);
		if (!fields.database) fail(row.line, 'the database is empty');
		if (!fields.table) fail(row.line, 'the table is empty');
		if (fields.database && fields.table) {
			const table = tables.get(id);
			if (!table) {
				const near = context.tables.find(
					(t) => t.database.toLowerCase() === fields.database.toLowerCase() && t.table.toLowerCase() === fields.table.toLowerCase(),
				);
				fail(
					row.line,
					`the source has no table ${name}${near ? ` (did you mean ${near.database}.${near.table}? names are case-sensitive)` : ''}`,
				);
			} else if (table.disabledReason) {
				fail(row.line, `${name} cannot be synchronized: ${table.disabledReason}`);
			}
			const earlier = seen.get(id);
			if (earlier !== undefined) fail(row.line, `${name} is already on line ${earlier}: list each table once`);
			else seen.set(id, row.line);
		}
		if (!fields.topic) fail(row.line, 'the topic is empty');
		else {
			const parsed = objectSchema.shape.topic.safeParse(fields.topic);
			if (!parsed.success) fail(row.line, `topic "${fields.topic}": ${parsed.error.issues[0]?.message ?? 'not a valid topic name'}`);
			else {
				const topic = topics.get(fields.topic);
				const unchecked = context.topicErrors?.get(fields.topic);
				if (!topic && unchecked) fail(row.line, `topic ${fields.topic} cannot be checked: ${unchecked}`);
				else if (!topic) fail(row.line, `the destination has no topic named ${fields.topic}: create it (FIFO) or use an existing one`);
				else {
					const refusal = topicRefusal(topic);
					if (refusal) fail(row.line, `topic ${fields.topic} ${refusal}`);
				}
			}
		}
		if (fields.where) {
			try {
				compileRowFilter(fields.where, name, context.schemas?.get(id)?.columns);
			} catch (error) {
				fail(row.line, errorText(error));
			}
		}
		if (errors.length > before) continue;
		objects.push({
			database: fields.database,
			table: fields.table,
			topic: fields.topic,
			...(fields.renameDatabase && fields.renameDatabase !== fields.database ? {renameDatabase: fields.renameDatabase} : {}),
			...(fields.renameTable && fields.renameTable !== fields.table ? {renameTable: fields.renameTable} : {}),
			...(fields.where ? {where: fields.where} : {}),
		});
	}
	if (rows.length === 0 && errors.length === 0) errors.push({line: 1, message: 'there is no table to import: write one line per table'});
	errors.sort((a, b) => a.line - b.line);
	return {objects, errors};
}
