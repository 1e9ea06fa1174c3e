/**
 * The sync engine: binlog source -> schema -> selection, row filter and columns -> format -> ordered RocketMQ sink
 * -> checkpoint. The dashboard and the headless mode drive the same engine and watch it through `subscribe` (events)
 * and `snapshot()` (numbers). No UI here.
 *
 * Delivery is at-least-once: the checkpoint only moves over messages RocketMQ acked, with all earlier ones (to the
 * end of a transaction, or inside one); after a crash, reading resumes there and what was in flight is sent again
 * with the same event ids.
 *
 * The parts (run/): the coordinator (lifecycle and start), the dispatcher (source items -> messages and tracker
 * entries), the checkpoint tracker and writer (checkpoint/), the event bus; the source is injectable like the sink.
 */
import type {EngineListener, EngineSnapshot, EngineState, ErrorInfo} from './engine-events.js';
import {destinationTransport, type Project} from './project/project-schema.js';
import type {SourceFactory} from './run/change-source.js';
import {Coordinator} from './run/coordinator.js';
import {EventBus} from './run/event-bus.js';
import {remotingSink} from './sink/remoting-sink.js';
import {rocketmqSink} from './sink/rocketmq-sink.js';
import type {Logger, SinkFactory} from './sink/sink.js';

export type EngineOptions = {
	/** Where the checkpoint is kept (written atomically, mode 0600). */
	readonly checkpointFile: string;
	/** Continue from the saved checkpoint (fails when there is none) instead of the project's start timestamp. */
	readonly resume?: boolean;
	/** Aborting it stops the engine as stop() does: in-flight messages drained, checkpoint saved. */
	readonly signal?: AbortSignal;
	readonly logger?: Logger;
	/** Where messages go. @default RocketMQ, from the project's destination */
	readonly sink?: SinkFactory;
	/** Where changes come from. @default the project's binlog, typed by its schema */
	readonly source?: SourceFactory;
	/** Environment for `${ENV}` secrets. @default process.env */
	readonly env?: NodeJS.ProcessEnv;
	/** @default 1000 */
	readonly statusIntervalMs?: number;
	/**
	 * Least time between two checkpoint writes while running (always written at the end). With 0, each write starts
	 * as soon as the previous one is done and saves the newest acked boundary, so a crash replays little more
	 * than what was in flight. @default 0
	 */
	readonly checkpointIntervalMs?: number;
	/** Messages sent and not yet acked, at most. @default 512 */
	readonly maxInFlight?: number;
	/** Time stop() waits for in-flight messages before giving up on them (they are sent again on resume). @default 30000 */
	readonly drainTimeoutMs?: number;
	/** Heartbeat period asked of the source; bounds how long "caught up" takes to show. @default 2 */
	readonly heartbeatSeconds?: number;
};

export type EngineResult = {readonly state: 'stopped' | 'failed'; readonly error?: ErrorInfo};

export type Engine = {
	readonly state: EngineState;
	snapshot(): EngineSnapshot;
	/** Returns the function that unsubscribes. */
	subscribe(listener: EngineListener): () => void;
	pause(): void;
	resume(): void;
	/** Stops reading, drains in-flight messages, saves the checkpoint; resolves with the outcome. */
	stop(): Promise<EngineResult>;
	/** Settles when the engine has stopped or failed. */
	readonly done: Promise<EngineResult>;
};

const silent: Logger = {debug() {}, info() {}, warn() {}, error() {}};

/**
 * Wires the parts: the coordinator runs the lifecycle, the event bus tells subscribers, and the snapshot reads the
 * numbers of the parts that exist so far.
 */
export function createEngine(project: Project, options: EngineOptions): Engine {
	const logger = options.logger ?? silent;
	const bus = new EventBus(logger);
	const coordinator = new Coordinator(
		project,
		{
			checkpointFile: options.checkpointFile,
			resume: options.resume ?? false,
			env: options.env,
			logger,
			sink: (resolved) => options.sink ?? defaultSink(resolved),
			source: options.source,
			checkpointIntervalMs: options.checkpointIntervalMs ?? 0,
			maxInFlight: options.maxInFlight ?? 512,
			drainTimeoutMs: options.drainTimeoutMs ?? 30_000,
			heartbeatSeconds: options.heartbeatSeconds ?? 2,
		},
		bus,
	);
	const snapshot = (): EngineSnapshot => {
		const {stats} = coordinator;
		const now = Date.now();
		return {
			project: project.name,
			state: bus.state,
			startedAt: coordinator.startedAt,
			position: coordinator.dispatcher?.position ?? coordinator.from,
			checkpoint: coordinator.writer?.current ?? null,
			lagSeconds: stats.lagSeconds(now),
			rates: {rowsPerSecond: round(stats.rows.rate()), messagesPerSecond: round(stats.messages.rate())},
			totals: {...stats.totals},
			tables: Object.fromEntries([...stats.tables].map(([name, counts]) => [name, {...counts}])),
			topics: Object.fromEntries(stats.topics),
			inFlight: coordinator.sender?.pending ?? 0,
			retries: stats.retries,
			reconnects: stats.reconnects,
			errors: [...bus.errors],
		};
	};

	const statusTimer = setInterval(() => {
		coordinator.stats.tick(Date.now());
		if (bus.state === 'running' || bus.state === 'paused') bus.emit({type: 'status', snapshot: snapshot()});
	}, options.statusIntervalMs ?? 1000);
	statusTimer.unref?.();

	const onAbort = () => void engine.stop();
	options.signal?.addEventListener('abort', onAbort, {once: true});

	const done: Promise<EngineResult> = (async () => {
		// Let the caller subscribe before anything happens.
		await Promise.resolve();
		try {
			const result = await coordinator.run();
			bus.setState(result.state);
			return result;
		} finally {
			clearInterval(statusTimer);
			options.signal?.removeEventListener('abort', onAbort);
			coordinator.stats.tick(Date.now());
		}
	})();

	const engine: Engine = {
		get state() {
			return bus.state;
		},
		snapshot,
		subscribe: (listener) => bus.subscribe(listener),
		pause() {
			if (bus.state !== 'running') return;
			coordinator.gate.close();
			bus.setState('paused');
		},
		resume() {
			if (bus.state !== 'paused') return;
			coordinator.gate.open();
			bus.setState('running');
		},
		async stop() {
			if (bus.state === 'starting' || bus.state === 'running' || bus.state === 'paused') {
				bus.setState('stopping');
				coordinator.gate.open();
				coordinator.inner.abort();
			}
			return done;
		},
		done,
	};
	return engine;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The project's RocketMQ sink, by its transport. */
function defaultSink(project: Project): SinkFactory {
	const {destination, options} = project;
	const common = {
		destination,
		producerGroup: options.producerGroup,
		messageTracing: options.messageTracing,
		traceTopic: options.traceTopic,
	};
	if (destinationTransport(destination) === 'grpc') return rocketmqSink(common);
	return remotingSink({...common, batch: {maxMessages: destination.batchMaxMessages, maxBytes: destination.batchMaxBytes}});
}
