/**
 * The first-run playground, start to finish: the local test services up, the sample table, the data sources and
 * project saved, the project started and a small workload writing to the table. Each step reports its progress; the
 * workload stops with the project's engine (or when its owner stops it).
 */
import path from 'node:path';
import type {Engine} from '../engine/engine.js';
import {errorInfo, isLive} from '../engine/engine-events.js';
import {ConfigError} from '../engine/errors.js';
import type {Project} from '../engine/project/project-schema.js';
import type {ProjectStore} from '../store/project-store.js';
import {savePlayground} from './playground-project.js';
import {
	hasTestServices,
	loadPlaygroundSettings,
	needsCloneError,
	PLAYGROUND,
	type PlaygroundSettings,
	projectRoot,
} from './playground-settings.js';
import {connectPlaygroundAdmin, createSampleTable} from './sample-table.js';
import {startTestServices} from './services-up.js';
import {startWorkload, type Workload} from './workload.js';

/** What the playground needs of the app: the store and the engines of this process (the UI services fit). */
export type PlaygroundRunner = {
	readonly store: ProjectStore;
	start(project: Project, options?: {resume?: boolean}): Engine;
	running(name: string): {readonly engine: Engine} | undefined;
	runningElsewhere(name: string): number | null;
	hasCheckpoint(name: string): boolean;
};

export const PLAYGROUND_STEPS = [
	{id: 'services', title: 'Start the test services (MariaDB, RocketMQ)'},
	{id: 'table', title: `Create the sample table ${PLAYGROUND.database}.${PLAYGROUND.table}`},
	{id: 'project', title: `Save the data sources and the project "${PLAYGROUND.project}"`},
	{id: 'start', title: `Start the project (${PLAYGROUND.database}.${PLAYGROUND.table} → ${PLAYGROUND.topic})`},
	{id: 'workload', title: 'Start a small workload (inserts, updates, deletes)'},
] as const;

export type PlaygroundStepId = (typeof PLAYGROUND_STEPS)[number]['id'];

export type PlaygroundProgress = {
	readonly step: PlaygroundStepId;
	readonly state: 'running' | 'done' | 'failed';
	/** What happens or happened: a line of the services' output, "created", "reused"… */
	readonly detail?: string;
};

export type RunPlaygroundOptions = {
	readonly runner: PlaygroundRunner;
	/** The clone with test/services/. @default the directory above source/ (or dist/) */
	readonly root?: string;
	/** Where the services' output goes. @default playground.log in the store's directory */
	readonly logFile?: string;
	readonly onProgress?: (progress: PlaygroundProgress) => void;
	/** Cancels the setup (not the workload once it runs: stop that through the result). */
	readonly signal?: AbortSignal;
	/** @default 300 */
	readonly workloadIntervalMs?: number;
	/** Time the engine may take to reach `running`. @default 60000 */
	readonly startTimeoutMs?: number;
};

export type PlaygroundRun = {readonly project: Project; readonly engine: Engine; readonly workload: Workload};

/** The default log of the playground's setup. */
export function playgroundLogFile(store: ProjectStore): string {
	return path.join(store.directory, 'playground.log');
}

/** Waits until the engine runs; fails with the engine's own error when it fails or stops first. */
function untilRunning(engine: Engine, timeoutMs: number, signal?: AbortSignal): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		let timer: NodeJS.Timeout | undefined;
		let unsubscribe = () => {};
		const settle = (error?: unknown) => {
			clearTimeout(timer);
			unsubscribe();
			signal?.removeEventListener('abort', onAbort);
			if (error === undefined) resolve();
			else reject(error);
		};
		const onAbort = () => settle(signal?.reason ?? new Error('cancelled'));
		const check = () => {
			const state = engine.state;
			if (state === 'running' || state === 'paused') return settle();
			if (state === 'failed' || state === 'stopped') {
				const last = engine.snapshot().errors.at(-1);
				return settle(
					new ConfigError(
						`the project ${state === 'failed' ? 'failed' : 'stopped'} while starting: ${last?.message ?? 'no error recorded'}`,
						{
							hint: last?.hint ?? 'open its dashboard for the details',
						},
					),
				);
			}
		};
		unsubscribe = engine.subscribe((event) => {
			if (event.type === 'state') check();
		});
		timer = setTimeout(
			() =>
				settle(
					new ConfigError(`the project did not start within ${Math.round(timeoutMs / 1000)} s (state: ${engine.state})`, {
						hint: 'open its dashboard: the last errors show why',
					}),
				),
			timeoutMs,
		);
		signal?.addEventListener('abort', onAbort, {once: true});
		check();
		void engine.done.then(check, check);
	});
}

/** Starts the workload on the sample table; it stops when `engine` stops (or through its own stop()). */
export function playgroundWorkloadFor(engine: Engine, settings: PlaygroundSettings, intervalMs?: number): Workload {
	const workload = startWorkload({
		connect: () => connectPlaygroundAdmin(settings, PLAYGROUND.database),
		...(intervalMs === undefined ? {} : {intervalMs}),
	});
	void engine.done.finally(() => workload.stop());
	return workload;
}

/** Starts the workload again for the playground project running here (after it was stopped). */
export async function restartPlaygroundWorkload(engine: Engine, root: string = projectRoot(), intervalMs?: number): Promise<Workload> {
	return playgroundWorkloadFor(engine, await loadPlaygroundSettings(root), intervalMs);
}

/** Runs every step in order; fails with the first step's error (the step reported `failed` with it). */
export async function runPlayground(options: RunPlaygroundOptions): Promise<PlaygroundRun> {
	const {runner, signal, onProgress = () => {}} = options;
	const root = options.root ?? projectRoot();
	const logFile = options.logFile ?? playgroundLogFile(runner.store);
	let current: PlaygroundStepId = 'services';
	const step = async <T>(id: PlaygroundStepId, work: () => Promise<T>, done: (value: T) => string): Promise<T> => {
		signal?.throwIfAborted();
		current = id;
		onProgress({step: id, state: 'running'});
		const value = await work();
		signal?.throwIfAborted();
		onProgress({step: id, state: 'done', detail: done(value)});
		return value;
	};
	let started: Engine | undefined;
	let resumed = false;
	try {
		if (!hasTestServices(root)) throw needsCloneError(root);
		await step(
			'services',
			() => startTestServices({root, logFile, signal, onLine: (line) => onProgress({step: 'services', state: 'running', detail: line})}),
			() => 'MariaDB and RocketMQ are up',
		);
		const settings = await loadPlaygroundSettings(root);
		await step(
			'table',
			() => createSampleTable(settings),
			(table) => (table.created ? 'created' : `already there (${table.rows} rows), kept`),
		);
		const saved = await step(
			'project',
			async () => savePlayground(runner.store, settings),
			(result) =>
				`${result.reused ? 'already saved, kept as it is' : 'saved'}; data sources ${PLAYGROUND.source}, ${PLAYGROUND.destination}`,
		);
		const engine = await step(
			'start',
			async () => {
				const here = runner.running(PLAYGROUND.project)?.engine;
				if (here && isLive(here.state)) return here;
				const pid = runner.runningElsewhere(PLAYGROUND.project);
				if (pid !== null) {
					throw new ConfigError(`the project "${PLAYGROUND.project}" already runs in another process (pid ${pid})`, {
						hint: `stop it (kill -TERM ${pid}) and try again, so that its dashboard shows here`,
					});
				}
				resumed = runner.hasCheckpoint(PLAYGROUND.project);
				started = runner.start(saved.project, {resume: resumed});
				await untilRunning(started, options.startTimeoutMs ?? 60_000, signal);
				return started;
			},
			(engine) =>
				engine !== started ? 'already running here, kept' : resumed ? 'running, resumed from its checkpoint' : 'running, from now on',
		);
		const workload = await step(
			'workload',
			async () => playgroundWorkloadFor(engine, settings, options.workloadIntervalMs),
			() => `about ${Math.round(1000 / (options.workloadIntervalMs ?? 300))} changes a second`,
		);
		return {project: saved.project, engine, workload};
	} catch (error) {
		if (started && isLive(started.state)) await started.stop();
		const info = errorInfo(signal?.aborted ? new Error('cancelled') : error);
		onProgress({step: current, state: 'failed', detail: info.hint ? `${info.message} (${info.hint})` : info.message});
		throw error;
	}
}
