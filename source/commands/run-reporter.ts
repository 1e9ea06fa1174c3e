/**
 * What `obsync run` prints, in one place per output kind: `run.ts` picks a reporter once (--json or not) and hands it
 * the engine's events, the metrics address and the result, so no other line of the command branches on --json.
 * - human: timestamped lines on stdout; a fatal error once, on stderr, at the end (with its hint);
 * - JSON Lines: every event as one object with `at`, a status event flattened to its snapshot, then `exit`.
 */
import type {EngineResult} from '../engine/engine.js';
import type {EngineEvent, EngineSnapshot} from '../engine/engine-events.js';

export type RunReporter = {
	event(event: EngineEvent): void;
	metrics(url: string): void;
	end(result: EngineResult, snapshot: EngineSnapshot): void;
};

type Streams = {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now?: () => Date};

export function createRunReporter(json: boolean, streams: Streams = {stdout: process.stdout, stderr: process.stderr}): RunReporter {
	return json ? jsonReporter(streams) : humanReporter(streams);
}

function jsonReporter({stdout, now = () => new Date()}: Streams): RunReporter {
	const write = (line: object) => stdout.write(`${JSON.stringify(line)}\n`);
	return {
		event(event) {
			// Checkpoints are written many times a second: they are in every status line instead.
			if (event.type === 'checkpoint') return;
			const at = now().toISOString();
			write(event.type === 'status' ? {type: 'status', at, ...event.snapshot} : {...event, at});
		},
		metrics: (url) => write({type: 'metrics', url}),
		end: (result, snapshot) => write({type: 'exit', ...result, snapshot}),
	};
}

function humanReporter({stdout, stderr, now = () => new Date()}: Streams): RunReporter {
	const write = (line: string) => stdout.write(`${now().toISOString()} ${line}\n`);
	return {
		event(event) {
			const line = humanLine(event);
			if (line) write(line);
		},
		metrics: (url) => stdout.write(`metrics at ${url}\n`),
		end(result, snapshot) {
			if (result.state === 'failed')
				stderr.write(`obsync run: ${result.error?.message}${result.error?.hint ? `\n  hint: ${result.error.hint}` : ''}\n`);
			else write(`stopped; checkpoint ${describeCheckpoint(snapshot)}`);
		},
	};
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
			return `warning: ${event.error.message}${event.error.hint ? ` (hint: ${event.error.hint})` : ''}`;
		case 'checkpoint':
			return undefined; // many times a second: in the status line and the log instead
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
