/**
 * The engine's lifecycle (Debezium's embedded engine splits it the same way): start the parts, read the source
 * through the dispatcher until stopped, then drain what is in flight and write the last checkpoint. States:
 * starting → running ⇄ paused → stopping → stopped, or failed from any of them.
 *
 * Starting runs the slow parts at once, not one after the other: where reading starts (a query on the source), the
 * check of every object against the live schema and of the topics, and the sink's start (name server, brokers).
 */
import {type Checkpoint, loadCheckpoint, tightenCheckpointMode} from '../checkpoint/checkpoint-store.js';
import {CheckpointTracker} from '../checkpoint/checkpoint-tracker.js';
import {CheckpointWriter} from '../checkpoint/checkpoint-writer.js';
import type {EngineResult} from '../engine.js';
import {ConfigError} from '../errors.js';
import {ObjectPlans} from '../pipeline/object-plan.js';
import type {Project} from '../project/project-schema.js';
import {literalSecrets, resolveSecrets} from '../project/secrets.js';
import {OrderedSender} from '../sink/ordered-sender.js';
import type {Logger, RetryInfo, Sink, SinkFactory} from '../sink/sink.js';
import {EngineStats} from '../stats.js';
import {binlogSource, type SourceFactory} from './change-source.js';
import {Dispatcher} from './dispatcher.js';
import type {EventBus} from './event-bus.js';
import {PauseGate} from './pause-gate.js';
import {startAll} from './start-all.js';

export type CoordinatorOptions = {
	readonly checkpointFile: string;
	readonly resume: boolean;
	readonly env: NodeJS.ProcessEnv | undefined;
	readonly logger: Logger;
	readonly sink: (project: Project) => SinkFactory;
	readonly source: SourceFactory | undefined;
	readonly checkpointIntervalMs: number;
	readonly maxInFlight: number;
	readonly drainTimeoutMs: number;
	readonly heartbeatSeconds: number;
};

export class Coordinator {
	readonly stats = new EngineStats();
	readonly gate = new PauseGate();
	/** Aborted to stop reading: by stop(), or by a fatal error. */
	readonly inner = new AbortController();
	startedAt: string | null = null;
	sender: OrderedSender | undefined;
	writer: CheckpointWriter | undefined;
	dispatcher: Dispatcher | undefined;
	/** Where reading started, until the dispatcher knows better. */
	from: {file: string; position: number} | null = null;
	private fatal: unknown;

	constructor(
		private readonly project: Project,
		private readonly options: CoordinatorOptions,
		private readonly bus: EventBus,
	) {}

	/** Stops reading because of `error` (the first one is the one reported). */
	fail = (error: unknown): void => {
		this.fatal ??= error;
		this.gate.open();
		this.inner.abort();
	};

	async run(): Promise<EngineResult> {
		try {
			await this.work();
			return {state: 'stopped'};
		} catch (error) {
			// Stopped while starting (connecting, resolving the start): a stop, not a failure.
			if (!this.fatal && this.inner.signal.aborted) return {state: 'stopped'};
			return {state: 'failed', error: this.bus.recordError(this.fatal ?? error, true)};
		}
	}

	private async work(): Promise<void> {
		const {options, bus, stats, inner} = this;
		const {logger} = options;
		const resolved = resolveSecrets(this.project, options.env);
		bus.secrets = literalSecrets(resolved);
		const plans = new ObjectPlans(resolved.objects);
		const source = (options.source ?? binlogSource)(resolved, {
			select: (database, table) => plans.selected(database, table) !== undefined,
			heartbeatSeconds: options.heartbeatSeconds,
		});

		let saved: Checkpoint | null = null;
		if (options.resume) {
			saved = await loadCheckpoint(options.checkpointFile);
			if (!saved) {
				throw new ConfigError(`project ${this.project.name} has no checkpoint to resume from (${options.checkpointFile})`, {
					hint: 'run it once without --resume: it starts from the project start timestamp (default: now)',
				});
			}
			const opened = await tightenCheckpointMode(options.checkpointFile);
			if (opened) bus.recordError(new ConfigError(opened, {hint: 'find out who changed its mode: obsync writes it 0600'}), false);
		}
		const onRetry = ({topic, attempt, error}: RetryInfo) => {
			stats.retries++;
			const info = bus.info(error);
			logger.warn({attempt, topic, error: info}, 'send failed, retrying');
			bus.emit({type: 'retry', attempt, topic, error: info});
		};
		let sink: Sink | undefined;
		try {
			const at = resolved.options.startTimestamp;
			const spec = saved
				? ({kind: 'checkpoint', file: saved.file, position: saved.position} as const)
				: at === undefined
					? ({kind: 'now'} as const)
					: ({kind: 'timestamp', at} as const);
			const started = await startAll(
				{
					start: () => source.resolveStart(spec, inner.signal),
					check: () => source.check(inner.signal),
					sink: () => options.sink(resolved)({topics: plans.topics, signal: inner.signal, logger, onRetry}),
				},
				logger,
			);
			sink = started.sink;
			const start = started.start;
			this.from = start;

			const writer = new CheckpointWriter({
				file: options.checkpointFile,
				minIntervalMs: options.checkpointIntervalMs,
				initial: saved,
				onError: this.fail,
				onCovered: (covered) => this.sender?.release(covered),
				onSaved: (checkpoint, ms) => {
					logger.debug({checkpoint, ms: Math.round(ms)}, 'checkpoint saved');
					bus.emit({type: 'checkpoint', checkpoint});
				},
			});
			this.writer = writer;
			const drainAbort = new AbortController();
			const activeSink = sink;
			const sender = new OrderedSender({
				send: (message) => activeSink.send(message),
				pipelined: activeSink.pipelined,
				releasedByCheckpoint: true,
				maxInFlight: options.maxInFlight,
				signal: drainAbort.signal,
				onRetry,
			});
			this.sender = sender;
			const tracker = new CheckpointTracker((advance) => writer.offer(advance));
			const dispatcher = new Dispatcher({
				plans,
				operations: new Set(resolved.operations),
				dbType: resolved.source.flavor === 'oceanbase' ? 'OB_MYSQL' : 'MYSQL',
				format: resolved.options.format,
				formatOptions: {
					businessId: resolved.options.businessId,
					intraTransactionSequence: resolved.options.intraTransactionSequence,
					now: Date.now,
				},
				tag: resolved.options.tag,
				ddl: resolved.options.ddl,
				tracker,
				stats,
				settledThrough: (through) => sender.settledThrough(through),
				admit: async (message) => {
					const admitted = await sender.admit(message);
					admitted.acked.then(
						() => stats.acked(message.topic),
						(error) => {
							if (!drainAbort.signal.aborted) this.fail(error);
						},
					);
					return admitted;
				},
				inFlight: () => sender.pending,
				resumeWithin: saved?.transaction,
				logger,
			});
			this.dispatcher = dispatcher;
			// A first run records where it started, so that --resume works even before the first change.
			if (!saved) await writer.writeNow({resume: start, gtid: null, commitTime: Math.floor(Date.now() / 1000)});

			this.startedAt = new Date().toISOString();
			bus.emit({type: 'started', from: start, resumed: saved !== null});
			if (bus.state === 'starting') bus.setState('running');
			try {
				const items = source.read({
					start,
					signal: inner.signal,
					onReconnect: ({attempt, error}) => {
						stats.reconnects++;
						const info = bus.info(error);
						logger.warn({attempt, error: info}, 'source connection lost, reconnecting');
						bus.emit({type: 'reconnect', attempt, error: info});
					},
				});
				for await (const item of items) {
					if (inner.signal.aborted) break;
					await this.gate.wait();
					if (inner.signal.aborted) break;
					await dispatcher.handle(item);
				}
				if (this.fatal) throw this.fatal;
				if (dispatcher.skipped > 0) logger.info({skipped: dispatcher.skipped}, 'row changes acked before were not sent again');
				// Stopping: what was sent is drained (within a time limit; a DDL waiting for its table's earlier messages
				// is sent first), then the last checkpoint is written.
				const drained = await withTimeout(
					dispatcher.settled().then(() => sender.drain()),
					options.drainTimeoutMs,
				);
				if (!drained) {
					drainAbort.abort();
					logger.warn({inFlight: sender.pending}, 'in-flight messages not acked in time; they are sent again on resume');
				}
			} finally {
				await writer.flush().catch((error) => bus.recordError(error, false));
			}
			if (this.fatal) throw this.fatal;
		} finally {
			await sink?.close().catch(() => {});
			await source.close();
		}
	}
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
