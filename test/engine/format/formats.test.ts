import {describe, expect, it} from 'vitest';
import {type FormatOptions, formatMessage, type RowRecord} from '../../../source/engine/format/index.js';
import {writeJson} from '../../../source/engine/format/json-writer.js';
import {renderValue} from '../../../source/engine/format/render-value.js';
import type {ColumnSchema} from '../../../source/engine/schema/table-schema.js';
import type {SqlValue} from '../../../source/engine/schema/typed-row.js';

const column = (name: string, dataType: string, charset: string | null = null): ColumnSchema => ({
	name,
	dataType,
	columnType: dataType,
	unsigned: false,
	nullable: true,
	charset,
	members: [],
});
const rendered = (value: SqlValue, dataType: string, charset: string | null = null) =>
	writeJson(renderValue(value, column('c', dataType, charset)));

describe('OMS value rendering', () => {
	it.each([
		['tinyint', -128, '-128'],
		['bigint', 18446744073709551615n, '18446744073709551615'],
		['bigint', -9223372036854775808n, '-9223372036854775808'],
		['decimal', '12.3000', '12.3000'],
		[
			'decimal',
			'-99999999999999999999999999999999999.999999999999999999999999999999',
			'-99999999999999999999999999999999999.999999999999999999999999999999',
		],
		['float', 1.2222000169754028, '1.2222'],
		['float', 3.4028234663852886e38, '3.402823E38'],
		['double', 0.1, '0.1'],
		['double', 1.7976931348623157e308, '1.797693134862316E308'],
		['double', 1.5e-7, '1.5E-7'],
		['year', 2024, '2024'],
		['date', '2020-11-25', '"2020-11-25"'],
		['time', '00:01:02.500000', '"00:01:02.5"'],
		['time', '-838:59:59.000000', '"-838:59:59"'],
		['datetime', '2020-11-25 00:01:02.120', '"2020-11-25 00:01:02.12"'],
		['timestamp', '1606233662.012345', '"1606233662.012345"'],
		['blob', Buffer.from('hello world'), '"aGVsbG8gd29ybGQ="'],
		['varbinary', Buffer.from([0x00, 0xff]), '"AP8="'],
		['bit', Buffer.from([0x15]), '"FQ=="'],
		['geometry', Buffer.from([0, 0, 0, 0, 1]), '"AAAAAAE="'],
		['enum', 'green', '"green"'],
		['set', 'a,c', '"a,c"'],
		['json', '{"k": [1, 2]}', '"{\\"k\\": [1, 2]}"'],
		['varchar', 'emoji 😀 "quoted"', '"emoji 😀 \\"quoted\\""'],
		['varchar', null, 'null'],
	] as Array<[string, SqlValue, string]>)('renders %s %s as %s', (dataType, value, expected) => {
		const charset = Buffer.isBuffer(value) ? null : 'utf8mb4';
		expect(rendered(value, dataType, charset)).toBe(expected);
	});
});

const columns = [
	column('id1', 'int'),
	column('id2', 'smallint'),
	column('big', 'bigint'),
	column('note', 'varchar', 'utf8mb4'),
	column('bin', 'blob'),
	column('ts', 'timestamp'),
	column('amount', 'decimal'),
];
const row: SqlValue[] = [3, 129, 10223372036854775806n, 'hello world', Buffer.from('hello world'), '1606233662.012345', '12.3000'];
const changed: SqlValue[] = [3, 129, 10223372036854775806n, 'hello world 2020', Buffer.from('hello world'), '1606233662.012345', '12.3000'];
const base: Omit<RowRecord, 'operation' | 'before' | 'after'> = {
	kind: 'row',
	database: 'shop',
	table: 'orders',
	columns,
	primaryKey: ['id1', 'id2'],
	eventTime: 1609344671,
	transactionId: '0-4242-7',
	sequence: 2,
	dbType: 'OB_MYSQL',
};
const insert: RowRecord = {...base, operation: 'insert', before: null, after: row};
const update: RowRecord = {...base, operation: 'update', before: row, after: changed};
const remove: RowRecord = {...base, operation: 'delete', before: row, after: null};
const ddl = {
	kind: 'ddl' as const,
	database: 'shop',
	table: 'orders',
	ddl: 'alter table orders add column c90 varchar(30)',
	eventTime: 1671177057,
	transactionId: null,
	dbType: 'OB_MYSQL' as const,
};
const options: FormatOptions = {now: () => 1618364572908, businessId: 'CIBS', intraTransactionSequence: true};

const rowJson =
	'{"id1":3,"id2":129,"big":10223372036854775806,"note":"hello world","bin":"aGVsbG8gd29ybGQ=","ts":"1606233662.012345","amount":12.3000}';
const changedJson = rowJson.replace('"hello world"', '"hello world 2020"');
const meta =
	'"allMetaData":{"checkpoint":"1609344671","record_primary_key":"id1\\u0001id2","record_primary_value":"3\\u0001129","source_identity":null,"dbType":"OB_MYSQL","storeDataSequence":null,"table_name":"orders","db":"shop","timestamp":"1609344671","uniqueId":"0-4242-7","transId":"0-4242-7","clusterId":null,"ddlType":null}';

describe('the Default format', () => {
	it('writes INSERT, UPDATE and DELETE with full images and the primary key joined by \\u0001', () => {
		expect(formatMessage('Default', insert, options)).toBe(`{"prevStruct":null,"postStruct":${rowJson},${meta},"recordType":"INSERT"}`);
		expect(formatMessage('Default', update, options)).toBe(
			`{"prevStruct":${rowJson},"postStruct":${changedJson},${meta},"recordType":"UPDATE"}`,
		);
		expect(formatMessage('Default', remove, options)).toBe(`{"prevStruct":${rowJson},"postStruct":null,${meta},"recordType":"DELETE"}`);
	});

	it('writes DDL as postStruct.ddl with its ddlType', () => {
		expect(formatMessage('Default', ddl, options)).toBe(
			'{"prevStruct":null,"postStruct":{"ddl":"alter table orders add column c90 varchar(30)"},"allMetaData":{"checkpoint":"1671177057","record_primary_key":null,"record_primary_value":null,"source_identity":null,"dbType":"OB_MYSQL","storeDataSequence":null,"table_name":"orders","db":"shop","timestamp":"1671177057","uniqueId":null,"transId":null,"clusterId":null,"ddlType":"ALTER_TABLE"},"recordType":"DDL"}',
		);
	});
});

describe('the DefaultExtendColumnType format', () => {
	const types =
		'"__light_type":{"id1":{"schemaType":"INT"},"id2":{"schemaType":"SMALLINT"},"big":{"schemaType":"BIGINT"},"note":{"schemaType":"VARCHAR"},"bin":{"schemaType":"BLOB"},"ts":{"schemaType":"TIMESTAMP"},"amount":{"schemaType":"DECIMAL"}}';
	it('adds __light_type inside each image that is present', () => {
		const withTypes = (json: string) => `${json.slice(0, -1)},${types}}`;
		expect(formatMessage('DefaultExtendColumnType', insert, options)).toBe(
			`{"prevStruct":null,"postStruct":${withTypes(rowJson)},${meta},"recordType":"INSERT"}`,
		);
		expect(formatMessage('DefaultExtendColumnType', update, options)).toBe(
			`{"prevStruct":${withTypes(rowJson)},"postStruct":${withTypes(changedJson)},${meta},"recordType":"UPDATE"}`,
		);
		expect(formatMessage('DefaultExtendColumnType', remove, options)).toBe(
			`{"prevStruct":${withTypes(rowJson)},"postStruct":null,${meta},"recordType":"DELETE"}`,
		);
		expect(formatMessage('DefaultExtendColumnType', ddl, options)).toContain(
			'"postStruct":{"ddl":"alter table orders add column c90 varchar(30)","__light_type":{"ddl":{"schemaType":"VAR_STRING"}}}',
		);
	});
});

describe('the Canal format', () => {
	const types = '"sqlType":{"id1":4,"id2":5,"big":-5,"note":12,"bin":2004,"ts":93,"amount":3}';
	const mysqlTypes =
		'"mysqlType":{"id1":"int","id2":"smallint","big":"bigint","note":"varchar","bin":"blob","ts":"timestamp","amount":"decimal"}';
	const tail = (type: string) => `"type":"${type}","table":"orders","es":1609344671000,"isDdl":false,"ts":1618364572908,"sql":""}`;
	it('writes one row in data, typed values, and only the changed columns in old', () => {
		expect(formatMessage('Canal', insert, options)).toBe(
			`{"database":"shop",${types},"data":[${rowJson}],"pkNames":["id1","id2"],"old":null,${mysqlTypes},${tail('INSERT')}`,
		);
		expect(formatMessage('Canal', update, options)).toBe(
			`{"database":"shop",${types},"data":[${changedJson}],"pkNames":["id1","id2"],"old":[{"note":"hello world"}],${mysqlTypes},${tail('UPDATE')}`,
		);
		expect(formatMessage('Canal', remove, options)).toBe(
			`{"database":"shop",${types},"data":[${rowJson}],"pkNames":["id1","id2"],"old":null,${mysqlTypes},${tail('DELETE')}`,
		);
	});

	it('writes DDL with isDdl and the statement in sql', () => {
		expect(formatMessage('Canal', ddl, options)).toBe(
			'{"database":"shop","sqlType":null,"data":null,"pkNames":null,"old":null,"mysqlType":null,"type":"ALTER","table":"orders","es":1671177057000,"isDdl":true,"ts":1618364572908,"sql":"alter table orders add column c90 varchar(30)"}',
		);
	});
});

describe('the DataWorks 2.0 format', () => {
	const schema =
		'"schema":{"source":{"dbType":"ob_mysql","dbVersion":null,"dbName":"shop","schema":null,"table":"orders"},"column":[{"name":"id1","type":"INT"},{"name":"id2","type":"SMALLINT"},{"name":"big","type":"BIGINT"},{"name":"note","type":"VARCHAR"},{"name":"bin","type":"BLOB"},{"name":"ts","type":"TIMESTAMP"},{"name":"amount","type":"DECIMAL"}],"pk":["id1","id2"]}';
	const timestamp = '"timestamp":{"eventTime":1609344671000,"systemTime":1618364572908,"checkpointTime":1609344671}';
	it('writes before/after data, the op, and the business system id in extend.load_fm', () => {
		expect(formatMessage('DataWorks', insert, options)).toBe(
			`{"version":"2.0",${schema},"payload":{"before":null,"after":{"data":${rowJson}},"op":"INSERT",${timestamp},"ddl":null,"scn":"null"},"extend":{"load_fm":"CIBS"}}`,
		);
		expect(formatMessage('DataWorks', update, options)).toContain(
			`"payload":{"before":{"data":${rowJson}},"after":{"data":${changedJson}},"op":"UPDATE"`,
		);
		expect(formatMessage('DataWorks', remove, {...options, businessId: undefined})).toBe(
			`{"version":"2.0",${schema},"payload":{"before":{"data":${rowJson}},"after":null,"op":"DELETE",${timestamp},"ddl":null,"scn":"null"},"extend":{}}`,
		);
		expect(formatMessage('DataWorks', ddl, options)).toContain(
			'"column":null,"pk":null},"payload":{"before":null,"after":null,"op":"ALTER"',
		);
	});
});

describe('the SharePlex format', () => {
	const meta = (op: string, seq = ',"seq":2') =>
		`"meta":{"time":"2020-12-30T16:11:11","op":"${op}","posttime":"2021-04-14T01:42:52","idx":"0/0","size":0${seq},"table":"shop.orders","rowid":"shop.orders-3\\u0001129","trans":"0-4242-7","scn":"null"}`;
	it('writes the row for ins/del, the changed columns plus the before image in key for upd, and meta.seq when asked', () => {
		expect(formatMessage('SharePlex', insert, options)).toBe(`{"data":${rowJson},${meta('ins')}}`);
		expect(formatMessage('SharePlex', update, options)).toBe(`{"data":{"note":"hello world 2020"},${meta('upd')},"key":${rowJson}}`);
		expect(formatMessage('SharePlex', remove, {...options, intraTransactionSequence: false})).toBe(
			`{"data":${rowJson},${meta('del', '')}}`,
		);
		expect(formatMessage('SharePlex', ddl, options)).toBe(
			'{"data":{},"meta":{"time":"2022-12-16T07:50:57","op":"ddl","posttime":"2021-04-14T01:42:52","idx":"0/0","size":0,"seq":0,"table":"shop.orders","rowid":"shop.orders-","trans":null,"scn":"null"},"sql":{"ddl":"alter table orders add column c90 varchar(30)"}}',
		);
	});

	it('produces valid JSON in every format and operation', () => {
		for (const format of ['Default', 'Canal', 'DataWorks', 'SharePlex', 'DefaultExtendColumnType'] as const) {
			for (const record of [insert, update, remove, ddl]) expect(() => JSON.parse(formatMessage(format, record, options))).not.toThrow();
		}
	});
});
