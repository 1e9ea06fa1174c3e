/**
 * The start check of a run (`obsync run`, the dashboard's start): before anything is read, every selected table is
 * compiled against the live schema (it exists and is a table, its row filter, columns and sharding key compile) and
 * every mapped topic is looked up (it exists, and is FIFO where the name server can tell), so a project that cannot
 * run stops at once with what to fix, instead of when the first row of a table arrives. The two halves run together;
 * every problem found is reported, in one ConfigError (exit code 3).
 */
import {ConfigError, ConnectionError} from './errors.js';
import {objectProblems, type Problem, type TableLoader, topicProblems} from './preflight/problems.js';
import type {Project} from './project/project-schema.js';
import {loadTableSchema} from './schema/load-schema.js';

export type PreflightOptions = {
	/** Runs SQL on the source (the run's pool). */
	readonly query: (sql: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;
	/** Loads the tables' schemas: the run passes its schema cache, so they are not read again. @default by `query` */
	readonly tables?: TableLoader;
	/** Aborting it ends the check at once, rejecting with the signal's reason. */
	readonly signal?: AbortSignal;
	/** The whole check, at most; also each name server and broker request. @default 10000 */
	readonly timeoutMs?: number;
};

/** Continuation lines of a hint line up after `  hint: `, as the commands print it (report-error.ts). */
const hintIndent = ' '.repeat('  hint: '.length);

/**
 * Resolves when the project can start; throws a ConfigError listing every problem found (message: what and where,
 * hint: the fix for each), or, when a check could not be made (the source or the name server does not answer), that
 * error.
 */
export async function preflight(project: Project, options: PreflightOptions): Promise<void> {
	options.signal?.throwIfAborted();
	const timeoutMs = options.timeoutMs ?? 10_000;
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(), timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () =>
			reject(
				options.signal?.aborted
					? options.signal.reason
					: new ConnectionError(`the start checks of project ${project.name} did not finish within ${timeoutMs} ms`, {
							hint: 'check that the source database and the RocketMQ name server answer from this machine',
						}),
			);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, {once: true});
	});
	let settled: Array<PromiseSettledResult<Problem[]>>;
	try {
		settled = await Promise.race([
			Promise.allSettled([
				objectProblems(project.objects, options.tables ?? ((database, table) => loadTableSchema(options.query, database, table))),
				topicProblems(project, {timeoutMs, signal}),
			]),
			aborted,
		]);
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', onAbort);
	}
	const problems: Problem[] = [];
	const failures: unknown[] = [];
	for (const result of settled) {
		if (result.status === 'fulfilled') problems.push(...result.value);
		else if (result.reason instanceof ConfigError) problems.push({message: result.reason.message, hint: result.reason.hint});
		else failures.push(result.reason);
	}
	if (problems.length > 0) throw preflightError(project.name, problems);
	if (failures.length > 0) throw failures[0];
}

/** One problem: its message and hint; several: numbered, with the hints numbered alike. */
function preflightError(name: string, problems: readonly Problem[]): ConfigError {
	const [only] = problems;
	if (problems.length === 1 && only)
		return new ConfigError(`project ${name} cannot start: ${only.message}`, only.hint ? {hint: only.hint} : {});
	const listed = problems.map((problem, i) => `  ${i + 1}. ${problem.message}`);
	const hints = problems.flatMap((problem, i) => (problem.hint ? [`${i + 1}. ${problem.hint}`] : []));
	return new ConfigError(
		`project ${name} cannot start, ${problems.length} problems:\n${listed.join('\n')}`,
		hints.length > 0 ? {hint: hints.join(`\n${hintIndent}`)} : {},
	);
}
