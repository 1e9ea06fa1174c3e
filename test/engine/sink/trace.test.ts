import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import {remotingSink} from '../../../source/engine/sink/remoting-sink.js';
import {rocketmqSink} from '../../../source/engine/sink/rocketmq-sink.js';
import {messageGroup} from '../../../source/engine/sink/sharding.js';
import type {Logger} from '../../../source/engine/sink/sink.js';
import {MessageType, messageTracer, pubTraceRecord, traceMessage} from '../../../source/engine/sink/trace.js';
import {quietRocketmqLogger, rocketmqService} from '../../helpers/services.js';
import {mqadmin} from '../../services/rocketmq.mjs';

const trace = {
	timestamp: 1_700_000_000_123,
	groupName: 'obsync',
	topic: 'shop_orders',
	messageId: '01A1B2C3D4E5F60000000000AB',
	tag: 'default_tag',
	keys: ['shop.orders:1001', 'e1'],
	storeHost: '127.0.0.1:8081',
	bodyLength: 42,
	costTime: 7,
	messageType: MessageType.order,
	success: true,
};

const message = (run: string): OutgoingMessage => ({
	topic: 'obsync_test_fifo',
	body: Buffer.from(JSON.stringify({run})),
	tag: 'default_tag',
	keys: [`shop.orders:${run}`, `event-${run}`],
	messageGroup: messageGroup('shop', 'orders', [run]),
	properties: new Map([['obsync_run', run]]),
	eventId: `event-${run}`,
});

describe('message tracing', () => {
	it("writes the Java client's Pub record: 14 fields split by \\u0001, ended by \\u0002", () => {
		expect(pubTraceRecord(trace)).toBe(
			'Pub\u00011700000000123\u0001DefaultRegion\u0001obsync\u0001shop_orders\u000101A1B2C3D4E5F60000000000AB\u0001default_tag' +
				'\u0001shop.orders:1001 e1\u0001127.0.0.1:8081\u000142\u00017\u00014\u0001\u0001true\u0002',
		);
		expect(pubTraceRecord({...trace, tag: undefined, keys: ['a\u0001b'], messageType: MessageType.normal, success: false})).toBe(
			'Pub\u00011700000000123\u0001DefaultRegion\u0001obsync\u0001shop_orders\u000101A1B2C3D4E5F60000000000AB\u0001' +
				'\u0001a_b\u0001127.0.0.1:8081\u000142\u00017\u00010\u0001\u0001false\u0002',
		);
		const sent = traceMessage('obsync_msg_trace', trace);
		expect({...sent, body: sent.body.toString('utf8')}).toEqual({
			topic: 'obsync_msg_trace',
			body: pubTraceRecord(trace),
			keys: ['01A1B2C3D4E5F60000000000AB', 'shop.orders:1001', 'e1'],
		});
	});

	it('waits for trace sends in flush, and only logs one that fails', async () => {
		const warnings: object[] = [];
		const logger: Logger = {debug() {}, info() {}, error() {}, warn: (object) => warnings.push(object)};
		let finished = 0;
		const tracer = messageTracer({
			traceTopic: 't',
			groupName: 'g',
			logger,
			send: async (m) => {
				await sleep(50);
				if (m.keys?.[0] === 'bad') throw new Error('proxy said no');
				finished++;
			},
		});
		const m = message('unit');
		tracer.record(m, {messageId: 'good', endpoints: {facade: 'h:1'}}, Date.now());
		tracer.record(m, {messageId: 'bad', endpoints: {facade: 'h:1'}}, Date.now());
		await tracer.flush();
		expect(finished).toBe(1);
		expect(warnings).toMatchObject([{component: 'trace', messageId: 'bad', traceTopic: 't'}]);
	});

	it('against RocketMQ: mqadmin queryMsgTraceById shows the Pub trace of a sent message', async () => {
		const logger: Logger = {...quietRocketmqLogger};
		const factory = rocketmqSink({
			destination: {endpoints: rocketmqService.endpoints, namespace: '', tls: false},
			producerGroup: 'obsync_trace_test',
			messageTracing: true,
			traceTopic: 'obsync_test_trace',
		});
		const sink = await factory({topics: ['obsync_test_fifo'], signal: new AbortController().signal, logger});
		let messageId: string;
		try {
			({messageId} = await sink.send(message(randomUUID())));
		} finally {
			await sink.close();
		}
		// The broker builds its key index asynchronously: poll until the trace shows.
		const args = ['queryMsgTraceById', '-n', rocketmqService.namesrv, '-i', messageId, '-t', 'obsync_test_trace'];
		let output = '';
		for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(1000)) {
			output = await mqadmin(args);
			if (/^Pub\s+obsync_trace_test\s/m.test(output)) break;
		}
		// Columns: #Type #ProducerGroup #ClientHost #SendTime #CostTimes #Status. TraceView lists only records whose
		// msgId equals the -i argument, so a Pub line means the message id matched.
		expect(output, output).toMatch(/#Type\s+#ProducerGroup\s+#ClientHost\s+#SendTime\s+#CostTimes\s+#Status/);
		expect(output, output).toMatch(/^Pub\s+obsync_trace_test\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+ms\s+success/m);
	}, 60_000);
});

describe('message tracing over remoting', () => {
	it('writes where the Java tracer does: mqadmin queryMsgTraceById finds the Pub trace without naming a topic', async () => {
		const factory = remotingSink({
			destination: {nameServer: rocketmqService.namesrv, namespace: '', tls: false},
			producerGroup: 'obsync_trace_remoting',
			messageTracing: true,
		});
		const sink = await factory({topics: ['obsync_test_fifo'], signal: new AbortController().signal, logger: quietRocketmqLogger});
		let messageId: string;
		try {
			({messageId} = await sink.send(message(randomUUID())));
		} finally {
			await sink.close();
		}
		const args = ['queryMsgTraceById', '-n', rocketmqService.namesrv, '-i', messageId];
		let output = '';
		for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(1000)) {
			output = await mqadmin(args);
			if (/^Pub\s+obsync_trace_remoting\s/m.test(output)) break;
		}
		expect(output, output).toMatch(/^Pub\s+obsync_trace_remoting\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+ms\s+success/m);
	}, 60_000);
});
