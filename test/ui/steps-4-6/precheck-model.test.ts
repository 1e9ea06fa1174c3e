import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../../source/engine/precheck/prechecks.js';
import {emptyDraft} from '../../../source/ui/wizard/draft.js';
import {draftFixes, firstProblem, startRefusal, summaryLine, windowStart} from '../../../source/ui/wizard/steps/precheck/precheck-model.js';

const result = (id: string, status: CheckResult['status'], hint?: string): CheckResult => ({
	id,
	title: `Check ${id}`,
	status,
	detail: `${id} detail`,
	...(hint ? {hint} : {}),
	durationMs: 1,
});

describe('Step 5: the precheck view', () => {
	it('counts the results, and says when checks remain', () => {
		const results = [result('a', 'pass'), result('b', 'fail'), result('c', 'warn'), result('d', 'skip'), result('e', 'pass')];
		expect(summaryLine(results, false)).toBe('2 passed, 1 failed, 1 warning, 1 skipped');
		expect(summaryLine([], true)).toBe('0 passed, 0 failed, 0 warnings, 0 skipped · running…');
	});

	it('shows the first failure first, else the first warning', () => {
		expect(firstProblem([result('a', 'pass'), result('b', 'warn'), result('c', 'fail')])).toBe(2);
		expect(firstProblem([result('a', 'pass'), result('b', 'warn')])).toBe(1);
		expect(firstProblem([result('a', 'pass')])).toBe(0);
		expect(firstProblem([])).toBe(0);
	});

	it('refuses Start while running, before a run, after a broken run and after a failure, naming the failed checks', () => {
		expect(startRefusal({running: true, results: [], at: null})).toBe('wait for the precheck to finish');
		expect(startRefusal({running: false, results: [], at: null})).toBe('run the precheck first (r)');
		expect(startRefusal({running: false, results: [], at: null, error: 'boom'})).toContain('did not complete (boom)');
		expect(startRefusal({running: false, results: [result('a', 'fail'), result('b', 'fail')], at: 'x'})).toBe(
			'2 checks failed (Check a; Check b): fix them and press r to rerun, or s to save and start later',
		);
		expect(startRefusal({running: false, results: [result('a', 'pass'), result('b', 'warn'), result('c', 'skip')], at: 'x'})).toBeNull();
	});

	it('sends each problem of an incomplete draft to the step that fixes it, in step order', () => {
		const draft = emptyDraft('d');
		const fixes = draftFixes(draft, [
			{path: 'options.businessId', message: 'too long'},
			{path: 'objects', message: 'select at least one table'},
			{path: 'source', message: 'Invalid input'},
			{path: 'operations', message: 'choose at least one'},
		]);
		expect(fixes.map((fix) => [fix.path, fix.step, fix.fix])).toEqual([
			['source', 'source-destination', 'go back to step 1 (Source and destination): Esc 4 times'],
			['operations', 'sync-type', 'go back to step 2 (Synchronization type): Esc 3 times'],
			['objects', 'objects', 'go back to step 3 (Objects): Esc 2 times'],
			['options.businessId', 'options', 'go back to step 4 (Options): Esc once'],
		]);
		expect(fixes[0]?.message).toBe('no source is chosen: pick or add a source data source');
	});

	it('keeps the selected row in a window of the list', () => {
		expect(windowStart(0, 20, 6)).toBe(0);
		expect(windowStart(10, 20, 6)).toBe(7);
		expect(windowStart(19, 20, 6)).toBe(14);
		expect(windowStart(3, 4, 6)).toBe(0);
	});
});
