/**
 * The live view laid out for the terminal size: more tables, topics and errors at 120x40 than at 80x24, sparklines
 * from the history, the failure box. Rendered from engine snapshots as the engine makes them (the numbers of a real
 * run are covered in dashboard.test.tsx).
 */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {EngineSnapshot, ErrorInfo, TableCounts} from '../../../source/engine/engine-events.js';
import {layoutFor} from '../../../source/ui/dashboard/dashboard-model.js';
import {pushSample, type Sample} from '../../../source/ui/dashboard/history.js';
import {LiveView} from '../../../source/ui/dashboard/live-view.js';

const now = Date.parse('2024-05-01T12:00:00.000Z');
const counts = (insert: number): TableCounts => ({insert, update: 0, delete: 0, ddl: 0, filtered: 0});
const error = (i: number, hint?: string): ErrorInfo => ({
	at: new Date(now - (10 - i) * 1000).toISOString(),
	name: 'ConnectionError',
	message: `lost the source connection #${i}`,
	...(hint ? {hint} : {}),
});

function snapshot(change: Partial<EngineSnapshot> = {}): EngineSnapshot {
	const tables = Object.fromEntries(Array.from({length: 10}, (_, i) => [`shop.t${String(i).padStart(2, '0')}`, counts(1000 - i)]));
	const topics = Object.fromEntries(Array.from({length: 6}, (_, i) => [`topic_${i}`, 500 - i]));
	return {
		project: 'shop',
		state: 'running',
		startedAt: new Date(now - 125_000).toISOString(),
		position: {file: 'mysql-bin.000003', position: 9876},
		checkpoint: {
			file: 'mysql-bin.000003',
			position: 9000,
			gtid: null,
			commitTime: now / 1000 - 3,
			savedAt: new Date(now - 2000).toISOString(),
		},
		lagSeconds: 3,
		rates: {rowsPerSecond: 1234.5, messagesPerSecond: 1200},
		totals: {insert: 12_345, update: 678, delete: 9, ddl: 0, filtered: 2, transactions: 4000, messages: 13_032, acked: 13_000},
		tables,
		topics,
		inFlight: 32,
		retries: 1,
		reconnects: 2,
		errors: Array.from({length: 6}, (_, i) => error(i, i === 5 ? 'check the network' : undefined)),
		...change,
	};
}

let history: readonly Sample[] = [];
for (let i = 0; i < 30; i++)
	history = pushSample(history, {at: now - (30 - i) * 1000, lagSeconds: i % 5, rowsPerSecond: i * 10, messagesPerSecond: i * 9});

let instance: ReturnType<typeof render> | undefined;
afterEach(() => instance?.unmount());

function frameAt(size: {columns: number; rows: number}, snap: EngineSnapshot, samples: readonly Sample[] = history): string {
	instance = render(<LiveView snapshot={snap} history={samples} layout={layoutFor(size)} now={now} precheck={null} />);
	return instance.lastFrame() ?? '';
}

describe('LiveView', () => {
	it('at 80x24 keeps to 15 rows: the 3 busiest tables, 1 topic, the newest error, and how many more', () => {
		const frame = frameAt({columns: 80, rows: 24}, snapshot());
		expect(frame).toContain('shop.t00 insert 1,000 · update 0 · delete 0');
		expect(frame).toContain('shop.t02 insert 998 · update 0 · delete 0 · +7 more');
		expect(frame).not.toContain('shop.t03');
		expect(frame).toContain('topic_0 500 acked · +5 more');
		expect(frame).not.toContain('topic_1');
		expect(frame).toContain('6 (newest first) · retries 1 · reconnects 2');
		expect(frame).toContain('lost the source connection #5');
		expect(frame).toContain('→ check the network');
		expect(frame).not.toContain('lost the source connection #4');
		expect(frame.split('\n').length).toBeLessThanOrEqual(15);
	});

	it('at 120x40 lists 8 tables, 4 topics and 5 errors', () => {
		const frame = frameAt({columns: 120, rows: 40}, snapshot());
		expect(frame).toContain('shop.t07 insert 993');
		expect(frame).not.toContain('shop.t08');
		expect(frame).toMatch(/shop\.t07 insert 993 · update 0 · delete 0\n\s+\+2 more/);
		expect(frame).toMatch(/topic_3 497 acked\n\s+\+2 more/);
		expect(frame).toContain('lost the source connection #1');
		expect(frame).not.toContain('lost the source connection #0');
	});

	it('shows state with uptime, lag, rates with sparklines, totals with separators, position and checkpoint', () => {
		// The test terminal has 100 columns: sparklines of 27.
		const layout = layoutFor({columns: 100, rows: 40});
		expect(layout.sparkWidth).toBe(27);
		const frame = frameAt({columns: 100, rows: 40}, snapshot());
		expect(frame).toMatch(/State\s+● running · up 2 m 05 s \(since \d\d:\d\d:\d\d\)/);
		expect(frame).toMatch(/Lag\s+3 s\s+[▁▂▃▄▅▆▇█]{27}\n/);
		expect(frame).toMatch(/rows\/s\s+1,235 [▁▂▃▄▅▆▇█]{27} msgs\/s\s+1,200 [▁▂▃▄▅▆▇█]{27}\n/);
		// The rows/s sparkline rises with the rates of the history (the last 27 samples) to the full block.
		const blocks = '▁▂▃▄▅▆▇█';
		const rows = /rows\/s\s+\S+ (\S{27})/.exec(frame)![1]!;
		const levels = [...rows].map((block) => blocks.indexOf(block));
		expect(levels).toEqual([...levels].sort((a, b) => a - b));
		expect(levels[0]).toBeLessThan(2);
		expect(levels.at(-1)).toBe(7);
		expect(frame).toContain('insert 12,345 · update 678 · delete 9 · ddl 0 · filtered 2');
		expect(frame).toContain('transactions 4,000 · messages 13,032 · acked 13,000 · in flight 32');
		expect(frame).toContain('mysql-bin.000003:9876 (last read)');
		expect(frame).toMatch(/mysql-bin.000003:9000 · saved \d\d:\d\d:\d\d \(2 s ago\)/);
	});

	it('says when nothing is known yet', () => {
		const frame = frameAt(
			{columns: 80, rows: 24},
			snapshot({lagSeconds: null, tables: {}, topics: {}, errors: [], checkpoint: null, position: null, state: 'starting'}),
			[],
		);
		expect(frame).toMatch(/Lag\s+—/);
		expect(frame).toContain('no changes yet');
		expect(frame).toContain('nothing acked yet');
		expect(frame).toMatch(/Checkpoint\s+none yet/);
		expect(frame).toMatch(/Errors\s+none · retries 1 · reconnects 2/);
		expect(frame).toContain('… starting · connecting to the source…');
	});

	it('says where a resume starts from while starting, and what stopping does', () => {
		const checkpoint = {file: 'mysql-bin.000009', position: 4242, gtid: null, commitTime: now / 1000, savedAt: new Date(now).toISOString()};
		expect(frameAt({columns: 80, rows: 24}, snapshot({state: 'starting', checkpoint}))).toContain(
			'… starting · connecting to the source, resuming from mysql-bin.000009:4242…',
		);
		instance?.unmount();
		expect(frameAt({columns: 80, rows: 24}, snapshot({state: 'stopping'}))).toContain(
			'… stopping · draining in-flight messages, saving the checkpoint…',
		);
	});

	it('shows a paused engine as paused, with how to go on', () => {
		expect(frameAt({columns: 80, rows: 24}, snapshot({state: 'paused'}))).toContain('‖ paused');
	});

	it('puts the fatal error of a failed engine in a box with what to do, and drops the lag and rates', () => {
		const fatal: ErrorInfo = {at: new Date(now).toISOString(), name: 'SinkError', message: 'topic topic_0 is not FIFO'};
		const frame = frameAt({columns: 120, rows: 40}, snapshot({state: 'failed', errors: [error(1), fatal]}));
		expect(frame).toContain('✘ shop failed: SinkError: topic topic_0 is not FIFO');
		expect(frame).toContain('What to do: check the topic and the RocketMQ destination');
		expect(frame).toMatch(/State\s+✘ failed/);
		expect(frame).not.toMatch(/Lag\s/);
		expect(frame).not.toContain('rows/s');
		// The earlier error is listed below; the fatal one is not listed twice.
		expect(frame).toContain('1 (newest first)');
		expect(frame).toContain('lost the source connection #1');
	});
});
