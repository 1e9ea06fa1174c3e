/**
 * `obsync run NAME [--resume] [--json] [--metrics-port N]`: runs a saved project without a TUI, for systemd and
 * cron. Status goes to stdout (human lines, or JSON Lines with --json); the log (pino) to --log-file or stderr.
 * SIGINT/SIGTERM stop it cleanly: in-flight messages drained, checkpoint saved, exit 0. A second signal exits at once.
 */
import {serveControl} from '../engine/control/control-server.js';
import {createEngine, type Engine} from '../engine/engine.js';
import {packageInfo} from '../package-info.js';
import {lockProject} from '../store/project-lock.js';
import type {ProjectStore} from '../store/project-store.js';
import {parseCommandLine} from './arguments.js';
import type {Command} from './index.js';
import {createLogger, LOG_LEVELS} from './logger.js';
import type {serveMetrics} from './metrics.js';
import {openStore} from './open-store.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';
import {createRunReporter} from './run-reporter.js';

const usage = `Usage: obsync run NAME [options]

Runs the saved project NAME until SIGINT or SIGTERM (then drains, saves the checkpoint and exits 0).

Options
  --resume              continue from the saved checkpoint (fails if there is none);
                        without it, start from the project's start timestamp (default: now)
  --json                print JSON Lines to stdout: lifecycle events and a status line
  --status-interval S   seconds between status lines (default 5)
  --metrics-port N      serve Prometheus metrics at http://HOST:N/metrics
  --metrics-host HOST   address for --metrics-port (default 127.0.0.1)
  --log-file FILE       write the log there instead of stderr
  --log-level LEVEL     trace, debug, info (default), warn, error

Exit codes: 0 stopped by a signal, 1 failed while running, 2 bad command line,
            3 configuration problem (unknown project, no checkpoint, purged binlog, …), 130 second signal.`;

const options = {
	resume: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	'status-interval': {type: 'string', default: '5'},
	'metrics-port': {type: 'string'},
	'metrics-host': {type: 'string', default: '127.0.0.1'},
	'log-file': {type: 'string'},
	'log-level': {type: 'string', default: 'info'},
} as const;

export const runCommand: Command = {
	async run(argv) {
		const line = parseCommandLine(argv, {command: 'run', usage, options, check: checkRunLine});
		if (!line.ok) return line.code;
		const {values, positionals} = line;
		const name = positionals[0]!;
		const interval = Number(values['status-interval']);
		const port = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);

		let store: ProjectStore;
		let project: ReturnType<ProjectStore['get']>;
		let unlock: () => void;
		try {
			store = openStore('run');
			project = store.get(name);
			unlock = lockProject(store.lockFile(project.name), project.name);
		} catch (error) {
			process.stderr.write(`obsync run: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
		process.once('exit', () => unlock());

		const logger = createLogger({file: values['log-file'], level: values['log-level']});
		const reporter = createRunReporter(values.json);

		const stop = new AbortController();
		let firstSignalAt = 0;
		const onSignal = (signal: NodeJS.Signals) => {
			// conf's file writer (atomically, through when-exit) re-raises a signal it saw, at once: that is not an
			// operator asking a second time, which only a signal a second or more later is.
			if (firstSignalAt > 0 && Date.now() - firstSignalAt < 1000) return;
			if (firstSignalAt > 0) {
				logger.warn({signal}, 'second signal: exiting without draining');
				process.exit(EXIT.interrupted);
			}
			firstSignalAt = Date.now();
			logger.info({signal}, 'stopping: draining in-flight messages and saving the checkpoint');
			stop.abort();
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);

		const engine = createEngine(project, {
			checkpointFile: store.checkpointFile(project.name),
			resume: values.resume,
			signal: stop.signal,
			logger,
			statusIntervalMs: interval * 1000,
		});
		const unsubscribe = engine.subscribe((event) => reporter.event(event));
		logger.info({project: project.name, resume: values.resume, store: store.path}, 'obsync run');
		// Ends with the run, before the lock below is released.
		await serveRunControl(engine, store, project.name, () => stop.abort(), logger);

		let server: Awaited<ReturnType<typeof serveMetrics>> | undefined;
		if (port !== undefined) {
			const host = values['metrics-host'];
			try {
				// prom-client only when metrics are asked for.
				const metrics = await import('./metrics.js');
				server = await metrics.serveMetrics(metrics.metricsRegistry(engine), port, host);
				const address = metrics.metricsAddress(server);
				logger.info({address}, 'metrics served');
				reporter.metrics(`http://${host}:${address.port}/metrics`);
			} catch (error) {
				process.stderr.write(`obsync run: cannot serve metrics on ${host}:${port}: ${(error as Error).message}\n`);
				await engine.stop();
				return EXIT.usage;
			}
		}

		const result = await engine.done;
		unlock();
		unsubscribe();
		server?.close();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		reporter.end(result, engine.snapshot());
		await new Promise<void>((resolve) => logger.flush(() => resolve()));
		if (result.state === 'stopped') return EXIT.ok;
		return result.error?.name === 'ConfigError' ? EXIT.config : EXIT.failed;
	},
};

/** What the parser cannot see: one project, and the values of the options in their ranges. */
function checkRunLine({
	values,
	positionals,
}: {
	values: {[K in 'status-interval' | 'log-level' | 'metrics-port']?: string};
	positionals: string[];
}) {
	const interval = Number(values['status-interval']);
	const level = values['log-level'] ?? 'info';
	const port = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
	if (positionals.length === 0) return 'name the project to run';
	if (positionals.length > 1) return `one project at a time (got ${positionals.join(', ')})`;
	if (!(interval >= 0.01 && interval <= 86_400))
		return `--status-interval takes seconds from 0.01 to 86400 (got ${values['status-interval']})`;
	if (!LOG_LEVELS.includes(level)) return `--log-level takes one of ${LOG_LEVELS.join(', ')} (got ${level})`;
	if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) return '--metrics-port takes a port number (0-65535)';
	return undefined;
}

/**
 * The run's control socket (obsync status, stop, pause, resume). Without one the run still syncs: a socket that cannot
 * be served is a warning on stderr and in the log, not a reason to stop delivering rows.
 */
async function serveRunControl(
	engine: Engine,
	store: ProjectStore,
	name: string,
	onStop: () => void,
	logger: ReturnType<typeof createLogger>,
) {
	try {
		const control = await serveControl(engine, {path: store.socketFile(name), project: name, version: packageInfo().version, onStop});
		logger.info({socket: control.path}, 'control socket served');
	} catch (error) {
		logger.warn({err: error}, 'no control socket');
		process.stderr.write(`obsync run: warning: ${describeError(error)}\n`);
	}
}
