import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {ConfigError, ConnectionError} from '../../../source/engine/errors.js';
import {parseHostPort, parseNameServerAddresses} from '../../../source/engine/remoting/address.js';
import {decodeFrame, encodeRequest, FrameFormatError, FrameReader, isResponse} from '../../../source/engine/remoting/frame.js';
import {describeTopic, describeTopics, isSystemTopic, listTopics} from '../../../source/engine/remoting/index.js';
import {parseLooseJson, quoteBareKeys} from '../../../source/engine/remoting/loose-json.js';
import {brokersToAsk, messageTypeOf, parseTopicRoute, topicInfoFromRoute} from '../../../source/engine/remoting/topic-info.js';
import {rocketmqService, topics} from '../../helpers/services.js';

/** A response frame as a RocketMQ server writes it (JSON header), with its leading length. */
function responseFrame(header: Record<string, unknown>, body = ''): Buffer {
	const headerBytes = Buffer.from(JSON.stringify({flag: 1, language: 'JAVA', version: 479, ...header}));
	const bodyBytes = Buffer.from(body);
	const frame = Buffer.alloc(8 + headerBytes.length + bodyBytes.length);
	frame.writeInt32BE(4 + headerBytes.length + bodyBytes.length, 0);
	frame.writeInt32BE(headerBytes.length, 4);
	headerBytes.copy(frame, 8);
	bodyBytes.copy(frame, 8 + headerBytes.length);
	return frame;
}

/** A response frame with the ROCKETMQ binary header (RocketMQSerializable). */
function binaryResponseFrame(code: number, opaque: number, remark: string, extFields: Record<string, string>, body = ''): Buffer {
	const parts: Buffer[] = [];
	const fixed = Buffer.alloc(13);
	fixed.writeInt16BE(code, 0);
	fixed.writeInt8(0, 2);
	fixed.writeInt16BE(479, 3);
	fixed.writeInt32BE(opaque, 5);
	fixed.writeInt32BE(1, 9);
	parts.push(fixed);
	const remarkBytes = Buffer.from(remark);
	parts.push(int32(remarkBytes.length), remarkBytes);
	const ext: Buffer[] = [];
	for (const [key, value] of Object.entries(extFields)) {
		const keyBytes = Buffer.from(key);
		const valueBytes = Buffer.from(value);
		const keyLength = Buffer.alloc(2);
		keyLength.writeInt16BE(keyBytes.length);
		ext.push(keyLength, keyBytes, int32(valueBytes.length), valueBytes);
	}
	const extBytes = Buffer.concat(ext);
	parts.push(int32(extBytes.length), extBytes);
	const header = Buffer.concat(parts);
	const bodyBytes = Buffer.from(body);
	return Buffer.concat([int32(4 + header.length + bodyBytes.length), int32((1 << 24) | header.length), header, bodyBytes]);
}

function int32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeInt32BE(value);
	return buffer;
}

describe('remoting frames', () => {
	it('encodes a request: total length, JSON serialize type with header length, JSON header, no body', () => {
		const frame = encodeRequest({code: 105, opaque: 7, extFields: {topic: 't'}});
		expect(frame.readInt32BE(0)).toBe(frame.length - 4);
		const mark = frame.readInt32BE(4);
		expect(mark >>> 24).toBe(0);
		const headerLength = mark & 0xffffff;
		expect(8 + headerLength).toBe(frame.length);
		const header = JSON.parse(frame.subarray(8).toString('utf8'));
		expect(header).toMatchObject({code: 105, opaque: 7, flag: 0, language: 'JAVA', version: 479, extFields: {topic: 't'}});
	});

	it('encodes a body after the header', () => {
		const frame = encodeRequest({code: 1, opaque: 1, body: Buffer.from('xyz')});
		expect(frame.readInt32BE(0)).toBe(frame.length - 4);
		expect(frame.subarray(frame.length - 3).toString()).toBe('xyz');
	});

	it('decodes its own request frame', () => {
		const frame = encodeRequest({code: 351, opaque: 42, extFields: {topic: 'a'}, body: Buffer.from('{"x":1}')});
		const command = decodeFrame(frame.subarray(4));
		expect(command).toMatchObject({code: 351, opaque: 42, flag: 0, remark: null, extFields: {topic: 'a'}});
		expect(command.body.toString()).toBe('{"x":1}');
		expect(isResponse(command)).toBe(false);
	});

	it('decodes a JSON response with remark and body', () => {
		const frame = responseFrame({code: 17, opaque: 3, remark: 'No topic route info'}, 'body');
		const command = decodeFrame(frame.subarray(4));
		expect(command).toMatchObject({code: 17, opaque: 3, flag: 1, remark: 'No topic route info', extFields: {}});
		expect(command.body.toString()).toBe('body');
		expect(isResponse(command)).toBe(true);
	});

	it('decodes a response with the ROCKETMQ binary header', () => {
		const frame = binaryResponseFrame(0, 9, 'ok', {a: '1', bb: 'two'}, '{"topicList":[]}');
		const command = decodeFrame(frame.subarray(4));
		expect(command).toMatchObject({code: 0, opaque: 9, flag: 1, remark: 'ok', extFields: {a: '1', bb: 'two'}});
		expect(command.body.toString()).toBe('{"topicList":[]}');
	});

	it('reassembles frames split across chunks and splits frames sharing a chunk', () => {
		const one = responseFrame({code: 0, opaque: 1}, 'first');
		const two = responseFrame({code: 0, opaque: 2}, 'second');
		const stream = Buffer.concat([one, two]);
		const reader = new FrameReader();
		const received = [];
		for (let index = 0; index < stream.length; index += 5) received.push(...reader.push(stream.subarray(index, index + 5)));
		expect(received.map((command) => [command.opaque, command.body.toString()])).toEqual([
			[1, 'first'],
			[2, 'second'],
		]);
		expect(reader.buffered).toBe(0);
		const both = new FrameReader().push(stream);
		expect(both).toHaveLength(2);
	});

	it('refuses bytes that are not RocketMQ frames', () => {
		// A MySQL server greeting: 3-byte little-endian length, so a huge big-endian frame length.
		expect(() => new FrameReader().push(Buffer.from([0x5b, 0, 0, 0, 0x0a, 0x35]))).toThrow(FrameFormatError);
		expect(() => new FrameReader().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(FrameFormatError);
		const badHeaderLength = Buffer.alloc(8);
		badHeaderLength.writeInt32BE(100, 0);
		expect(() => decodeFrame(badHeaderLength)).toThrow(/header length/);
		const notJson = Buffer.concat([int32(3), Buffer.from('abc')]);
		expect(() => decodeFrame(notJson)).toThrow(/not JSON/);
		expect(() => decodeFrame(Buffer.concat([int32((5 << 24) | 0)]))).toThrow(/serialize type 5/);
	});
});

describe('tolerant JSON', () => {
	it("reads fastjson's bare numeric map keys", () => {
		const body =
			'{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:20911",1:"127.0.0.1:20921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":8,"writeQueueNums":8}]}';
		expect(() => JSON.parse(body)).toThrow();
		expect(parseLooseJson(body)).toEqual({
			brokerDatas: [{brokerAddrs: {0: '127.0.0.1:20911', 1: '127.0.0.1:20921'}, brokerName: 'broker-a', cluster: 'DefaultCluster'}],
			queueDatas: [{brokerName: 'broker-a', perm: 6, readQueueNums: 8, writeQueueNums: 8}],
		});
	});

	it('quotes bare keys with spaces, negative numbers and identifiers, and leaves strings and arrays alone', () => {
		expect(quoteBareKeys('{ 0 : "a" , -1:"b", key_1:2}')).toBe('{ "0" : "a" , "-1":"b", "key_1":2}');
		expect(quoteBareKeys('{"s":"{0:\\"x\\", 1:2}","a":[0,1, 2],"b":[{3:true}]}')).toBe(
			'{"s":"{0:\\"x\\", 1:2}","a":[0,1, 2],"b":[{"3":true}]}',
		);
		expect(parseLooseJson('{"s":"{0:\\"x\\"}","a":[0, -1.5e3, true, null]}')).toEqual({s: '{0:"x"}', a: [0, -1500, true, null]});
	});

	it('still refuses what is not JSON', () => {
		expect(() => parseLooseJson('{0:}')).toThrow(SyntaxError);
		expect(() => parseLooseJson("{'a':1}")).toThrow(SyntaxError);
		expect(() => parseLooseJson('process.exit(1)')).toThrow(SyntaxError);
	});
});

describe('topic metadata', () => {
	it('reads a route: queues summed, broker names, the master address to ask', () => {
		const route = parseTopicRoute(
			parseLooseJson(
				'{"brokerDatas":[{"brokerAddrs":{1:"10.0.0.2:10911",0:"10.0.0.1:10911"},"brokerName":"b"},{"brokerAddrs":{0:"10.0.0.3:10911"},"brokerName":"a"},{"brokerAddrs":{0:"10.0.0.9:10911"},"brokerName":"idle"}],"queueDatas":[{"brokerName":"b","readQueueNums":4,"writeQueueNums":2,"perm":6},{"brokerName":"a","readQueueNums":4,"writeQueueNums":4,"perm":6}]}',
			),
		);
		expect(brokersToAsk(route)).toEqual([
			{brokerName: 'b', address: '10.0.0.1:10911'},
			{brokerName: 'a', address: '10.0.0.3:10911'},
		]);
		expect(topicInfoFromRoute('t', route, 'FIFO')).toEqual({
			name: 't',
			messageType: 'FIFO',
			readQueues: 8,
			writeQueues: 6,
			brokers: ['a', 'b'],
		});
	});

	it('asks a slave when a broker has no master in the route', () => {
		const route = parseTopicRoute({brokerDatas: [{brokerName: 'b', brokerAddrs: {2: 'h:2', 1: 'h:1'}}], queueDatas: [{brokerName: 'b'}]});
		expect(brokersToAsk(route)).toEqual([{brokerName: 'b', address: 'h:1'}]);
	});

	it('copes with an empty or odd route', () => {
		expect(parseTopicRoute(null)).toEqual({queueDatas: [], brokerDatas: []});
		expect(topicInfoFromRoute('t', parseTopicRoute({queueDatas: 'x'}), null)).toEqual({
			name: 't',
			messageType: null,
			readQueues: 0,
			writeQueues: 0,
			brokers: [],
		});
	});

	it('reads the message type attribute of a topic config', () => {
		expect(messageTypeOf({attributes: {'message.type': 'FIFO'}})).toBe('FIFO');
		expect(messageTypeOf({attributes: {'+message.type': 'TRANSACTION'}})).toBe('TRANSACTION');
		expect(messageTypeOf({attributes: {'message.type': 'delay'}})).toBe('DELAY');
		expect(messageTypeOf({attributes: {}})).toBe('NORMAL');
		expect(messageTypeOf({topicName: 't'})).toBe('NORMAL');
		expect(messageTypeOf({attributes: {'message.type': 'PRIORITY'}})).toBeNull();
	});

	it('tells system topics', () => {
		const names = new Set(['DefaultCluster', 'broker-a']);
		for (const topic of [
			'TBW102',
			'SCHEDULE_TOPIC_XXXX',
			'rmq_sys_wheel_timer',
			'RMQ_SYS_TRACE_TOPIC',
			'%RETRY%group',
			'%DLQ%group',
			'BenchmarkTest',
			'DefaultCluster',
			'broker-a',
			'DefaultCluster_REPLY_TOPIC',
		]) {
			expect(isSystemTopic(topic, names), topic).toBe(true);
		}
		expect(isSystemTopic('orders')).toBe(false);
		expect(isSystemTopic('orders_REPLY_TOPIC', names)).toBe(false);
	});

	it('parses name server addresses', () => {
		expect(parseNameServerAddresses('127.0.0.1:9876')).toEqual([{host: '127.0.0.1', port: 9876}]);
		expect(parseNameServerAddresses(' a:1; b ;[::1]:3 ')).toEqual([
			{host: 'a', port: 1},
			{host: 'b', port: 9876},
			{host: '::1', port: 3},
		]);
		expect(() => parseNameServerAddresses('')).toThrow(ConfigError);
		expect(() => parseHostPort('http://a:1')).toThrow(ConfigError);
		expect(() => parseHostPort('a:70000')).toThrow(ConfigError);
	});
});

describe('against a fake server', () => {
	const servers: net.Server[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
	});

	/** A server that answers each request frame with `answer(code, opaque)` (or not at all). */
	async function fakeServer(answer: (code: number, opaque: number, socket: net.Socket) => void): Promise<string> {
		const server = net.createServer((socket) => {
			const reader = new FrameReader();
			socket.on('data', (chunk) => {
				for (const command of reader.push(chunk)) answer(command.code, command.opaque, socket);
			});
			socket.on('error', () => {});
		});
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
	}

	it('times out with a ConnectionError when the server does not answer', async () => {
		const address = await fakeServer(() => {});
		const error = await listTopics(address, {timeoutMs: 200}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConnectionError);
		expect((error as ConnectionError).message).toContain(address);
		expect((error as ConnectionError).message).toContain('200 ms');
	});

	it('stops at once when aborted', async () => {
		const address = await fakeServer(() => {});
		const controller = new AbortController();
		const started = Date.now();
		const pending = listTopics(address, {signal: controller.signal});
		setTimeout(() => controller.abort(new Error('stop')), 50);
		await expect(pending).rejects.toThrow('stop');
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('reads bare keys and a ROCKETMQ binary header, and filters cluster and broker names', async () => {
		const address = await fakeServer((code, opaque, socket) => {
			if (code === 206)
				socket.write(binaryResponseFrame(0, opaque, '', {}, '{"topicList":["orders","c1","b1","c1_REPLY_TOPIC","%RETRY%g","TBW102"]}'));
			if (code === 304) socket.write(responseFrame({code: 0, opaque}, '{"brokerAddr":"x:1","topicList":["b1","c1"]}'));
		});
		expect(await listTopics(address)).toEqual(['orders']);
	});

	it('says what to do when the name server does not list topics', async () => {
		const address = await fakeServer((_code, opaque, socket) => socket.write(responseFrame({code: 1, opaque, remark: 'disable'})));
		const error = await listTopics(address).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).hint).toContain('enableAllTopicList');
	});

	it('reports a route without a reachable broker with an unknown message type', async () => {
		const address = await fakeServer((_code, opaque, socket) =>
			socket.write(
				responseFrame(
					{code: 0, opaque},
					'{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:1"},"brokerName":"gone"}],"queueDatas":[{"brokerName":"gone","readQueueNums":2,"writeQueueNums":2,"perm":6}]}',
				),
			),
		);
		expect(await describeTopic(address, 't', {timeoutMs: 1000})).toEqual({
			name: 't',
			messageType: null,
			readQueues: 2,
			writeQueues: 2,
			brokers: ['gone'],
		});
	});
});

describe('against the test RocketMQ', () => {
	const nameServer = rocketmqService.namesrv;

	it('lists the test topics and no system topics', async () => {
		const listed = await listTopics(nameServer);
		for (const topic of topics) expect(listed).toContain(topic.name);
		expect(listed.filter((topic) => isSystemTopic(topic))).toEqual([]);
		for (const system of ['TBW102', 'DefaultCluster', 'broker-a', 'SCHEDULE_TOPIC_XXXX', 'DefaultCluster_REPLY_TOPIC']) {
			expect(listed).not.toContain(system);
		}
		expect(listed.some((topic) => topic.startsWith('rmq_sys_') || topic.startsWith('RMQ_SYS_') || topic.startsWith('%'))).toBe(false);
		expect(listed).toEqual([...listed].sort());
	});

	it('lists system topics when asked', async () => {
		const listed = await listTopics(nameServer, {includeSystem: true});
		expect(listed).toContain('obsync_test_fifo');
		expect(listed).toContain('DefaultCluster');
		expect(listed.some((topic) => topic.startsWith('rmq_sys_') || topic.startsWith('RMQ_SYS_'))).toBe(true);
	});

	it('describes a FIFO topic', async () => {
		expect(await describeTopic(nameServer, 'obsync_test_fifo')).toEqual({
			name: 'obsync_test_fifo',
			messageType: 'FIFO',
			readQueues: 8,
			writeQueues: 8,
			brokers: ['broker-a'],
		});
	});

	it('describes a NORMAL topic', async () => {
		const info = await describeTopic(nameServer, 'obsync_test_normal');
		expect(info).toMatchObject({messageType: 'NORMAL', readQueues: 4, writeQueues: 4});
	});

	it('answers null for a topic that does not exist', async () => {
		expect(await describeTopic(nameServer, 'obsync_test_no_such_topic')).toBeNull();
	});

	it('describes several topics at once', async () => {
		const described = await describeTopics(nameServer, [
			'obsync_test_fifo',
			'obsync_test_fifo_b',
			'obsync_test_normal',
			'obsync_test_missing',
		]);
		expect([...described.keys()]).toEqual(['obsync_test_fifo', 'obsync_test_fifo_b', 'obsync_test_normal', 'obsync_test_missing']);
		expect(described.get('obsync_test_fifo_b')?.messageType).toBe('FIFO');
		expect(described.get('obsync_test_normal')?.messageType).toBe('NORMAL');
		expect(described.get('obsync_test_missing')).toBeNull();
		expect(await describeTopics(nameServer, [])).toEqual(new Map());
	});

	it('uses the next name server of a list when the first is down', async () => {
		expect(await listTopics(`127.0.0.1:1;${nameServer}`)).toContain('obsync_test_fifo');
	});

	it('fails with a ConnectionError naming an unreachable name server, with a hint', async () => {
		const error = await listTopics('127.0.0.1:1').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConnectionError);
		expect((error as ConnectionError).message).toContain('127.0.0.1:1');
		expect((error as ConnectionError).hint).toMatch(/name server address/);
		await expect(describeTopic('127.0.0.1:1', 'obsync_test_fifo')).rejects.toBeInstanceOf(ConnectionError);
	});

	it('tells a broker port from a name server', async () => {
		const error = await listTopics(rocketmqService.broker).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).hint).toMatch(/name server's remoting address/);
	});
});
