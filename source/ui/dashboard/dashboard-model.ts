/**
 * What the dashboard shows, as plain data: how much fits the terminal, the busiest tables and topics, the stored
 * precheck run, the state as a word and a symbol, which start the `s` key makes, and what to do about a failure.
 * No React here; the tiles only lay these out.
 */
import type {EngineState, ErrorInfo, TableCounts} from '../../engine/engine-events.js';
import type {CheckResult, CheckStatus} from '../../engine/precheck/prechecks.js';
import {destinationTransport, type Project} from '../../engine/project/project-schema.js';
import {formatCount} from './format.js';

export type Layout = {
	/** Characters per sparkline. */
	readonly sparkWidth: number;
	/** Tables shown (the rest as "+k more"). */
	readonly tableRows: number;
	/** Topics shown. */
	readonly topicRows: number;
	/** Errors shown, newest first. */
	readonly errorRows: number;
	/** Failed prechecks listed with their detail on the idle screen. */
	readonly precheckRows: number;
	/** Short terminal: "+k more" goes at the end of the last line shown instead of a line of its own. */
	readonly compact: boolean;
};

/**
 * How much the dashboard shows at a terminal size: below 32 rows (80x24) the live view keeps to 15 rows of body (the
 * frame, status and hints make 21); 120x40 lists more and draws longer lines.
 */
export function layoutFor(size: {readonly columns: number; readonly rows: number}): Layout {
	// "Rate" line: 12 label + "rows/s " + number + sparkline, twice, within the columns less the frame's padding.
	const sparkWidth = Math.max(8, Math.min(60, Math.floor((size.columns - 2 - 44) / 2)));
	if (size.rows >= 40) return {sparkWidth, tableRows: 8, topicRows: 4, errorRows: 5, precheckRows: 6, compact: false};
	if (size.rows >= 32) return {sparkWidth, tableRows: 5, topicRows: 3, errorRows: 3, precheckRows: 4, compact: false};
	return {sparkWidth, tableRows: 3, topicRows: 1, errorRows: 1, precheckRows: 2, compact: true};
}

/** The `limit` entries with the highest weight (ties by name), and how many were left out. */
export function topEntries<T>(
	record: Readonly<Record<string, T>>,
	limit: number,
	weight: (value: T) => number,
): {readonly shown: ReadonlyArray<readonly [string, T]>; readonly more: number} {
	const entries = Object.entries(record).sort(([a, x], [b, y]) => weight(y) - weight(x) || a.localeCompare(b));
	const shown = entries.slice(0, Math.max(0, limit));
	return {shown, more: entries.length - shown.length};
}

/** Every change counted for a table, sent or filtered out. */
export function tableWeight(counts: TableCounts): number {
	return counts.insert + counts.update + counts.delete + counts.ddl + counts.filtered;
}

/** A table's counts: `insert 12 · update 3 · delete 1`, with ddl and filtered only when there are some. */
export function tableCountsText(counts: TableCounts): string {
	const parts = [`insert ${formatCount(counts.insert)}`, `update ${formatCount(counts.update)}`, `delete ${formatCount(counts.delete)}`];
	if (counts.ddl > 0) parts.push(`ddl ${formatCount(counts.ddl)}`);
	if (counts.filtered > 0) parts.push(`filtered ${formatCount(counts.filtered)}`);
	return parts.join(' · ');
}

export type StoredPrecheck = {readonly at: string; readonly results: readonly CheckResult[]};

const statuses: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skip'];

/** The precheck run the store kept for a project (`{at, results}`), or null when there is none or it is not one. */
export function readPrecheck(value: unknown): StoredPrecheck | null {
	if (typeof value !== 'object' || value === null) return null;
	const {at, results} = value as {at?: unknown; results?: unknown};
	if (typeof at !== 'string' || !Array.isArray(results)) return null;
	const valid = results.filter(
		(result): result is CheckResult =>
			typeof result === 'object' &&
			result !== null &&
			typeof (result as CheckResult).title === 'string' &&
			typeof (result as CheckResult).detail === 'string' &&
			statuses.includes((result as CheckResult).status),
	);
	return {at, results: valid};
}

export type PrecheckSummary = {
	readonly passed: number;
	readonly warned: number;
	readonly failed: number;
	readonly skipped: number;
	/** The checks that failed, then those that warned: what needs looking at. */
	readonly problems: readonly CheckResult[];
	/** `11 passed · 1 failed · 1 warning`. */
	readonly text: string;
};

export function summarizePrecheck(results: readonly CheckResult[]): PrecheckSummary {
	const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
	const passed = count('pass');
	const warned = count('warn');
	const failed = count('fail');
	const skipped = count('skip');
	const parts = [`${passed} passed`, `${failed} failed`];
	if (warned > 0) parts.push(`${warned} ${warned === 1 ? 'warning' : 'warnings'}`);
	if (skipped > 0) parts.push(`${skipped} skipped`);
	const problems = [...results.filter((r) => r.status === 'fail'), ...results.filter((r) => r.status === 'warn')];
	return {passed, warned, failed, skipped, problems, text: parts.join(' · ')};
}

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

/** A state as a symbol and a word (meaning never rests on colour alone), and the colour's tone. */
export function stateLabel(state: EngineState | 'not running' | 'elsewhere'): {
	readonly symbol: string;
	readonly word: string;
	readonly tone: Tone;
} {
	switch (state) {
		case 'starting':
			return {symbol: '…', word: 'starting', tone: 'warn'};
		case 'running':
			return {symbol: '●', word: 'running', tone: 'ok'};
		case 'paused':
			return {symbol: '‖', word: 'paused', tone: 'warn'};
		case 'stopping':
			return {symbol: '…', word: 'stopping', tone: 'warn'};
		case 'stopped':
			return {symbol: '■', word: 'stopped', tone: 'muted'};
		case 'failed':
			return {symbol: '✘', word: 'failed', tone: 'error'};
		case 'not running':
			return {symbol: '○', word: 'not running', tone: 'muted'};
		case 'elsewhere':
			return {symbol: '●', word: 'running in another process', tone: 'ok'};
	}
}

/** Whether the engine of this process is reading (pause, resume and stop apply), stopping, or over (or absent). */
export function activityOf(state: EngineState | undefined): 'active' | 'stopping' | 'idle' {
	if (state === 'starting' || state === 'running' || state === 'paused') return 'active';
	if (state === 'stopping') return 'stopping';
	return 'idle';
}

export type StartAction =
	| {readonly kind: 'start' | 'resume'; readonly label: string}
	| {readonly kind: 'blocked'; readonly label: string; readonly reason: string};

/** What `s` does on a project that does not run here: a first start, a resume from the checkpoint, or nothing (and why). */
export function startAction(options: {
	readonly elsewherePid: number | null;
	readonly hasCheckpoint: boolean;
	readonly name: string;
}): StartAction {
	if (options.elsewherePid !== null) {
		return {
			kind: 'blocked',
			label: 'start',
			reason: `${options.name} runs in another process (pid ${options.elsewherePid}); stop it there first (kill -TERM ${options.elsewherePid}), then start it here`,
		};
	}
	return options.hasCheckpoint ? {kind: 'resume', label: 'resume from checkpoint'} : {kind: 'start', label: 'start'};
}

/** What to do about an error: the engine's own hint, else advice by kind of error. */
export function adviceFor(error: ErrorInfo, project: string): string {
	if (error.hint) return error.hint;
	if (/access denied/i.test(error.message)) {
		return 'check the user and password of the source (e edits the project), then press s to try again';
	}
	switch (error.name) {
		case 'ConnectionError':
			return 'check that the server named above is reachable and its address and credentials are right, then press s to try again';
		case 'SinkError':
			return 'check the topic and the RocketMQ destination (e edits the project), then press s to try again';
		case 'ConfigError':
			return 'change the project (e edits it), then press s to start again';
		default:
			return `press s to try again; if it fails the same way, run "obsync run ${project} --log-level debug" and report its log`;
	}
}

/** The project's objects in one line: `obsync_test.orders → obsync_test_fifo, +2 more`. */
export function objectsText(project: Project, limit = 2): string {
	const shown = project.objects.slice(0, limit).map((object) => `${object.database}.${object.table} → ${object.topic}`);
	const more = project.objects.length - shown.length;
	return more > 0 ? `${shown.join(', ')}, +${more} more` : shown.join(', ');
}

/**
 * Source and destination in one line, without secrets: `mariadb obsync@127.0.0.1:23306 → RocketMQ 127.0.0.1:29876
 * (remoting)`, or the proxy endpoint for gRPC.
 */
export function endpointsText(project: Project): string {
	const {source, destination} = project;
	const target = destinationTransport(destination) === 'remoting' ? `${destination.nameServer} (remoting)` : destination.endpoints;
	return `${source.flavor} ${source.user}@${source.host}:${source.port} → RocketMQ ${target}`;
}
