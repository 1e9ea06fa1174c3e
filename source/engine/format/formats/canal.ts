/**
 * OMS "Canal" format (shared/reference/oms-formats.md §5): typed values (not Canal's all-strings), one row in
 * `data`, the changed columns' old values in `old` for UPDATE, `es` the source time and `ts` the send time in ms.
 * java.sql.Types codes for types OMS's example does not show are Canal's own choices (README).
 */
import {changedObject, imageObject} from '../columns.js';
import {type JsonValue, num, writeJson} from '../json-writer.js';
import {ddlVerb, type FormatOptions, type FormatRecord} from '../record.js';

const sqlTypes: Record<string, number> = {
	tinyint: -6,
	smallint: 5,
	mediumint: 4,
	int: 4,
	integer: 4,
	bigint: -5,
	float: 6,
	double: 8,
	decimal: 3,
	numeric: 2,
	char: 1,
	varchar: 12,
	tinytext: 2005,
	text: 2005,
	mediumtext: 2005,
	longtext: 2005,
	json: 12,
	enum: 1,
	set: 1,
	binary: -2,
	varbinary: -3,
	tinyblob: 2004,
	blob: 2004,
	mediumblob: 2004,
	longblob: 2004,
	bit: -7,
	date: 91,
	time: 92,
	datetime: 93,
	timestamp: 93,
	year: 12,
	geometry: -2,
};

export function formatCanal(record: FormatRecord, options: FormatOptions): string {
	const es = num(record.eventTime * 1000);
	const ts = num(options.now());
	if (record.kind === 'ddl') {
		return writeJson({
			database: record.database,
			sqlType: null,
			data: null,
			pkNames: null,
			old: null,
			mysqlType: null,
			type: ddlVerb(record.ddl),
			table: record.table,
			es,
			isDdl: true,
			ts,
			sql: record.ddl,
		});
	}
	const sqlType: {[column: string]: JsonValue} = {};
	const mysqlType: {[column: string]: JsonValue} = {};
	for (const column of record.columns) {
		sqlType[column.name] = num(sqlTypes[column.dataType] ?? 1111); // 1111 = java.sql.Types.OTHER
		mysqlType[column.name] = column.dataType;
	}
	const row = imageObject(record, record.operation === 'delete' ? record.before : record.after);
	return writeJson({
		database: record.database,
		sqlType,
		data: row ? [row] : null,
		pkNames: [...record.primaryKey],
		old: record.operation === 'update' ? [changedObject(record, record.before)] : null,
		mysqlType,
		type: record.operation.toUpperCase(),
		table: record.table,
		es,
		isDdl: false,
		ts,
		sql: '',
	});
}
