/**
 * The remoting sink against the real brokers: RocketMQ 5.3 (read back by a gRPC FIFO consumer through the proxy and
 * by a Java orderly consumer over remoting) and RocketMQ 4.9.7 (remoting only, read back by the Java consumer).
 */
import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {SinkError} from '../../../source/engine/errors.js';
import {queueIndexForGroup} from '../../../source/engine/remoting/queue-selection.js';
import type {OutgoingMessage} from '../../../source/engine/sink/envelope.js';
import {OrderedSender} from '../../../source/engine/sink/ordered-sender.js';
import {remotingSink} from '../../../source/engine/sink/remoting-sink.js';
import {rocketmqSink} from '../../../source/engine/sink/rocketmq-sink.js';
import {messageGroup} from '../../../source/engine/sink/sharding.js';
import type {Sink, SinkFactory} from '../../../source/engine/sink/sink.js';
import {type ConsumedMessage, consumeOrderly} from '../../helpers/java-tools.js';
import {consumeUntil} from '../../helpers/rocketmq.js';
import {rocketmq4Service, rocketmqService} from '../../helpers/services.js';

const topic = 'obsync_test_fifo';
const javaGroup = 'obsync_test_java_orderly_group';
const quiet = {debug() {}, info() {}, warn() {}, error() {}};
const destination = (nameServer: string) => ({nameServer, namespace: '', tls: false});

const message = (run: string, key: number, seq: number): OutgoingMessage => ({
	topic,
	body: Buffer.from(JSON.stringify({run, key, seq, text: 'ünïcode ✓'})),
	tag: 'default_tag',
	keys: [`shop.orders:${key}`, `${run}-${key}-${seq}`],
	messageGroup: messageGroup('shop', 'orders', [`${run}-${key}`]),
	properties: new Map([
		['obsync_event_id', `${run}-${key}-${seq}`],
		['obsync_run', run],
	]),
	eventId: `${run}-${key}-${seq}`,
});

async function open(factory: SinkFactory, topics = [topic]): Promise<Sink> {
	return factory({topics, signal: new AbortController().signal, logger: quiet});
}

/** Sends through the ordered sender as the engine does; returns the sink's message id per event id. */
async function sendAll(sink: Sink, messages: readonly OutgoingMessage[]): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	const sender = new OrderedSender({
		send: async (m) => ids.set(m.eventId, (await sink.send(m)).messageId),
		pipelined: sink.pipelined,
		maxInFlight: 512,
	});
	for (const m of messages) await sender.admit(m);
	await sender.drain();
	return ids;
}

/** What a consumer must see the same whatever the transport: body, keys, tag, message group, user properties. */
const seen = (
	body: Buffer,
	keys: readonly string[],
	tag: string | undefined,
	group: string | undefined,
	properties: Map<string, string>,
) => ({
	body: body.toString('utf8'),
	keys: [...keys],
	tag,
	group,
	eventId: properties.get('obsync_event_id'),
	producerGroup: properties.get('obsync_producer_group'),
});

const javaView = (m: ConsumedMessage) =>
	seen(m.body, (m.keys ?? '').split(' '), m.tags ?? undefined, m.properties.__SHARDINGKEY, new Map(Object.entries(m.properties)));

function inOrderPerKey(bodies: readonly string[], keys: number, updates: number): void {
	const byKey = new Map<number, number[]>();
	for (const body of bodies) {
		const {key, seq} = JSON.parse(body) as {key: number; seq: number};
		byKey.set(key, [...(byKey.get(key) ?? []), seq]);
	}
	const inOrder = Array.from({length: updates}, (_, i) => i);
	for (let key = 0; key < keys; key++) expect(byKey.get(key), `key ${key}`).toEqual(inOrder);
}

describe('the remoting sink, RocketMQ 5.3', () => {
	it('sends what the gRPC sink sends: gRPC FIFO and Java orderly consumers see the same bodies, keys, tags, groups and event ids, each group on the queue the proxy picks', async () => {
		const run = randomUUID();
		const startedAt = Date.now();
		const viaRemoting = Array.from({length: 24}, (_, i) => message(`${run}-r`, i % 6, Math.floor(i / 6)));
		const viaGrpc = Array.from({length: 24}, (_, i) => message(`${run}-g`, i % 6, Math.floor(i / 6)));
		// The same groups on both transports, so that their queues can be compared.
		const sameGroups = viaGrpc.map((m, i) => ({...m, messageGroup: viaRemoting[i]!.messageGroup}));
		const remoting = await open(remotingSink({destination: destination(rocketmqService.namesrv), producerGroup: 'obsync_test_pg'}));
		const grpc = await open(
			rocketmqSink({destination: {endpoints: rocketmqService.endpoints, namespace: '', tls: false}, producerGroup: 'obsync_test_pg'}),
		);
		try {
			await sendAll(remoting, viaRemoting);
			await sendAll(grpc, sameGroups);
		} finally {
			await remoting.close();
			await grpc.close();
		}

		const fromGrpc = new Map<string, ReturnType<typeof seen>>();
		await consumeUntil(topic, (m) => {
			const eventId = m.properties.get('obsync_event_id') ?? '';
			if (eventId.startsWith(run)) fromGrpc.set(eventId, seen(m.body, m.keys, m.tag, m.messageGroup, m.properties));
			return fromGrpc.size === 48;
		});
		const java = await consumeOrderly({
			namesrv: rocketmqService.namesrv,
			topic,
			group: javaGroup,
			count: 48,
			idleTimeoutMs: 20_000,
			from: {timestamp: startedAt - 5000},
			filter: run,
		});
		expect(java).toHaveLength(48);

		for (const [i, sent] of viaRemoting.entries()) {
			const expected = seen(
				sent.body,
				sent.keys,
				sent.tag,
				sent.messageGroup,
				new Map([...sent.properties, ['obsync_producer_group', 'obsync_test_pg']]),
			);
			expect(fromGrpc.get(sent.eventId)).toEqual(expected);
			expect(javaView(java.find((m) => m.properties.obsync_event_id === sent.eventId)!)).toEqual(expected);
			// The gRPC copy of the same change differs only in its run text.
			const twin = sameGroups[i]!;
			expect(fromGrpc.get(twin.eventId)?.group).toBe(expected.group);
		}
		// Both transports put a group on the same queue: the proxy's consistent hash over the 8 queues.
		for (const m of java) {
			expect(m.queueId, `group ${m.properties.__SHARDINGKEY}`).toBe(queueIndexForGroup(m.properties.__SHARDINGKEY!, 8));
		}
		// Java-format message ids (32 hex digits), one per message, unique.
		const remoteIds = java.filter((m) => m.properties.obsync_event_id!.startsWith(`${run}-r`)).map((m) => m.msgId);
		expect(new Set(remoteIds).size).toBe(24);
		for (const id of remoteIds) expect(id).toMatch(/^[0-9A-F]{32}$/);
	}, 120_000);

	it('keeps 64 keys updated 1,000 times each in commit order per key, in batches, read back by a Java orderly consumer', async () => {
		const run = randomUUID();
		const startedAt = Date.now();
		const sink = await open(remotingSink({destination: destination(rocketmqService.namesrv)}));
		const messages: OutgoingMessage[] = [];
		for (let seq = 0; seq < 1000; seq++) for (let key = 0; key < 64; key++) messages.push(message(run, key, seq));
		try {
			await sendAll(sink, messages);
		} finally {
			await sink.close();
		}
		const lanes = (sink as Sink & {lanes: {batches: number; messages: number}}).lanes;
		expect(lanes.messages).toBe(64_000);
		expect(lanes.batches).toBeLessThan(64_000 / 4); // many messages per batch, not one call per message
		const java = await consumeOrderly({
			namesrv: rocketmqService.namesrv,
			topic,
			group: javaGroup,
			count: 64_000,
			idleTimeoutMs: 20_000,
			from: {timestamp: startedAt - 5000},
			filter: run,
		});
		const bodies = java.map((m) => m.body.toString('utf8'));
		inOrderPerKey(bodies, 64, 1000);
	}, 600_000);

	it('keeps sending after the start signal is aborted (a stop drains through the sink), and refuses sends once closed', async () => {
		const start = new AbortController();
		const sink = await remotingSink({destination: destination(rocketmqService.namesrv)})({
			topics: [topic],
			signal: start.signal,
			logger: quiet,
		});
		start.abort();
		const run = randomUUID();
		await expect(sink.send(message(run, 1, 1))).resolves.toMatchObject({messageId: expect.stringMatching(/^[0-9A-F]{32}$/)});
		await sink.close();
		await expect(sink.send(message(run, 1, 2))).rejects.toThrow();
	});

	it('stops at start with what to do when a topic does not exist', async () => {
		const start = open(remotingSink({destination: destination(rocketmqService.namesrv)}), ['obsync_no_such_topic']);
		await expect(start).rejects.toThrow(SinkError);
		await expect(start).rejects.toMatchObject({
			message: `topic obsync_no_such_topic does not exist on the RocketMQ cluster of ${rocketmqService.namesrv}`,
			hint: 'create it (mqadmin updateTopic; FIFO: -a +message.type=FIFO on 5.x) or map the table to an existing topic',
		});
	});

	it('refuses a message larger than RocketMQ accepts before sending it, with what to do', async () => {
		const sink = await open(remotingSink({destination: destination(rocketmqService.namesrv)}));
		try {
			const huge = {...message(randomUUID(), 1, 1), body: Buffer.alloc(5 * 1024 * 1024, 'x')};
			const sending = sink.send(huge);
			await expect(sending).rejects.toThrow(SinkError);
			await expect(sending).rejects.toMatchObject({
				message: `a message of ${5 * 1024 * 1024} bytes is larger than RocketMQ accepts (maxMessageSize, 4194304 bytes)`,
			});
		} finally {
			await sink.close();
		}
	});
});

describe('the remoting sink, RocketMQ 4.9.7', () => {
	it('sends to a 4.x broker: a Java orderly consumer reads 16 keys × 200 updates in order, with their keys, tag, group and event ids', async () => {
		const run = randomUUID();
		const startedAt = Date.now();
		const sink = await open(remotingSink({destination: destination(rocketmq4Service.namesrv), producerGroup: 'obsync_test_pg'}));
		const messages: OutgoingMessage[] = [];
		for (let seq = 0; seq < 200; seq++) for (let key = 0; key < 16; key++) messages.push(message(run, key, seq));
		try {
			await sendAll(sink, messages);
		} finally {
			await sink.close();
		}
		const java = await consumeOrderly({
			namesrv: rocketmq4Service.namesrv,
			topic,
			group: javaGroup,
			count: messages.length,
			idleTimeoutMs: 20_000,
			from: {timestamp: startedAt - 5000},
			filter: run,
		});
		expect(java).toHaveLength(messages.length);
		inOrderPerKey(
			java.map((m) => m.body.toString('utf8')),
			16,
			200,
		);
		const first = messages[0]!;
		expect(javaView(java.find((m) => m.properties.obsync_event_id === first.eventId)!)).toEqual(
			seen(
				first.body,
				first.keys,
				first.tag,
				first.messageGroup,
				new Map([...first.properties, ['obsync_producer_group', 'obsync_test_pg']]),
			),
		);
		for (const m of java) expect(m.queueId).toBe(queueIndexForGroup(m.properties.__SHARDINGKEY!, 8));
	}, 180_000);
});

describe('the remoting sink over TLS', () => {
	it('speaks TLS to the name server and checks its certificate: the test broker’s self-signed one is refused with what to do', async () => {
		const start = open(remotingSink({destination: {...destination(rocketmqService.namesrv), tls: true}}));
		await expect(start).rejects.toMatchObject({
			name: 'ConfigError',
			message: `could not connect to the RocketMQ name server at ${rocketmqService.namesrv} over TLS: self-signed certificate`,
			hint: expect.stringContaining('NODE_EXTRA_CA_CERTS'),
		});
	});
});
