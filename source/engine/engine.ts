/**
 * The sync engine: binlog source -> schema -> selection, row filter and columns -> format -> ordered RocketMQ sink
 * -> checkpoint. The dashboard and the headless mode drive the same engine and watch it through `subscribe` (events)
 * and `snapshot()` (numbers). No UI here.
 *
 * Delivery is at-least-once: the checkpoint only moves to the end of a transaction whose messages, and all earlier
 * ones, RocketMQ acked; after a crash, reading resumes there and what was in flight is sent again with the same
 * event ids.
 */
import mysql from 'mysql2/promise';
import {readChanges} from './binlog/binlog-source.js';
import type {BinlogStart} from './binlog/binlog-stream.js';
import {resolveStart, type StartSpec} from './binlog/start-position.js';
import type {TransactionInfo} from './binlog/transactions.js';
import {type Checkpoint, loadCheckpoint, saveCheckpoint} from './checkpoint/checkpoint-store.js';
import {type Advance, CheckpointTracker, type TrackedTransaction} from './checkpoint/checkpoint-tracker.js';
import {type EngineEvent, type EngineListener, type EngineSnapshot, type EngineState, type ErrorInfo, errorInfo} from './engine-events.js';
import {ConfigError} from './errors.js';
import type {DdlRecord, FormatOptions} from './format/record.js';
import {ObjectPlans, objectKey} from './pipeline/object-plan.js';
import {passesFilter, toRecord} from './pipeline/to-records.js';
import {replicationOptions, sqlEndpoint} from './project/connections.js';
import {destinationTransport, type Project} from './project/project-schema.js';
import {literalSecrets, resolveSecrets, scrubSecrets} from './project/secrets.js';
import {type TypedOutput, withSchema} from './schema/apply-schema.js';
import {SchemaCache, tablesOfDdl} from './schema/schema-cache.js';
import {ddlMessage, type EnvelopeOptions, type OutgoingMessage, rowMessage, splitKeyChange} from './sink/envelope.js';
import {OrderedSender} from './sink/ordered-sender.js';
import {remotingSink} from './sink/remoting-sink.js';
import {rocketmqSink} from './sink/rocketmq-sink.js';
import type {Logger, RetryInfo, Sink, SinkFactory} from './sink/sink.js';
import {EngineStats} from './stats.js';

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

export function createEngine(project: Project, options: EngineOptions): Engine {
	const logger = options.logger ?? silent;
	const listeners = new Set<EngineListener>();
	const stats = new EngineStats();
	const errors: ErrorInfo[] = [];
	const inner = new AbortController();
	let state: EngineState = 'starting';
	let startedAt: string | null = null;
	let position: {file: string; position: number} | null = null;
	let checkpoint: Checkpoint | null = null;
	let sender: OrderedSender | undefined;
	let fatal: unknown;
	let gate: {promise: Promise<void>; open: () => void} | null = null;
	let secrets: string[] = [];

	/** Error text with any literal secret of the project scrubbed out (drivers echo what they were given). */
	const scrub = (info: ErrorInfo): ErrorInfo => {
		const clean = (text: string) => scrubSecrets(text, secrets);
		return {...info, message: clean(info.message), ...(info.hint ? {hint: clean(info.hint)} : {})};
	};
	const emit = (event: EngineEvent) => {
		for (const listener of listeners) {
			try {
				listener(event);
			} catch (error) {
				logger.error({err: error}, 'an engine listener threw');
			}
		}
	};
	const setState = (next: EngineState) => {
		if (next === state) return;
		const previous = state;
		state = next;
		logger.info({state: next, previous}, `engine ${next}`);
		emit({type: 'state', state: next, previous});
	};
	const recordError = (error: unknown, isFatal: boolean) => {
		const info = scrub(errorInfo(error));
		errors.push(info);
		if (errors.length > 10) errors.shift();
		logger[isFatal ? 'error' : 'warn']({error: info}, info.message);
		emit({type: 'error', error: info, fatal: isFatal});
		return info;
	};
	const fail = (error: unknown) => {
		fatal ??= error;
		gate?.open();
		inner.abort();
	};

	const snapshot = (): EngineSnapshot => {
		const now = Date.now();
		return {
			project: project.name,
			state,
			startedAt,
			position,
			checkpoint,
			lagSeconds: stats.lagSeconds(now),
			rates: {rowsPerSecond: round(stats.rows.rate()), messagesPerSecond: round(stats.messages.rate())},
			totals: {...stats.totals},
			tables: Object.fromEntries([...stats.tables].map(([name, counts]) => [name, {...counts}])),
			topics: Object.fromEntries(stats.topics),
			inFlight: sender?.pending ?? 0,
			retries: stats.retries,
			reconnects: stats.reconnects,
			errors: [...errors],
		};
	};

	// Checkpoints: the tracker says how far everything is acked; writes are one at a time, each of the newest boundary.
	let advanced: Advance | null = null;
	let saving: Promise<void> = Promise.resolve();
	let saveQueued = false;
	const scheduleSave = () => {
		if (saveQueued) return;
		saveQueued = true;
		saving = saving.then(async () => {
			saveQueued = false;
			if (advanced) await save(advanced);
			const gap = options.checkpointIntervalMs ?? 0;
			if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
		});
		saving.catch(fail);
	};
	const save = async (advance: Advance) => {
		if (checkpoint && checkpoint.file === advance.resume.file && checkpoint.position === advance.resume.position) return;
		const next: Checkpoint = {
			file: advance.resume.file,
			position: advance.resume.position,
			gtid: advance.gtid,
			commitTime: advance.commitTime,
			savedAt: new Date().toISOString(),
		};
		const started = performance.now();
		await saveCheckpoint(options.checkpointFile, next);
		checkpoint = next;
		logger.debug({checkpoint: next, ms: Math.round(performance.now() - started)}, 'checkpoint saved');
		emit({type: 'checkpoint', checkpoint: next});
	};

	const run = async (): Promise<void> => {
		const resolved = resolveSecrets(project, options.env);
		secrets = literalSecrets(resolved);
		const server = replicationOptions(resolved);
		const plans = new ObjectPlans(resolved.objects);
		const operations = new Set(resolved.operations);
		const dbType = resolved.source.flavor === 'oceanbase' ? 'OB_MYSQL' : 'MYSQL';
		const formatOptions: FormatOptions = {
			businessId: resolved.options.businessId,
			intraTransactionSequence: resolved.options.intraTransactionSequence,
			now: Date.now,
		};
		// One envelope setting per table plan, not an object spread per row.
		const envelopes = new WeakMap<object, EnvelopeOptions>();
		const envelopeOf = (plan: {readonly topic: string; readonly shardingColumns: readonly string[]}): EnvelopeOptions => {
			let envelope = envelopes.get(plan);
			if (!envelope) {
				envelope = {
					...formatOptions,
					format: resolved.options.format,
					topic: plan.topic,
					tag: resolved.options.tag,
					shardingColumns: plan.shardingColumns,
				};
				envelopes.set(plan, envelope);
			}
			return envelope;
		};

		// Where to start.
		let spec: StartSpec;
		if (options.resume) {
			const saved = await loadCheckpoint(options.checkpointFile);
			if (!saved) {
				throw new ConfigError(`project ${project.name} has no checkpoint to resume from (${options.checkpointFile})`, {
					hint: 'run it once without --resume: it starts from the project start timestamp (default: now)',
				});
			}
			checkpoint = saved;
			spec = {kind: 'checkpoint', file: saved.file, position: saved.position};
		} else {
			const at = resolved.options.startTimestamp;
			spec = at === undefined ? {kind: 'now'} : {kind: 'timestamp', at};
		}
		const start = await resolveStart(server, spec);
		if (!('file' in start)) throw new ConfigError('a GTID start is not supported by the engine');
		position = {file: start.file, position: start.position};

		const pool = mysql.createPool({...sqlEndpoint(resolved.source), connectionLimit: 2, supportBigNumbers: true, bigNumberStrings: true});
		const cache = new SchemaCache(async (sql, values) => (await pool.query(sql, values))[0] as Array<Record<string, unknown>>);
		let sink: Sink | undefined;
		try {
			const factory = options.sink ?? defaultSink(resolved);
			const onRetry = ({topic, attempt, error}: RetryInfo) => {
				stats.retries++;
				const info = scrub(errorInfo(error));
				logger.warn({attempt, topic, error: info}, 'send failed, retrying');
				emit({type: 'retry', attempt, topic, error: info});
			};
			sink = await factory({topics: plans.topics, signal: inner.signal, logger, onRetry});
			const activeSink = sink;
			const drainAbort = new AbortController();
			sender = new OrderedSender({
				send: (message) => activeSink.send(message),
				pipelined: activeSink.pipelined,
				maxInFlight: options.maxInFlight ?? 512,
				signal: drainAbort.signal,
				onRetry,
			});
			const tracker = new CheckpointTracker((advance) => {
				advanced = advance;
				scheduleSave();
			});
			// A first run records where it started, so that --resume works even before the first change.
			if (!options.resume) await save({resume: position, gtid: null, commitTime: Math.floor(Date.now() / 1000)});

			startedAt = new Date().toISOString();
			emit({type: 'started', from: position, resumed: Boolean(options.resume)});
			if (state === 'starting') setState('running');

			try {
				const source = readChanges({
					...server,
					start: start as BinlogStart,
					signal: inner.signal,
					heartbeatSeconds: options.heartbeatSeconds ?? 2,
					onReconnect: ({attempt, error}) => {
						stats.reconnects++;
						const info = scrub(errorInfo(error));
						logger.warn({attempt, error: info}, 'source connection lost, reconnecting');
						emit({type: 'reconnect', attempt, error: info});
					},
				});
				let open: {tracked: TrackedTransaction; info: TransactionInfo; sequence: number} | null = null;
				const send = async (message: OutgoingMessage, tracked: TrackedTransaction) => {
					const {acked} = await sender!.admit(message);
					stats.totals.messages++;
					acked.then(
						() => stats.acked(message.topic),
						(error) => {
							if (!drainAbort.signal.aborted) fail(error);
						},
					);
					tracker.track(tracked, acked);
				};
				const handle = async (item: TypedOutput) => {
					switch (item.kind) {
						case 'begin':
							stats.caughtUp = false;
							open = {tracked: tracker.begin(), info: item.transaction, sequence: 0};
							return;
						case 'rows': {
							if (!open) open = {tracked: tracker.begin(), info: item.transaction, sequence: 0};
							const current = open;
							for (const change of item.typed) {
								const plan = plans.plan(change.schema);
								if (!plan) continue;
								const key = objectKey(change.schema.database, change.schema.table);
								if (!operations.has(change.operation) || !passesFilter(change, plan)) {
									stats.count(key, 'filtered');
									continue;
								}
								current.sequence++;
								const record = toRecord(change, plan, {
									transactionId: current.info.id,
									sequence: current.sequence,
									eventTime: current.info.timestamp,
									dbType,
								});
								const envelope = envelopeOf(plan);
								const parts = splitKeyChange(record, plan.shardingColumns);
								for (const part of parts) {
									const origin = {
										file: change.at.file,
										position: change.at.position,
										rowIndex: change.rowIndex,
										part: parts.length > 1 ? (part.operation === 'delete' ? 'd' : 'i') : '',
									} as const;
									await send(rowMessage(part, origin, envelope), current.tracked);
								}
								stats.count(key, change.operation);
							}
							return;
						}
						case 'commit':
						case 'rollback': {
							const tracked = open?.tracked ?? tracker.begin();
							const commitTime = item.kind === 'commit' ? item.commitTime : item.transaction.timestamp;
							tracker.close(tracked, item.resume, item.transaction.gtid, commitTime);
							open = null;
							stats.totals.transactions++;
							stats.lastCommitTime = commitTime;
							position = item.resume;
							return;
						}
						case 'ddl': {
							const tracked = tracker.begin();
							if (resolved.options.ddl) {
								for (const name of tablesOfDdl(item.query, item.database) ?? []) {
									const [database, ...rest] = name.split('.');
									const object = plans.selected(database!, rest.join('.'));
									if (!object) continue;
									const record: DdlRecord = {
										kind: 'ddl',
										database: object.renameDatabase ?? object.database,
										table: object.renameTable ?? object.table,
										ddl: item.query,
										eventTime: item.timestamp,
										transactionId: null,
										dbType,
									};
									const origin = {file: item.at.file, position: item.at.position, rowIndex: 0};
									const envelope = {...formatOptions, format: resolved.options.format, topic: object.topic, shardingColumns: []};
									await send(ddlMessage(record, origin, {...envelope, tag: resolved.options.tag}), tracked);
									stats.count(name, 'ddl');
								}
							}
							tracker.close(tracked, item.resume, null, item.timestamp);
							stats.lastCommitTime = item.timestamp;
							position = item.resume;
							return;
						}
						case 'progress':
							if (item.at.position > 0 && !open) position = item.at;
							if (item.heartbeat && !open && (sender?.pending ?? 0) === 0) stats.caughtUp = true;
							return;
						case 'restart':
							// The connection dropped inside a transaction: it is read again from its start.
							if (open) tracker.abandon(open.tracked);
							open = null;
							return;
					}
				};
				const typed = withSchema(source, cache, {select: (database, table) => plans.selected(database, table) !== undefined});
				for await (const item of typed) {
					if (inner.signal.aborted) break;
					if (gate) await gate.promise;
					if (inner.signal.aborted) break;
					await handle(item);
				}
				if (fatal) throw fatal;
				// Stopping: what was sent is drained (within a time limit), then the last checkpoint is written.
				const drained = await withTimeout(sender.drain(), options.drainTimeoutMs ?? 30_000);
				if (!drained) {
					drainAbort.abort();
					logger.warn({inFlight: sender.pending}, 'in-flight messages not acked in time; they are sent again on resume');
				}
			} finally {
				await saving.catch(() => {});
				if (advanced) await save(advanced).catch((error) => recordError(error, false));
			}
			if (fatal) throw fatal;
		} finally {
			await sink?.close().catch(() => {});
			await pool.end().catch(() => {});
		}
	};

	const statusTimer = setInterval(() => {
		stats.tick(Date.now());
		if (state === 'running' || state === 'paused') emit({type: 'status', snapshot: snapshot()});
	}, options.statusIntervalMs ?? 1000);
	statusTimer.unref?.();

	const onAbort = () => void engine.stop();
	options.signal?.addEventListener('abort', onAbort, {once: true});

	const done: Promise<EngineResult> = (async () => {
		// Let the caller subscribe before anything happens.
		await Promise.resolve();
		try {
			await run();
			setState('stopped');
			return {state: 'stopped' as const};
		} catch (error) {
			// Stopped while starting (connecting, resolving the start): a stop, not a failure.
			if (!fatal && inner.signal.aborted) {
				setState('stopped');
				return {state: 'stopped' as const};
			}
			const info = recordError(fatal ?? error, true);
			setState('failed');
			return {state: 'failed' as const, error: info};
		} finally {
			clearInterval(statusTimer);
			options.signal?.removeEventListener('abort', onAbort);
			stats.tick(Date.now());
		}
	})();

	const engine: Engine = {
		get state() {
			return state;
		},
		snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		pause() {
			if (state !== 'running') return;
			let open!: () => void;
			const promise = new Promise<void>((resolve) => {
				open = resolve;
			});
			gate = {promise, open};
			setState('paused');
		},
		resume() {
			if (state !== 'paused') return;
			const current = gate;
			gate = null;
			current?.open();
			setState('running');
		},
		async stop() {
			if (state === 'starting' || state === 'running' || state === 'paused') {
				setState('stopping');
				gate?.open();
				gate = null;
				inner.abort();
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
