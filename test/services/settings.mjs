// @ts-check
/**
 * Where the test services live and listen. Every port is on 127.0.0.1 only and chosen away from the
 * stock ports (3306, 9876, 8080/8081, 10909-10912) so that a developer's own servers are never touched.
 * Each value can be overridden through the environment variable named beside it.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const env = (/** @type {string} */ name, /** @type {string} */ fallback) => process.env[name] ?? fallback;
const port = (/** @type {string} */ name, /** @type {number} */ fallback) => Number.parseInt(env(name, String(fallback)), 10);

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored folder with every service's data, logs and pid files. */
export const servicesDir = env('OBSYNC_SERVICES_DIR', path.join(projectRoot, '.services'));

export const host = '127.0.0.1';

export const mariadb = {
	port: port('OBSYNC_TEST_MARIADB_PORT', 23306),
	dir: path.join(servicesDir, 'mariadb'),
	serverId: 4242,
	/** The user tests and obsync connect as: SELECT, REPLICATION SLAVE/CLIENT and DDL/DML on test databases. */
	user: 'obsync',
	password: 'obsync-test-pw',
	database: 'obsync_test',
};

export const rocketmq = {
	version: '5.3.3',
	namesrvPort: port('OBSYNC_TEST_RMQ_NAMESRV_PORT', 29876),
	/** gRPC proxy endpoint: what rocketmq-client-nodejs talks to. */
	proxyPort: port('OBSYNC_TEST_RMQ_PROXY_PORT', 28081),
	proxyRemotingPort: port('OBSYNC_TEST_RMQ_PROXY_REMOTING_PORT', 28080),
	/** The broker also binds brokerPort - 2 (fast channel) and brokerPort + 1 (HA). */
	brokerPort: port('OBSYNC_TEST_RMQ_BROKER_PORT', 20911),
	cluster: 'DefaultCluster',
	brokerName: 'broker-a',
	dir: path.join(servicesDir, 'rocketmq'),
	pomDir: path.join(projectRoot, 'test', 'services', 'rocketmq'),
};

/** RocketMQ 4.9.7 (name server and broker; 4.x has no proxy) for the remoting producer's tests against a 4.x broker. */
export const rocketmq4 = {
	version: '4.9.7',
	namesrvPort: port('OBSYNC_TEST_RMQ4_NAMESRV_PORT', 29877),
	/** The broker also binds brokerPort - 2 (fast channel) and brokerPort + 1 (HA). */
	brokerPort: port('OBSYNC_TEST_RMQ4_BROKER_PORT', 21911),
	cluster: 'DefaultCluster4',
	brokerName: 'broker-4',
	dir: path.join(servicesDir, 'rocketmq4'),
	pomDir: path.join(projectRoot, 'test', 'services', 'rocketmq4'),
};

/**
 * Topics every test run may rely on. FIFO topics carry `message.type=FIFO`; one NORMAL topic is for negative tests,
 * and `obsync_test_trace` (NORMAL) receives message trace records.
 */
export const topics = [
	{name: 'obsync_test_fifo', type: 'FIFO', queues: 8},
	{name: 'obsync_test_fifo_b', type: 'FIFO', queues: 8},
	{name: 'obsync_test_normal', type: 'NORMAL', queues: 4},
	{name: 'obsync_test_trace', type: 'NORMAL', queues: 4},
	// Benchmarks only: their tens of thousands of messages stay out of the topics the tests consume.
	{name: 'obsync_bench_fifo', type: 'FIFO', queues: 8},
];

/** Consumer groups: `orderly` groups consume FIFO topics in order (consumeMessageOrderly=true). */
export const groups = [
	{name: 'obsync_test_fifo_group', orderly: true},
	{name: 'obsync_test_group', orderly: false},
	{name: 'obsync_bench_group', orderly: true},
];
