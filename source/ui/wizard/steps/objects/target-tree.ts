/**
 * The right pane as a list: the selection as Topic > Database > Table. A table that cannot run as configured (no
 * key to shard by, a row filter that no longer fits) is marked ✘; the reason shows under the panes.
 */
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {ListItem} from '../../../components/list.js';
import {groupByTopic, idOf} from './selection.js';

export type TargetRow =
	| {readonly kind: 'topic'; readonly topic: string; readonly objects: readonly ProjectObject[]}
	| {readonly kind: 'database'; readonly topic: string; readonly database: string; readonly objects: readonly ProjectObject[]}
	| {readonly kind: 'table'; readonly object: ProjectObject; readonly objects: readonly ProjectObject[]};

export type TargetTree = {
	readonly items: ListItem[];
	/** What each item id stands for; `objects` are the tables an operation on the row applies to. */
	readonly rows: ReadonlyMap<string, TargetRow>;
};

export function buildTargetTree(
	objects: readonly ProjectObject[],
	topics: readonly TopicInfo[],
	problems: ReadonlyMap<string, string>,
): TargetTree {
	const known = new Map(topics.map((topic) => [topic.name, topic]));
	const items: ListItem[] = [];
	const rows = new Map<string, TargetRow>();
	for (const group of groupByTopic(objects)) {
		const topicId = `t\u0000${group.topic}`;
		const all = group.databases.flatMap((database) => database.objects);
		rows.set(topicId, {kind: 'topic', topic: group.topic, objects: all});
		const info = known.get(group.topic);
		items.push({
			id: topicId,
			label: `▾ ${group.topic}`,
			detail: `${info ? `${info.messageType ?? 'type unknown'} · ` : ''}${group.count} table${group.count === 1 ? '' : 's'}`,
		});
		for (const database of group.databases) {
			const databaseId = `d\u0000${group.topic}\u0000${database.database}`;
			rows.set(databaseId, {kind: 'database', topic: group.topic, database: database.database, objects: database.objects});
			items.push({id: databaseId, label: database.database, depth: 1});
			for (const object of database.objects) {
				const id = `o\u0000${idOf(object)}`;
				rows.set(id, {kind: 'table', object, objects: [object]});
				const flags = [
					object.where ? 'filter' : '',
					object.renameDatabase || object.renameTable ? 'renamed' : '',
					object.columns?.length ? 'columns' : '',
				]
					.filter(Boolean)
					.join(', ');
				items.push({
					id,
					label: `${problems.has(idOf(object)) ? '✘ ' : ''}${object.table}`,
					depth: 2,
					detail: flags || undefined,
				});
			}
		}
	}
	return {items, rows};
}
