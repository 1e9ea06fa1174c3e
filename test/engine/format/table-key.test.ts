/**
 * Golden bodies for two things a consumer relies on, in all five formats: a table keyed only by a NOT NULL unique key
 * carries that key wherever a format carries "the primary key" (and in the message keys), and a row logged before an
 * ADD COLUMN, read once the newer schema is loaded, lists only the columns of its own image.
 */
import {describe, expect, it} from 'vitest';
import {FORMATS, type FormatName, formatMessage} from '../../../source/engine/format/index.js';
import {compilePlan} from '../../../source/engine/pipeline/object-plan.js';
import {toRecord} from '../../../source/engine/pipeline/to-records.js';
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import type {TypedOutput} from '../../../source/engine/schema/apply-schema.js';
import type {TableSchema} from '../../../source/engine/schema/table-schema.js';
import {customers, ordersWithNote, type Row, transaction} from '../run/synthetic.js';

const options = {now: () => 1_700_000_003_000, businessId: 'obsync'};

/** The bodies of one UPDATE of `schema` (before: `[id, 'old']`), in every format. */
function bodies(schema: TableSchema, row: Row): Record<FormatName, string> {
	const items = transaction(1000, [row], {schema});
	const change = (items[1] as Extract<TypedOutput, {kind: 'rows'}>).typed[0]!;
	const plan = compilePlan({database: 'shop', table: schema.table, topic: 't'} as ProjectObject, schema);
	const record = toRecord(change, plan, {transactionId: 'mysql-bin.000007:1000', sequence: 1, eventTime: 1_700_000_000, dbType: 'MYSQL'});
	return Object.fromEntries(FORMATS.map((format) => [format, formatMessage(format, record, options)])) as Record<FormatName, string>;
}

describe('the key and the columns a message carries', () => {
	it('carries the NOT NULL unique key of a table without a primary key in every format', () => {
		expect(bodies(customers, {op: 'update', id: 7, status: 'b@example.com'})).toEqual({
			Default:
				'{"prevStruct":{"id":7,"email":"old"},"postStruct":{"id":7,"email":"b@example.com"},"allMetaData":{"checkpoint":"1700000000","record_primary_key":"email","record_primary_value":"b@example.com","source_identity":null,"dbType":"MYSQL","storeDataSequence":null,"table_name":"customers","db":"shop","timestamp":"1700000000","uniqueId":"mysql-bin.000007:1000","transId":"mysql-bin.000007:1000","clusterId":null,"ddlType":null},"recordType":"UPDATE"}',
			Canal:
				'{"database":"shop","sqlType":{"id":4,"email":12},"data":[{"id":7,"email":"b@example.com"}],"pkNames":["email"],"old":[{"email":"old"}],"mysqlType":{"id":"int","email":"varchar"},"type":"UPDATE","table":"customers","es":1700000000000,"isDdl":false,"ts":1700000003000,"sql":""}',
			DataWorks:
				'{"version":"2.0","schema":{"source":{"dbType":"mysql","dbVersion":null,"dbName":"shop","schema":null,"table":"customers"},"column":[{"name":"id","type":"INT"},{"name":"email","type":"VARCHAR"}],"pk":["email"]},"payload":{"before":{"data":{"id":7,"email":"old"}},"after":{"data":{"id":7,"email":"b@example.com"}},"op":"UPDATE","timestamp":{"eventTime":1700000000000,"systemTime":1700000003000,"checkpointTime":1700000000},"ddl":null,"scn":"null"},"extend":{"load_fm":"obsync"}}',
			SharePlex:
				'{"data":{"email":"b@example.com"},"meta":{"time":"2023-11-14T22:13:20","op":"upd","posttime":"2023-11-14T22:13:23","idx":"0/0","size":0,"table":"shop.customers","rowid":"shop.customers-b@example.com","trans":"mysql-bin.000007:1000","scn":"null"},"key":{"id":7,"email":"old"}}',
			DefaultExtendColumnType:
				'{"prevStruct":{"id":7,"email":"old","__light_type":{"id":{"schemaType":"INT"},"email":{"schemaType":"VARCHAR"}}},"postStruct":{"id":7,"email":"b@example.com","__light_type":{"id":{"schemaType":"INT"},"email":{"schemaType":"VARCHAR"}}},"allMetaData":{"checkpoint":"1700000000","record_primary_key":"email","record_primary_value":"b@example.com","source_identity":null,"dbType":"MYSQL","storeDataSequence":null,"table_name":"customers","db":"shop","timestamp":"1700000000","uniqueId":"mysql-bin.000007:1000","transId":"mysql-bin.000007:1000","clusterId":null,"ddlType":null},"recordType":"UPDATE"}',
		});
	});

	it('lists only the columns of a row logged before an ADD COLUMN and read after it, in every format', () => {
		expect(bodies(ordersWithNote, {op: 'update', id: 7, status: 'paid'})).toEqual({
			Default:
				'{"prevStruct":{"id":7,"status":"old"},"postStruct":{"id":7,"status":"paid"},"allMetaData":{"checkpoint":"1700000000","record_primary_key":"id","record_primary_value":"7","source_identity":null,"dbType":"MYSQL","storeDataSequence":null,"table_name":"orders","db":"shop","timestamp":"1700000000","uniqueId":"mysql-bin.000007:1000","transId":"mysql-bin.000007:1000","clusterId":null,"ddlType":null},"recordType":"UPDATE"}',
			Canal:
				'{"database":"shop","sqlType":{"id":4,"status":12},"data":[{"id":7,"status":"paid"}],"pkNames":["id"],"old":[{"status":"old"}],"mysqlType":{"id":"int","status":"varchar"},"type":"UPDATE","table":"orders","es":1700000000000,"isDdl":false,"ts":1700000003000,"sql":""}',
			DataWorks:
				'{"version":"2.0","schema":{"source":{"dbType":"mysql","dbVersion":null,"dbName":"shop","schema":null,"table":"orders"},"column":[{"name":"id","type":"INT"},{"name":"status","type":"VARCHAR"}],"pk":["id"]},"payload":{"before":{"data":{"id":7,"status":"old"}},"after":{"data":{"id":7,"status":"paid"}},"op":"UPDATE","timestamp":{"eventTime":1700000000000,"systemTime":1700000003000,"checkpointTime":1700000000},"ddl":null,"scn":"null"},"extend":{"load_fm":"obsync"}}',
			SharePlex:
				'{"data":{"status":"paid"},"meta":{"time":"2023-11-14T22:13:20","op":"upd","posttime":"2023-11-14T22:13:23","idx":"0/0","size":0,"table":"shop.orders","rowid":"shop.orders-7","trans":"mysql-bin.000007:1000","scn":"null"},"key":{"id":7,"status":"old"}}',
			DefaultExtendColumnType:
				'{"prevStruct":{"id":7,"status":"old","__light_type":{"id":{"schemaType":"INT"},"status":{"schemaType":"VARCHAR"}}},"postStruct":{"id":7,"status":"paid","__light_type":{"id":{"schemaType":"INT"},"status":{"schemaType":"VARCHAR"}}},"allMetaData":{"checkpoint":"1700000000","record_primary_key":"id","record_primary_value":"7","source_identity":null,"dbType":"MYSQL","storeDataSequence":null,"table_name":"orders","db":"shop","timestamp":"1700000000","uniqueId":"mysql-bin.000007:1000","transId":"mysql-bin.000007:1000","clusterId":null,"ddlType":null},"recordType":"UPDATE"}',
		});
	});
});
