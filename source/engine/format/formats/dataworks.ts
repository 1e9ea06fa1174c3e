/**
 * OMS "DataWorks 2.0" format (shared/reference/oms-formats.md §6). The business system identification goes in
 * `extend.load_fm`; `scn` is the string "null", as in every OMS example for OceanBase.
 */
import {imageObject} from '../columns.js';
import {type JsonValue, num, writeJson} from '../json-writer.js';
import {ddlVerb, type FormatOptions, type FormatRecord} from '../record.js';

export function formatDataWorks(record: FormatRecord, options: FormatOptions): string {
	const source = {dbType: record.dbType.toLowerCase(), dbVersion: null, dbName: record.database, schema: null, table: record.table};
	const timestamp = {eventTime: num(record.eventTime * 1000), systemTime: num(options.now()), checkpointTime: num(record.eventTime)};
	const extend: {[key: string]: JsonValue} = options.businessId ? {load_fm: options.businessId} : {};
	if (record.kind === 'ddl') {
		return writeJson({
			version: '2.0',
			schema: {source, column: null, pk: null},
			payload: {before: null, after: null, op: ddlVerb(record.ddl), timestamp, ddl: {text: record.ddl}, scn: 'null'},
			extend,
		});
	}
	const image = (values: typeof record.before) => {
		const data = imageObject(record, values);
		return data ? {data} : null;
	};
	return writeJson({
		version: '2.0',
		schema: {
			source,
			column: record.columns.map((column) => ({name: column.name, type: column.dataType.toUpperCase()})),
			pk: record.primaryKey.length > 0 ? [...record.primaryKey] : null,
		},
		payload: {
			before: image(record.before),
			after: image(record.after),
			op: record.operation.toUpperCase(),
			timestamp,
			ddl: null,
			scn: 'null',
		},
		extend,
	});
}
