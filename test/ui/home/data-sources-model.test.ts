import {describe, expect, it} from 'vitest';
import {destinationLine, projectsUsing, sourceLine} from '../../../source/ui/home/data-sources-model.js';

const source = {
	name: 'prod-ob',
	flavor: 'oceanbase' as const,
	host: 'obproxy.internal',
	port: 2883,
	user: 'sync',
	password: 'very-secret-pw',
	tenant: 'app',
	cluster: 'ob1',
};
const destination = {
	name: 'prod-mq',
	endpoints: 'mq.internal:8081',
	nameServer: 'mq.internal:9876',
	accessKey: 'AK1',
	secretKey: 'very-secret-sk',
	namespace: '',
	tls: true,
};

describe('the data sources model', () => {
	it('describes a source by kind, endpoint and user (tenant and cluster included), without its password', () => {
		const line = sourceLine(source);
		expect(line).toEqual({
			id: 's:prod-ob',
			kind: 'source',
			name: 'prod-ob',
			type: 'OceanBase CE',
			endpoint: 'obproxy.internal:2883',
			user: 'sync (app#ob1)',
			summary: 'prod-ob: OceanBase CE at obproxy.internal:2883, as sync (app#ob1)',
		});
		expect(sourceLine({...source, binlog: {host: 'binlog.internal', port: 2983}}).summary).toBe(
			'prod-ob: OceanBase CE at obproxy.internal:2883, as sync (app#ob1); binlog at binlog.internal:2983',
		);
		expect(JSON.stringify(line)).not.toContain('very-secret-pw');
	});

	it('describes a destination by transport, name server or proxy, TLS and access key, without its secret key', () => {
		const line = destinationLine(destination);
		expect(line).toMatchObject({
			type: 'RocketMQ',
			endpoint: 'mq.internal:9876 (remoting, TLS)',
			user: 'key AK1',
			summary: 'prod-mq: RocketMQ name server at mq.internal:9876 (remoting, TLS), access key AK1',
		});
		expect(destinationLine({...destination, transport: 'grpc'})).toMatchObject({
			endpoint: 'mq.internal:8081 (name server mq.internal:9876, TLS)',
			summary: 'prod-mq: RocketMQ proxy at mq.internal:8081 (name server mq.internal:9876, TLS), access key AK1',
		});
		expect(JSON.stringify(line)).not.toContain('very-secret-sk');
		expect(destinationLine({...destination, accessKey: undefined, secretKey: undefined, tls: false, nameServer: undefined}).user).toBe(
			'no ACL',
		);
	});

	it('finds the projects that connect where a data source does', () => {
		const projects = [
			{name: 'a', source: {host: 'obproxy.internal', port: 2883, user: 'sync'}, destination: {endpoints: 'other:8081'}},
			{name: 'b', source: {host: 'obproxy.internal', port: 2883, user: 'root'}, destination: {nameServer: 'mq.internal:9876'}},
			{name: 'c', source: {host: 'other', port: 2883, user: 'root'}, destination: {endpoints: 'mq.internal:8081'}},
			{
				name: 'd',
				source: {host: 'other', port: 2883, user: 'root'},
				destination: {transport: 'grpc' as const, endpoints: 'mq.internal:8081'},
			},
		];
		expect(projectsUsing(source, projects)).toEqual(['a']);
		expect(projectsUsing(destination, projects)).toEqual(['b']);
		expect(projectsUsing({...destination, transport: 'grpc'}, projects)).toEqual(['c', 'd']);
	});
});
