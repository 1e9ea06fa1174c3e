/**
 * The selection (the draft's objects) and what the step's operations do to it: map tables to a topic, change the
 * topic of some, replace one's settings, remove some or all; and the selection grouped as Topic > Database > Table.
 * Pure: each operation returns a new list, keeping the order the tables were selected in.
 */
import type {ProjectObject} from '../../../../engine/project/project-schema.js';

/** A table's identity in the selection and the catalog (names may hold dots, so not `db.table`). */
export const objectId = (database: string, table: string): string => `${database}\u0000${table}`;

export const idOf = (object: {readonly database: string; readonly table: string}): string => objectId(object.database, object.table);

/** `db.table`, as people read it. */
export const displayName = (object: {readonly database: string; readonly table: string}): string => `${object.database}.${object.table}`;

export type MapResult = {
	readonly objects: ProjectObject[];
	/** Tables that were not selected before. */
	readonly added: number;
	/** Tables that were selected with another topic (their settings are kept). */
	readonly moved: number;
};

/** Maps tables to a topic: new ones are appended, selected ones move to the topic keeping their settings. */
export function mapToTopic(
	objects: readonly ProjectObject[],
	tables: ReadonlyArray<{readonly database: string; readonly table: string}>,
	topic: string,
): MapResult {
	const wanted = new Set(tables.map(idOf));
	let moved = 0;
	const result = objects.map((object) => {
		if (!wanted.has(idOf(object))) return object;
		wanted.delete(idOf(object));
		if (object.topic === topic) return object;
		moved++;
		return {...object, topic};
	});
	let added = 0;
	for (const table of tables) {
		if (!wanted.has(idOf(table))) continue;
		wanted.delete(idOf(table));
		result.push({database: table.database, table: table.table, topic});
		added++;
	}
	return {objects: result, added, moved};
}

/** Tables already in `topic` other than `ids`: a change of topic merges into them. */
export function othersInTopic(objects: readonly ProjectObject[], ids: ReadonlySet<string>, topic: string): number {
	return objects.filter((object) => object.topic === topic && !ids.has(idOf(object))).length;
}

export function removeObjects(objects: readonly ProjectObject[], ids: ReadonlySet<string>): ProjectObject[] {
	return objects.filter((object) => !ids.has(idOf(object)));
}

/** Replaces the selected object with the same table. */
export function replaceObject(objects: readonly ProjectObject[], changed: ProjectObject): ProjectObject[] {
	return objects.map((object) => (idOf(object) === idOf(changed) ? changed : object));
}

export type TopicGroup = {
	readonly topic: string;
	readonly databases: ReadonlyArray<{readonly database: string; readonly objects: readonly ProjectObject[]}>;
	readonly count: number;
};

/** The selection as Topic > Database > Table, each level sorted by name. */
export function groupByTopic(objects: readonly ProjectObject[]): TopicGroup[] {
	const topics = new Map<string, Map<string, ProjectObject[]>>();
	for (const object of objects) {
		const databases = topics.get(object.topic) ?? new Map<string, ProjectObject[]>();
		topics.set(object.topic, databases);
		databases.set(object.database, [...(databases.get(object.database) ?? []), object]);
	}
	const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return [...topics.keys()].sort(byName).map((topic) => {
		const databases = topics.get(topic)!;
		return {
			topic,
			count: [...databases.values()].reduce((sum, list) => sum + list.length, 0),
			databases: [...databases.keys()].sort(byName).map((database) => ({
				database,
				objects: [...databases.get(database)!].sort((a, b) => byName(a.table, b.table)),
			})),
		};
	});
}

/** What a selected table's settings change, in a few words: `WHERE status = 'paid' · as shop.orders · 3 columns`. */
export function settingsSummary(object: ProjectObject): string {
	const parts: string[] = [];
	if (object.where) parts.push(`WHERE ${object.where}`);
	if (object.renameDatabase || object.renameTable) {
		parts.push(`as ${object.renameDatabase ?? object.database}.${object.renameTable ?? object.table}`);
	}
	if (object.shardingColumns?.length) parts.push(`sharding ${object.shardingColumns.join(', ')}`);
	if (object.columns?.length) parts.push(`${object.columns.length} column${object.columns.length === 1 ? '' : 's'}`);
	return parts.join(' · ');
}
