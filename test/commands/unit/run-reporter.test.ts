import {describe, expect, it} from 'vitest';
import {createRunReporter} from '../../../source/commands/run-reporter.js';
import type {EngineEvent, EngineSnapshot} from '../../../source/engine/engine-events.js';

const at = new Date('2026-12-07T10:00:00.000Z');
const checkpoint = {file: 'binlog.000002', position: 4321, gtid: null, commitTime: 1_796_000_000, savedAt: at.toISOString()};
const snapshot: EngineSnapshot = {
	project: 'shop',
	state: 'running',
	startedAt: at.toISOString(),
	position: {file: 'binlog.000002', position: 5000},
	checkpoint,
	lagSeconds: 1,
	rates: {rowsPerSecond: 1200, messagesPerSecond: 1150},
	totals: {insert: 10, update: 5, delete: 2, ddl: 0, filtered: 1, transactions: 4, messages: 17, acked: 16},
	tables: {},
	topics: {},
	inFlight: 1,
	retries: 0,
	reconnects: 0,
	errors: [],
};
const error = {at: at.toISOString(), name: 'SinkError', message: 'broker busy', hint: 'wait'};
const events: EngineEvent[] = [
	{type: 'state', state: 'running', previous: 'starting'},
	{type: 'started', from: {file: 'binlog.000002', position: 4}, resumed: true},
	{type: 'checkpoint', checkpoint},
	{type: 'retry', attempt: 2, topic: 'orders', error},
	{type: 'error', error, fatal: false},
	{type: 'error', error: {...error, message: 'gone'}, fatal: true},
	{type: 'status', snapshot},
];

/** Feeds the events, the metrics address and the end to a reporter; gives what it wrote to stdout and stderr. */
function report(json: boolean, result: {state: 'stopped' | 'failed'; error?: typeof error}) {
	const out: string[] = [];
	const err: string[] = [];
	const stream = (into: string[]) => ({write: (chunk: string) => into.push(chunk) > 0}) as unknown as NodeJS.WritableStream;
	const reporter = createRunReporter(json, {stdout: stream(out), stderr: stream(err), now: () => at});
	for (const event of events) reporter.event(event);
	reporter.metrics('http://127.0.0.1:9464/metrics');
	reporter.end(result, snapshot);
	return {stdout: out.join(''), stderr: err.join('')};
}

describe('what obsync run prints', () => {
	it('prints timestamped human lines, leaving out checkpoints and the fatal error until the end', () => {
		const t = at.toISOString();
		expect(report(false, {state: 'stopped'})).toEqual({
			stdout:
				`${t} state running\n` +
				`${t} resumed at binlog.000002:4\n` +
				`${t} send to orders failed (broker busy); retrying, attempt 2\n` +
				`${t} warning: broker busy (hint: wait)\n` +
				`${t} running pos binlog.000002:5000 lag 1s rows/s 1200 msgs/s 1150 ins 10 upd 5 del 2 filtered 1 acked 16 in-flight 1 retries 0 reconnects 0 checkpoint binlog.000002:4321\n` +
				'metrics at http://127.0.0.1:9464/metrics\n' +
				`${t} stopped; checkpoint binlog.000002:4321\n`,
			stderr: '',
		});
	});

	it('prints a failed run once, on stderr, with its hint', () => {
		const {stdout, stderr} = report(false, {state: 'failed', error: {...error, message: 'gone', hint: 'start the broker'}});
		expect(stdout).not.toContain('stopped;');
		expect(stderr).toBe('obsync run: gone\n  hint: start the broker\n');
	});

	it('prints one JSON object per line: each event with its time, a status flattened, the metrics address, then exit', () => {
		const lines = report(true, {state: 'stopped'})
			.stdout.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines.map((line) => line.type)).toEqual(['state', 'started', 'retry', 'error', 'error', 'status', 'metrics', 'exit']);
		expect(lines[1]).toEqual({type: 'started', from: {file: 'binlog.000002', position: 4}, resumed: true, at: at.toISOString()});
		expect(lines[5]).toEqual({type: 'status', at: at.toISOString(), ...snapshot});
		expect(lines[6]).toEqual({type: 'metrics', url: 'http://127.0.0.1:9464/metrics'});
		expect(lines[7]).toEqual({type: 'exit', state: 'stopped', snapshot});
	});
});
