/**
 * OMS "Default" format (shared/reference/oms-formats.md §3), and "DefaultExtendColumnType" (§4), which adds
 * `__light_type` ({column: {schemaType}}) inside each image. Metadata keys OMS leaves empty are written as null.
 */
import {imageObject, primaryKeyValues} from '../columns.js';
import {type JsonValue, writeJson} from '../json-writer.js';
import {ddlType, type FormatRecord} from '../record.js';

const SEPARATOR = '\u0001';

export function formatDefault(record: FormatRecord, extendColumnType = false): string {
	const seconds = String(record.eventTime);
	const base = {
		checkpoint: seconds,
		record_primary_key: null as JsonValue,
		record_primary_value: null as JsonValue,
		source_identity: null,
		dbType: record.dbType,
		storeDataSequence: null,
		table_name: record.table,
		db: record.database,
		timestamp: seconds,
		uniqueId: record.transactionId,
		transId: record.transactionId,
		clusterId: null,
		ddlType: null as JsonValue,
	};
	if (record.kind === 'ddl') {
		const postStruct: {[key: string]: JsonValue} = {ddl: record.ddl};
		if (extendColumnType) postStruct.__light_type = {ddl: {schemaType: 'VAR_STRING'}};
		return writeJson({prevStruct: null, postStruct, allMetaData: {...base, ddlType: ddlType(record.ddl)}, recordType: 'DDL'});
	}
	const withTypes = (image: {[key: string]: JsonValue} | null) => {
		if (!image || !extendColumnType) return image;
		const types: {[key: string]: JsonValue} = {};
		for (const column of record.columns) if (column.name in image) types[column.name] = {schemaType: column.dataType.toUpperCase()};
		return {...image, __light_type: types};
	};
	const keys = record.primaryKey.length > 0;
	return writeJson({
		prevStruct: withTypes(imageObject(record, record.before)),
		postStruct: withTypes(imageObject(record, record.after)),
		allMetaData: {
			...base,
			record_primary_key: keys ? record.primaryKey.join(SEPARATOR) : null,
			record_primary_value: keys ? primaryKeyValues(record).join(SEPARATOR) : null,
		},
		recordType: record.operation.toUpperCase(),
	});
}
