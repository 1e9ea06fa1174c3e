/** The catalog the wizard asks before a project exists, against the MariaDB and RocketMQ test services. */
import type mysql from 'mysql2/promise';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkTopic, listDestinationTopics, testDestination} from '../../source/engine/catalog/destination-catalog.js';
import {describeTable, listTables, testSource} from '../../source/engine/catalog/source-catalog.js';
import type {DestinationSettings, SourceSettings} from '../../source/engine/project/project-schema.js';
import {connectAdmin, mariadbService, mariadbSource, rocketmqService} from '../helpers/services.js';

const source: SourceSettings = {flavor: 'mariadb', ...mariadbSource};
const destination: DestinationSettings = {
	endpoints: rocketmqService.endpoints,
	nameServer: rocketmqService.namesrv,
	namespace: '',
	tls: false,
};
let admin: mysql.Connection;

beforeAll(async () => {
	admin = await connectAdmin();
	await admin.query('DROP VIEW IF EXISTS catalog_view');
	await admin.query('DROP TABLE IF EXISTS catalog_plain, `catalog_han`');
	await admin.query('CREATE TABLE catalog_plain (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE KEY code_u (code))');
	await admin.query('CREATE TABLE catalog_han (id INT PRIMARY KEY, `名字` VARCHAR(10))');
	await admin.query('CREATE VIEW catalog_view AS SELECT id FROM catalog_plain');
});

afterAll(async () => {
	await admin?.query('DROP VIEW IF EXISTS catalog_view');
	await admin?.query('DROP TABLE IF EXISTS catalog_plain, catalog_han');
	await admin?.end();
});

describe('source catalog', () => {
	it('tells what the source is', async () => {
		const info = await testSource(source);
		expect(info.flavour).toBe('mariadb');
		expect(info.version).toMatch(/^10\.\d+\.\d+$/);
		expect(info.endpoint).toBe(`${mariadbService.host}:${mariadbService.port} as ${mariadbService.user}`);
	});

	it('fails with the server error and what to check, never the password', async () => {
		const error = (await testSource({...source, password: 'not-the-password'}).then(
			() => new Error('connected'),
			(e: unknown) => e,
		)) as Error & {hint?: string};
		expect(error.name).toBe('ConnectionError');
		expect(error.message).toContain('Access denied');
		expect(error.message).not.toContain('not-the-password');
		expect(error.hint).toContain('user and password');
	});

	it('lists tables and views, views and Chinese names disabled with the reason', async () => {
		const tables = await listTables(source);
		const find = (table: string) => tables.find((t) => t.database === 'obsync_test' && t.table === table);
		expect(find('catalog_plain')).toEqual({database: 'obsync_test', table: 'catalog_plain', tableType: 'BASE TABLE'});
		expect(find('catalog_view')?.disabledReason).toBe('a view, not a physical table');
		expect(find('catalog_han')?.disabledReason).toBe('column names with Chinese characters: 名字');
		expect(tables.some((t) => t.database === 'mysql' || t.database === 'information_schema')).toBe(false);
	});

	it('describes a table with its keys', async () => {
		const schema = await describeTable(source, 'obsync_test', 'catalog_plain');
		expect(schema.columns.map((c) => c.name)).toEqual(['id', 'code']);
		expect(schema.primaryKey).toEqual(['id']);
		expect(schema.uniqueKeys).toEqual([{name: 'code_u', columns: ['code'], notNull: true}]);
	});
});

describe('destination catalog', () => {
	it('reaches the proxy and counts the name server topics (gRPC)', async () => {
		const info = await testDestination({...destination, transport: 'grpc'});
		expect(info.topicCount).toBeGreaterThanOrEqual(4);
	});

	it('over remoting, counts the name server topics and reaches every broker master it lists', async () => {
		const info = await testDestination({...destination, transport: 'remoting'});
		expect(info).toMatchObject({transport: 'remoting', address: `name server at ${rocketmqService.namesrv}`});
		expect(info.brokers).toEqual([`broker-a (${rocketmqService.broker})`]);
		const error = await testDestination({...destination, nameServer: '127.0.0.1:1'}, {timeoutMs: 3000}).catch((e: unknown) => e);
		expect(error).toMatchObject({
			name: 'ConnectionError',
			message: 'could not connect to the RocketMQ name server at 127.0.0.1:1: connection refused',
		});
	});

	it('fails when nothing listens at the proxy endpoint (gRPC)', async () => {
		const error = (await testDestination({...destination, transport: 'grpc', endpoints: '127.0.0.1:1'}, {timeoutMs: 3000}).then(
			() => new Error('reached'),
			(e: unknown) => e,
		)) as Error;
		expect(error.name).toBe('ConnectionError');
		expect(error.message).toContain('cannot reach the RocketMQ proxy at 127.0.0.1:1');
	});

	it('lists topics with their message type, without RocketMQ system topics', async () => {
		const topics = await listDestinationTopics(destination);
		expect(topics.find((t) => t.name === 'obsync_test_fifo')).toMatchObject({messageType: 'FIFO', writeQueues: 8});
		expect(topics.find((t) => t.name === 'obsync_test_normal')).toMatchObject({messageType: 'NORMAL'});
		expect(topics.some((t) => t.name.startsWith('rmq_sys_') || t.name === 'TBW102')).toBe(false);
	});

	it('checks a typed topic through the name server, or by a route query through the proxy without one', async () => {
		expect((await checkTopic(destination, 'obsync_test_fifo')).messageType).toBe('FIFO');
		const {nameServer: _, ...proxyOnly} = destination;
		expect((await checkTopic(proxyOnly, 'obsync_test_fifo')).name).toBe('obsync_test_fifo');
		for (const settings of [destination, proxyOnly]) {
			const error = (await checkTopic(settings, 'obsync_no_such_topic').then(
				() => new Error('found'),
				(e: unknown) => e,
			)) as Error;
			expect(error.name).toBe('ConfigError');
			expect(error.message).toContain('obsync_no_such_topic');
		}
	});
});
