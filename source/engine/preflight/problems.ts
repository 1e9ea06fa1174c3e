/**
 * What the start check of a run finds: the selected tables compiled against the live schema, and the mapped topics
 * as the name server describes them. Each problem says what is wrong and where; its hint says the fix.
 */
import {ConfigError} from '../errors.js';
import {checkPlan} from '../pipeline/object-plan.js';
import {describeProjectTopics, judgeTopics, judgeTraceTopic, projectTopics, topicHints} from '../precheck/topic-checks.js';
import type {Project, ProjectObject} from '../project/project-schema.js';
import type {AdminOptions} from '../remoting/index.js';
import {physicalTable} from '../schema/load-schema.js';
import type {TableSchema} from '../schema/table-schema.js';

export type Problem = {readonly message: string; readonly hint?: string | undefined};

const problemOf = (error: ConfigError): Problem => ({message: error.message, hint: error.hint});

/** Loads a table's schema (the run's schema cache, so the first rows find it loaded). */
export type TableLoader = (database: string, table: string) => Promise<TableSchema>;

/**
 * Each table's schema is loaded (all at once: the queries share the caller's pool) and its settings compiled: a
 * missing table or a view, a row filter that does not compile, selected or sharding columns that do not exist, a
 * table without a key and no sharding columns. Errors other than ConfigError (the source does not answer) are thrown.
 */
export async function objectProblems(objects: readonly ProjectObject[], load: TableLoader): Promise<Problem[]> {
	const found = await Promise.all(
		objects.map(async (object) => {
			try {
				const schema = physicalTable(await load(object.database, object.table));
				return checkPlan(object, schema).problems.map(problemOf);
			} catch (error) {
				if (error instanceof ConfigError) return [problemOf(error)];
				throw error;
			}
		}),
	);
	return found.flat();
}

/**
 * The mapped topics (and the trace topic) through the project's name server: each must exist, the mapped ones FIFO
 * (per-key order), the trace topic NORMAL; a type no broker tells (RocketMQ 4.x) is accepted, as by the precheck.
 * Without a name server (gRPC through the proxy alone) there is nothing to ask: the proxy refuses a missing topic
 * when the sink starts.
 */
export async function topicProblems(project: Project, options: AdminOptions): Promise<Problem[]> {
	const {nameServer, namespace} = project.destination;
	if (!nameServer) return [];
	const {mapped, traceTopic} = projectTopics(project);
	const topics = [...mapped.keys()];
	const infos = await describeProjectTopics(project, traceTopic ? [...topics, traceTopic] : topics, options);
	const {missing, notFifo} = judgeTopics(topics, infos);
	const at = `the name server ${nameServer}${namespace ? ` (namespace ${namespace})` : ''}`;
	const topicOf = (topic: string) => `topic ${topic} (mapped from ${mapped.get(topic)?.join(', ')})`;
	const problems: Problem[] = [
		...missing.map((topic) => ({message: `${topicOf(topic)} does not exist at ${at}`, hint: topicHints.missing(nameServer, [topic])})),
		...notFifo.map((topic) => ({
			message: `${topicOf(topic)} is ${infos.get(topic)?.messageType}, not FIFO`,
			hint: topicHints.notFifo(nameServer, [topic]),
		})),
	];
	if (traceTopic) {
		const info = infos.get(traceTopic);
		const verdict = judgeTraceTopic(info);
		if (verdict === 'missing')
			problems.push({
				message: `the message trace topic ${traceTopic} does not exist at ${at}`,
				hint: topicHints.traceMissing(nameServer, traceTopic),
			});
		if (verdict === 'not NORMAL')
			problems.push({message: `the message trace topic ${traceTopic} is ${info?.messageType}, not NORMAL`, hint: topicHints.traceType});
	}
	return problems;
}
