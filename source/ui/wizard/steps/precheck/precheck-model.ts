/**
 * Step 5's view of a precheck, without React: the counts line, what a status reads as (a symbol and a word, never
 * colour alone), which check to show first (the first failure), why Start is refused, and, when the draft is not
 * yet a project, which step fixes each problem.
 */
import type {CheckResult, CheckStatus} from '../../../../engine/precheck/prechecks.js';
import {symbols} from '../../../theme.js';
import {type Draft, type DraftIssue, STEP_TITLES, STEPS, type StepId} from '../../draft.js';

export const STATUS_SYMBOL: Record<CheckStatus, string> = {pass: symbols.pass, fail: symbols.fail, warn: symbols.warn, skip: symbols.skip};
export const STATUS_WORD: Record<CheckStatus, string> = {pass: 'passed', fail: 'FAILED', warn: 'warning', skip: 'skipped'};

export function countResults(results: readonly CheckResult[]): Record<CheckStatus, number> {
	const counts: Record<CheckStatus, number> = {pass: 0, warn: 0, fail: 0, skip: 0};
	for (const result of results) counts[result.status]++;
	return counts;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `9 passed, 1 failed, 1 warning, 2 skipped`, and `· running…` while checks remain. */
export function summaryLine(results: readonly CheckResult[], running: boolean): string {
	const counts = countResults(results);
	const line = `${counts.pass} passed, ${counts.fail} failed, ${plural(counts.warn, 'warning', 'warnings')}, ${counts.skip} skipped`;
	return running ? `${line} · running…` : line;
}

/** The check to show when a run ends: the first failure, else the first warning, else the first. */
export function firstProblem(results: readonly CheckResult[]): number {
	const fail = results.findIndex((result) => result.status === 'fail');
	if (fail >= 0) return fail;
	return Math.max(
		0,
		results.findIndex((result) => result.status === 'warn'),
	);
}

export type PrecheckRunState = {
	readonly running: boolean;
	/** The results of the last finished run, or of the run so far. */
	readonly results: readonly CheckResult[];
	/** When the last run finished; null before any finished. */
	readonly at: string | null;
	/** Why the last run could not complete (not a check failing: the run itself broke). */
	readonly error?: string | undefined;
};

/** Why Start is refused now, or null when the project may start. Save is refused only while a run is going. */
export function startRefusal(run: PrecheckRunState): string | null {
	if (run.running) return 'wait for the precheck to finish';
	if (run.error) return `the precheck did not complete (${run.error}): press r to run it again`;
	if (run.at === null) return 'run the precheck first (r)';
	const failed = run.results.filter((result) => result.status === 'fail');
	if (failed.length > 0) {
		return `${plural(failed.length, 'check', 'checks')} failed (${failed.map((result) => result.title).join('; ')}): fix ${failed.length === 1 ? 'it' : 'them'} and press r to rerun, or s to save and start later`;
	}
	return null;
}

export type DraftFix = {
	readonly path: string;
	readonly message: string;
	readonly step: StepId;
	/** `go back to step 3 (Objects): Esc 2 times`. */
	readonly fix: string;
};

function stepOf(path: string): StepId {
	const head = path.split('.')[0] ?? '';
	if (head === 'operations') return 'sync-type';
	if (head === 'objects') return 'objects';
	if (head === 'options') return 'options';
	return 'source-destination';
}

/** Each issue that stops the draft being a project, in words, with the step that fixes it (steps in order). */
export function draftFixes(draft: Draft, issues: readonly DraftIssue[]): DraftFix[] {
	const here = STEPS.indexOf('precheck');
	return issues
		.map((issue) => {
			const step = stepOf(issue.path);
			const at = STEPS.indexOf(step);
			const presses = here - at;
			let message = issue.message;
			if (issue.path === 'source' && draft.source === null) message = 'no source is chosen: pick or add a source data source';
			if (issue.path === 'destination' && draft.destination === null)
				message = 'no destination is chosen: pick or add a RocketMQ data source';
			return {
				path: issue.path || '(project)',
				message,
				step,
				fix: `go back to step ${at + 1} (${STEP_TITLES[step]}): Esc ${presses === 1 ? 'once' : `${presses} times`}`,
			};
		})
		.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
}

/** The first row to show so that `selected` is visible in a window of `height` rows, keeping it near the middle. */
export function windowStart(selected: number, count: number, height: number): number {
	return Math.max(0, Math.min(selected - Math.floor(height / 2), count - height));
}
