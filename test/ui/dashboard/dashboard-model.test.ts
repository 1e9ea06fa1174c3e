import {describe, expect, it} from 'vitest';
import {ENGINE_STATES} from '../../../source/engine/engine-events.js';
import type {CheckResult} from '../../../source/engine/precheck/prechecks.js';
import {parseProject} from '../../../source/engine/project/parse-project.js';
import {
	activityOf,
	adviceFor,
	endpointsText,
	layoutFor,
	objectsText,
	readPrecheck,
	startAction,
	stateLabel,
	summarizePrecheck,
	tableCountsText,
	tableWeight,
	topEntries,
} from '../../../source/ui/dashboard/dashboard-model.js';

const counts = (insert: number, update = 0, del = 0, ddl = 0, filtered = 0) => ({insert, update, delete: del, ddl, filtered});
const check = (id: string, status: CheckResult['status'], hint?: string): CheckResult => ({
	id,
	title: `Check ${id}`,
	status,
	detail: `detail of ${id}`,
	...(hint ? {hint} : {}),
	durationMs: 1,
});

describe('dashboard layout', () => {
	it('keeps 80x24 short: 3 tables, 1 topic line, the newest error, "+k more" inline, sparklines that fit the rate line', () => {
		const layout = layoutFor({columns: 80, rows: 24});
		expect(layout).toMatchObject({tableRows: 3, topicRows: 1, errorRows: 1, precheckRows: 2, compact: true});
		// 12 (label) + 2 x ("rows/s " + 6 digits + 2 spaces + sparkline) within 78 columns.
		expect(12 + 2 * (7 + 6 + 2 + layout.sparkWidth)).toBeLessThanOrEqual(78);
	});

	it('shows more tables, topics and errors and longer sparklines at 120x40', () => {
		const small = layoutFor({columns: 80, rows: 24});
		const large = layoutFor({columns: 120, rows: 40});
		expect(large).toMatchObject({tableRows: 8, topicRows: 4, errorRows: 5, precheckRows: 6, compact: false});
		expect(large.sparkWidth).toBeGreaterThan(small.sparkWidth);
		expect(layoutFor({columns: 100, rows: 34}).tableRows).toBe(5);
		expect(layoutFor({columns: 20, rows: 10}).sparkWidth).toBe(8);
	});
});

describe('busiest tables and topics', () => {
	it('lists the heaviest first (ties by name) and counts the rest', () => {
		const tables = {'db.a': counts(1), 'db.b': counts(5, 5), 'db.c': counts(0, 0, 0, 0, 10), 'db.d': counts(1)};
		const top = topEntries(tables, 3, tableWeight);
		expect(top.shown.map(([name]) => name)).toEqual(['db.b', 'db.c', 'db.a']);
		expect(top.more).toBe(1);
		expect(topEntries({t: 3}, 5, (n) => n)).toEqual({shown: [['t', 3]], more: 0});
		expect(topEntries({}, 3, (n: number) => n)).toEqual({shown: [], more: 0});
	});

	it('writes a table counts, with ddl and filtered only when there are some', () => {
		expect(tableCountsText(counts(1234, 5, 6))).toBe('insert 1,234 · update 5 · delete 6');
		expect(tableCountsText(counts(1, 0, 0, 2, 3))).toBe('insert 1 · update 0 · delete 0 · ddl 2 · filtered 3');
	});
});

describe('stored precheck', () => {
	it('reads {at, results} and keeps only results that are checks', () => {
		const value = {at: '2024-05-01T10:00:00.000Z', results: [check('a', 'pass'), {title: 'x'}, null, check('b', 'fail')]};
		expect(readPrecheck(value)?.results.map((r) => r.id)).toEqual(['a', 'b']);
		expect(readPrecheck(undefined)).toBeNull();
		expect(readPrecheck({results: []})).toBeNull();
		expect(readPrecheck({at: 'x', results: 'no'})).toBeNull();
	});

	it('counts passed, failed, warnings and skipped, failures first among the problems', () => {
		const summary = summarizePrecheck([check('a', 'pass'), check('b', 'warn'), check('c', 'fail'), check('d', 'skip'), check('e', 'pass')]);
		expect(summary).toMatchObject({passed: 2, warned: 1, failed: 1, skipped: 1});
		expect(summary.text).toBe('2 passed · 1 failed · 1 warning · 1 skipped');
		expect(summary.problems.map((r) => r.id)).toEqual(['c', 'b']);
		expect(summarizePrecheck([check('a', 'pass')]).text).toBe('1 passed · 0 failed');
		expect(summarizePrecheck([check('a', 'warn'), check('b', 'warn')]).text).toBe('0 passed · 0 failed · 2 warnings');
	});
});

describe('states', () => {
	it('gives every state a word and a symbol, never colour alone', () => {
		for (const state of [...ENGINE_STATES, 'not running', 'elsewhere'] as const) {
			const label = stateLabel(state);
			expect(label.word.length).toBeGreaterThan(0);
			expect(label.symbol.length).toBeGreaterThan(0);
		}
		expect(stateLabel('failed')).toEqual({symbol: '✘', word: 'failed', tone: 'error'});
		expect(stateLabel('elsewhere').word).toBe('running in another process');
	});

	it('tells reading engines from stopping and finished ones', () => {
		expect(['starting', 'running', 'paused'].map((s) => activityOf(s as never))).toEqual(['active', 'active', 'active']);
		expect(activityOf('stopping')).toBe('stopping');
		expect(activityOf('stopped')).toBe('idle');
		expect(activityOf('failed')).toBe('idle');
		expect(activityOf(undefined)).toBe('idle');
	});

	it('starts a first run, resumes from a checkpoint, and refuses while another process runs the project', () => {
		expect(startAction({elsewherePid: null, hasCheckpoint: false, name: 'p'})).toEqual({kind: 'start', label: 'start'});
		expect(startAction({elsewherePid: null, hasCheckpoint: true, name: 'p'})).toEqual({kind: 'resume', label: 'resume from checkpoint'});
		const blocked = startAction({elsewherePid: 4242, hasCheckpoint: true, name: 'p'});
		expect(blocked.kind).toBe('blocked');
		expect(blocked.kind === 'blocked' && blocked.reason).toContain('kill -TERM 4242');
	});
});

describe('advice for errors', () => {
	const at = '2024-05-01T10:00:00.000Z';
	it("uses the engine's hint when there is one", () => {
		expect(adviceFor({at, name: 'ConfigError', message: 'm', hint: 'choose now or a past time'}, 'p')).toBe('choose now or a past time');
	});

	it('says what to check when the engine gave no hint', () => {
		expect(adviceFor({at, name: 'ConnectionError', message: "Access denied for user 'obsync'"}, 'p')).toContain('user and password');
		expect(adviceFor({at, name: 'ConnectionError', message: 'connect ECONNREFUSED'}, 'p')).toContain('reachable');
		expect(adviceFor({at, name: 'SinkError', message: 'topic not found'}, 'p')).toContain('topic');
		expect(adviceFor({at, name: 'ConfigError', message: 'bad'}, 'p')).toContain('e edits');
		expect(adviceFor({at, name: 'TypeError', message: 'x is undefined'}, 'shop')).toContain('obsync run shop --log-level debug');
	});
});

describe('project lines', () => {
	const project = parseProject(
		{
			name: 'p',
			source: {flavor: 'mariadb', host: 'db.local', port: 3306, user: 'sync', password: 'secret-pw'},
			destination: {endpoints: 'mq.local:8081'},
			objects: [
				{database: 'shop', table: 'orders', topic: 't1'},
				{database: 'shop', table: 'items', topic: 't2'},
				{database: 'shop', table: 'users', topic: 't3'},
			],
		},
		'test',
	);

	it('lists the first objects and counts the rest', () => {
		expect(objectsText(project)).toBe('shop.orders → t1, shop.items → t2, +1 more');
		expect(objectsText(project, 3)).toBe('shop.orders → t1, shop.items → t2, shop.users → t3');
	});

	it('names source and destination without the password', () => {
		const text = endpointsText(project);
		expect(text).toBe('mariadb sync@db.local:3306 → RocketMQ mq.local:8081');
		expect(text).not.toContain('secret-pw');
	});
});
