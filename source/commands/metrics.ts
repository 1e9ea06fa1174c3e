/**
 * `--metrics-port`: Prometheus metrics of a headless run, served at /metrics (prom-client). Every value is read
 * from the engine's snapshot when Prometheus scrapes, so the metrics and the status lines never disagree.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {Counter, Gauge, Registry} from 'prom-client';
import type {Engine} from '../engine/engine.js';
import {ENGINE_STATES} from '../engine/engine-events.js';

export function metricsRegistry(engine: Engine): Registry {
	const registry = new Registry();
	const snapshot = () => engine.snapshot();
	new Gauge({
		name: 'obsync_lag_seconds',
		help: 'Seconds between the last source commit processed and now (0 when caught up)',
		registers: [registry],
		collect() {
			const lag = snapshot().lagSeconds;
			if (lag !== null) this.set(lag);
		},
	});
	new Gauge({
		name: 'obsync_state',
		help: 'Engine state (1 for the current one)',
		labelNames: ['state'],
		registers: [registry],
		collect() {
			const {state} = snapshot();
			for (const name of ENGINE_STATES) this.set({state: name}, name === state ? 1 : 0);
		},
	});
	new Gauge({
		name: 'obsync_in_flight_messages',
		help: 'Messages sent and not yet acked',
		registers: [registry],
		collect() {
			this.set(snapshot().inFlight);
		},
	});
	new Counter({
		name: 'obsync_row_changes_total',
		help: 'Row changes sent, and those filtered out, by source table and operation',
		labelNames: ['table', 'operation'],
		registers: [registry],
		collect() {
			this.reset();
			for (const [table, counts] of Object.entries(snapshot().tables)) {
				for (const [operation, value] of Object.entries(counts)) if (value > 0) this.inc({table, operation}, value);
			}
		},
	});
	new Counter({
		name: 'obsync_messages_acked_total',
		help: 'Messages RocketMQ acked, by topic',
		labelNames: ['topic'],
		registers: [registry],
		collect() {
			this.reset();
			for (const [topic, value] of Object.entries(snapshot().topics)) this.inc({topic}, value);
		},
	});
	new Counter({
		name: 'obsync_transactions_total',
		help: 'Source transactions read',
		registers: [registry],
		collect() {
			this.reset();
			this.inc(snapshot().totals.transactions);
		},
	});
	new Counter({
		name: 'obsync_send_retries_total',
		help: 'Sends retried after a retriable RocketMQ error',
		registers: [registry],
		collect() {
			this.reset();
			this.inc(snapshot().retries);
		},
	});
	new Counter({
		name: 'obsync_source_reconnects_total',
		help: 'Reconnections to the binlog source',
		registers: [registry],
		collect() {
			this.reset();
			this.inc(snapshot().reconnects);
		},
	});
	new Gauge({
		name: 'obsync_checkpoint_commit_timestamp_seconds',
		help: 'Source commit time of the transaction the saved checkpoint follows',
		registers: [registry],
		collect() {
			const checkpoint = snapshot().checkpoint;
			if (checkpoint) this.set(checkpoint.commitTime);
		},
	});
	return registry;
}

/** Serves /metrics; resolves with the server once it listens. */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<http.Server> {
	const server = http.createServer(async (request, response) => {
		if (request.url?.split('?')[0] !== '/metrics') {
			response.writeHead(404, {'content-type': 'text/plain'}).end('obsync serves /metrics only\n');
			return;
		}
		try {
			const body = await registry.metrics();
			response.writeHead(200, {'content-type': registry.contentType}).end(body);
		} catch (error) {
			response.writeHead(500, {'content-type': 'text/plain'}).end(`${(error as Error).message}\n`);
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	return server;
}

export const metricsAddress = (server: http.Server) => server.address() as AddressInfo;
