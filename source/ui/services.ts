/**
 * Everything the screens ask of the outside world, in one object handed down through context: the store (projects,
 * data sources, tags, drafts), the catalog questions (connectivity, tables, topics), prechecks, running engines and
 * the local playground.
 * The UI itself opens no socket: each of these is an engine or store function. Tests pass the same services with an
 * in-memory sink (`sink`), never a fake database or broker.
 */
import {existsSync} from 'node:fs';
import {createContext, useContext} from 'react';
import type {BinlogStart} from '../engine/binlog/binlog-stream.js';
import {resolveStart} from '../engine/binlog/start-position.js';
import {checkTopic, listDestinationTopics, testDestination} from '../engine/catalog/destination-catalog.js';
import {describeTable, listTables, testSource} from '../engine/catalog/source-catalog.js';
import {serveControl} from '../engine/control/control-server.js';
import type {RemoteEngine} from '../engine/control/remote-engine.js';
import {createEngine, type Engine} from '../engine/engine.js';
import {isLive} from '../engine/engine-events.js';
import {type CheckResult, runPrechecks} from '../engine/precheck/prechecks.js';
import {binlogEndpoint, defaultServerId} from '../engine/project/connections.js';
import type {DestinationSettings, Project, SourceSettings} from '../engine/project/project-schema.js';
import {resolveSecret} from '../engine/project/secrets.js';
import type {Logger, SinkFactory} from '../engine/sink/sink.js';
import {packageInfo} from '../package-info.js';
import {type PlaygroundRun, type RunPlaygroundOptions, restartPlaygroundWorkload, runPlayground} from '../playground/run-playground.js';
import type {Workload} from '../playground/workload.js';
import {lockHolder, lockProject} from '../store/project-lock.js';
import type {ProjectStore} from '../store/project-store.js';
import {createRemoteRuns} from './remote-runs.js';

export type RunningProject = {readonly engine: Engine; readonly startedAt: Date};

export type UiServices = {
	readonly store: ProjectStore;
	readonly env: NodeJS.ProcessEnv;
	testSource(source: SourceSettings): ReturnType<typeof testSource>;
	listTables(source: SourceSettings): ReturnType<typeof listTables>;
	describeTable(source: SourceSettings, database: string, table: string): ReturnType<typeof describeTable>;
	testDestination(destination: DestinationSettings): ReturnType<typeof testDestination>;
	listTopics(destination: DestinationSettings): ReturnType<typeof listDestinationTopics>;
	checkTopic(destination: DestinationSettings, topic: string): ReturnType<typeof checkTopic>;
	precheck(project: Project, onResult?: (result: CheckResult) => void): Promise<CheckResult[]>;
	/**
	 * Where a start timestamp (seconds) falls in the source's binlog: the first position at or after it. Fails with a
	 * ConfigError naming the earliest available time when the binlog that old has been purged, or when it is in the future.
	 */
	checkStart(source: SourceSettings, projectName: string, at: number): Promise<BinlogStart>;
	/** Starts the project in this process (locked against a second runner); `resume` continues from its checkpoint. */
	start(project: Project, options?: {resume?: boolean}): Engine;
	/** The engine this process runs for the project, if any. */
	running(name: string): RunningProject | undefined;
	/** The pid of another process (obsync run) that runs the project, if any. */
	runningElsewhere(name: string): number | null;
	/** That other process's run, attached through its control socket, once it answered. */
	remote(name: string): RemoteEngine | undefined;
	/** Whether the project has a saved checkpoint (it can be resumed). */
	hasCheckpoint(name: string): boolean;
	/** Sets up and starts the local playground (test services, sample table, project, workload) with these services. */
	runPlayground(options: Omit<RunPlaygroundOptions, 'runner'>): Promise<PlaygroundRun>;
	/** Starts the playground's workload again for its project running here. */
	restartPlaygroundWorkload(engine: Engine): Promise<Workload>;
};

export type ServicesOptions = {
	readonly store: ProjectStore;
	readonly env?: NodeJS.ProcessEnv;
	/** Where engines send messages. @default RocketMQ (the product); UI unit tests pass an in-memory sink. */
	readonly sink?: SinkFactory;
	readonly logger?: Logger;
	/** @default 10000 */
	readonly timeoutMs?: number;
};

export function createServices(options: ServicesOptions): UiServices {
	const {store, env = process.env} = options;
	const catalog = {env, timeoutMs: options.timeoutMs ?? 10_000};
	const engines = new Map<string, RunningProject>();
	const remotes = createRemoteRuns(store);
	const services: UiServices = {
		store,
		env,
		testSource: (source) => testSource(source, catalog),
		listTables: (source) => listTables(source, catalog),
		describeTable: (source, database, table) => describeTable(source, database, table, catalog),
		testDestination: (destination) => testDestination(destination, catalog),
		listTopics: (destination) => listDestinationTopics(destination, catalog),
		checkTopic: (destination, topic) => checkTopic(destination, topic, catalog),
		precheck: (project, onResult) =>
			runPrechecks(project, {env, storeDirectory: store.directory, timeoutMs: catalog.timeoutMs, ...(onResult ? {onResult} : {})}),
		checkStart(source, projectName, at) {
			const endpoint = binlogEndpoint(source);
			return resolveStart(
				{
					...endpoint,
					password: resolveSecret(endpoint.password, 'source.password', env),
					serverId: source.serverId ?? defaultServerId(projectName || 'obsync'),
					connectTimeoutMs: catalog.timeoutMs,
				},
				{kind: 'timestamp', at},
			);
		},
		start(project, startOptions = {}) {
			const current = engines.get(project.name);
			if (current && isLive(current.engine.state)) return current.engine;
			const unlock = lockProject(store.lockFile(project.name), project.name);
			const engine = createEngine(project, {
				checkpointFile: store.checkpointFile(project.name),
				resume: startOptions.resume ?? false,
				env,
				...(options.sink ? {sink: options.sink} : {}),
				...(options.logger ? {logger: options.logger} : {}),
			});
			engines.set(project.name, {engine, startedAt: new Date()});
			// Its control socket, as `obsync run` serves one, so that `obsync status|stop|pause|resume` reach it too. It
			// goes when the run ends, before the lock is released below.
			serveControl(engine, {
				path: store.socketFile(project.name),
				project: project.name,
				version: packageInfo().version,
				onStop: () => void engine.stop(),
			}).catch((error: unknown) => options.logger?.warn({err: error}, 'no control socket'));
			void engine.done.finally(unlock);
			return engine;
		},
		running: (name) => engines.get(name),
		runningElsewhere(name) {
			if (engines.get(name)) return null;
			return lockHolder(store.lockFile(name));
		},
		remote: (name) => (engines.get(name) ? undefined : remotes.attached(name)),
		hasCheckpoint: (name) => existsSync(store.checkpointFile(name)),
		runPlayground(playgroundOptions) {
			return runPlayground({...playgroundOptions, runner: services});
		},
		restartPlaygroundWorkload: (engine) => restartPlaygroundWorkload(engine),
	};
	return services;
}

export const ServicesContext = createContext<UiServices | null>(null);

/** The services of the app; throws outside <ServicesContext.Provider>. */
export function useServices(): UiServices {
	const services = useContext(ServicesContext);
	if (!services) throw new Error('useServices must be used within a ServicesContext.Provider');
	return services;
}
