/**
 * `obsync run NAME [--resume] [--json] [--metrics-port N]`: runs a saved project without a TUI, for systemd and
 * cron. Status goes to stdout (human lines, or JSON Lines with --json); the log (pino) to --log-file or stderr.
 * SIGINT/SIGTERM stop it cleanly: in-flight messages drained, checkpoint saved, exit 0. A second signal exits at once.
 */
import {parseArgs} from 'node:util';
import {createEngine} from '../engine/engine.js';
import type {EngineEvent, EngineSnapshot} from '../engine/engine-events.js';
import {lockProject} from '../store/project-lock.js';
import type {ProjectStore} from '../store/project-store.js';
import type {Command} from './index.js';
import {createLogger, LOG_LEVELS} from './logger.js';
import type {serveMetrics} from './metrics.js';
import {openStore} from './open-store.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

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

export const runCommand: Command = {
	async run(argv) {
		let parsed: ReturnType<typeof parse>;
		try {
			parsed = parse(argv);
		} catch (error) {
			process.stderr.write(`obsync run: ${(error as Error).message}\n\n${usage}\n`);
			return EXIT.usage;
		}
		const {values, positionals} = parsed;
		if (values.help) {
			process.stdout.write(`${usage}\n`);
			return EXIT.ok;
		}
		const [name, ...extra] = positionals;
		const interval = Number(values['status-interval']);
		const level = values['log-level'];
		const port = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
		const problem =
			name === undefined
				? 'name the project to run'
				: extra.length > 0
					? `one project at a time (got ${positionals.join(', ')})`
					: !(interval >= 0.01 && interval <= 86_400)
						? `--status-interval takes seconds from 0.01 to 86400 (got ${values['status-interval']})`
						: !LOG_LEVELS.includes(level)
							? `--log-level takes one of ${LOG_LEVELS.join(', ')} (got ${level})`
							: port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)
								? '--metrics-port takes a port number (0-65535)'
								: undefined;
		if (problem) {
			process.stderr.write(`obsync run: ${problem}\n\n${usage}\n`);
			return EXIT.usage;
		}

		let store: ProjectStore;
		let project: ReturnType<ProjectStore['get']>;
		try {
			store = openStore('run');
			project = store.get(name!);
		} catch (error) {
			process.stderr.write(`obsync run: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}

		let unlock: () => void;
		try {
			unlock = lockProject(store.lockFile(project.name), project.name);
		} catch (error) {
			process.stderr.write(`obsync run: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
		process.once('exit', () => unlock());

		const logger = createLogger({file: values['log-file'], level: values['log-level']});
		const print = values.json
			? (event: EngineEvent) => {
					// Checkpoints are written many times a second: they are in every status line instead.
					if (event.type !== 'checkpoint') process.stdout.write(`${JSON.stringify(jsonLine(event))}\n`);
				}
			: (event: EngineEvent) => {
					const line = humanLine(event);
					if (line) process.stdout.write(`${new Date().toISOString()} ${line}\n`);
				};

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
		const unsubscribe = engine.subscribe(print);
		logger.info({project: project.name, resume: values.resume, store: store.path}, 'obsync run');

		let server: Awaited<ReturnType<typeof serveMetrics>> | undefined;
		if (port !== undefined) {
			try {
				// prom-client only when metrics are asked for.
				const metrics = await import('./metrics.js');
				server = await metrics.serveMetrics(metrics.metricsRegistry(engine), port, values['metrics-host']);
				const address = metrics.metricsAddress(server);
				logger.info({address}, 'metrics served');
				if (values.json)
					process.stdout.write(`${JSON.stringify({type: 'metrics', url: `http://${values['metrics-host']}:${address.port}/metrics`})}\n`);
				else process.stdout.write(`metrics at http://${values['metrics-host']}:${address.port}/metrics\n`);
			} catch (error) {
				process.stderr.write(`obsync run: cannot serve metrics on ${values['metrics-host']}:${port}: ${(error as Error).message}\n`);
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
		const final = engine.snapshot();
		if (values.json) process.stdout.write(`${JSON.stringify({type: 'exit', ...result, snapshot: final})}\n`);
		else if (result.state === 'failed')
			process.stderr.write(`obsync run: ${result.error?.message}${result.error?.hint ? `\n  hint: ${result.error.hint}` : ''}\n`);
		else process.stdout.write(`${new Date().toISOString()} stopped; checkpoint ${describeCheckpoint(final)}\n`);
		await new Promise<void>((resolve) => logger.flush(() => resolve()));
		if (result.state === 'stopped') return EXIT.ok;
		return result.error?.name === 'ConfigError' ? EXIT.config : EXIT.failed;
	},
};

function parse(argv: readonly string[]) {
	return parseArgs({
		args: [...argv],
		allowPositionals: true,
		options: {
			resume: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			'status-interval': {type: 'string', default: '5'},
			'metrics-port': {type: 'string'},
			'metrics-host': {type: 'string', default: '127.0.0.1'},
			'log-file': {type: 'string'},
			'log-level': {type: 'string', default: 'info'},
			help: {type: 'boolean', short: 'h'},
		},
	});
}

/** JSON Lines: each event as is, a status event flattened to its snapshot. */
function jsonLine(event: EngineEvent): object {
	if (event.type === 'status') return {type: 'status', at: new Date().toISOString(), ...event.snapshot};
	return {...event, at: new Date().toISOString()};
}

function describeCheckpoint(snapshot: EngineSnapshot): string {
	return snapshot.checkpoint ? `${snapshot.checkpoint.file}:${snapshot.checkpoint.position}` : 'none';
}

function humanLine(event: EngineEvent): string | undefined {
	switch (event.type) {
		case 'state':
			return `state ${event.state}`;
		case 'started':
			return `${event.resumed ? 'resumed' : 'started'} at ${event.from.file}:${event.from.position}`;
		case 'reconnect':
			return `source connection lost (${event.error.message}); reconnecting, attempt ${event.attempt}`;
		case 'retry':
			return `send to ${event.topic} failed (${event.error.message}); retrying, attempt ${event.attempt}`;
		case 'error':
			// A fatal error ends the run and is printed once, on stderr, at the end.
			if (event.fatal) return undefined;
			return `${event.fatal ? 'error' : 'warning'}: ${event.error.message}${event.error.hint ? ` (hint: ${event.error.hint})` : ''}`;
		case 'checkpoint':
			return undefined; // every second: in the status line and the log instead
		case 'status': {
			const s = event.snapshot;
			const lag = s.lagSeconds === null ? '?' : `${s.lagSeconds}s`;
			const {insert, update, delete: deletes, filtered} = s.totals;
			return (
				`${s.state} pos ${s.position ? `${s.position.file}:${s.position.position}` : '-'} lag ${lag} ` +
				`rows/s ${s.rates.rowsPerSecond} msgs/s ${s.rates.messagesPerSecond} ` +
				`ins ${insert} upd ${update} del ${deletes} filtered ${filtered} acked ${s.totals.acked} ` +
				`in-flight ${s.inFlight} retries ${s.retries} reconnects ${s.reconnects} checkpoint ${describeCheckpoint(s)}`
			);
		}
	}
}
