/**
 * The left pane as a list: databases that open onto their tables, filtered by a search text, with the tables that
 * cannot be synchronized (views, Chinese names) shown disabled with the reason and the mapped ones showing their topic.
 */
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import type {ListItem} from '../../../components/list.js';
import {objectId} from './selection.js';

export type SourceRow = {readonly kind: 'database'; readonly database: string} | {readonly kind: 'table'; readonly table: CatalogTable};

export type SourceTree = {
	readonly items: ListItem[];
	/** What each item id stands for. */
	readonly rows: ReadonlyMap<string, SourceRow>;
	/** The selectable tables an item covers: itself, or a database's shown tables. */
	tablesOf(itemId: string): CatalogTable[];
	/** Ids of the items shown checked: marked tables, and databases whose shown selectable tables are all marked. */
	readonly checked: ReadonlySet<string>;
	/** Selectable tables shown (after the filter). */
	readonly selectable: number;
};

export type SourceTreeOptions = {
	/** Databases shown open (all open while a filter is set). */
	readonly expanded: ReadonlySet<string>;
	readonly filter: string;
	/** Marked tables, by objectId. */
	readonly marked: ReadonlySet<string>;
	/** The topic of each selected table, by objectId. */
	readonly mapped: ReadonlyMap<string, string>;
};

export const databaseItemId = (database: string): string => `db\u0000${database}`;
export const tableItemId = (database: string, table: string): string => `tb\u0000${objectId(database, table)}`;

/** Whether a table passes the filter: its `db.table` contains the text (case-insensitive). */
export function matchesFilter(table: CatalogTable, filter: string): boolean {
	const wanted = filter.trim().toLowerCase();
	return wanted === '' || `${table.database}.${table.table}`.toLowerCase().includes(wanted);
}

export function buildSourceTree(tables: readonly CatalogTable[], options: SourceTreeOptions): SourceTree {
	const filtering = options.filter.trim() !== '';
	const byDatabase = new Map<string, CatalogTable[]>();
	for (const table of tables) {
		if (!matchesFilter(table, options.filter)) continue;
		byDatabase.set(table.database, [...(byDatabase.get(table.database) ?? []), table]);
	}
	const items: ListItem[] = [];
	const rows = new Map<string, SourceRow>();
	const covered = new Map<string, CatalogTable[]>();
	const checked = new Set<string>();
	let selectable = 0;
	for (const [database, list] of byDatabase) {
		const open = filtering || options.expanded.has(database);
		const usable = list.filter((table) => !table.disabledReason);
		selectable += usable.length;
		const marked = usable.filter((table) => options.marked.has(objectId(table.database, table.table))).length;
		const id = databaseItemId(database);
		rows.set(id, {kind: 'database', database});
		covered.set(id, usable);
		if (usable.length > 0 && marked === usable.length) checked.add(id);
		const count = `${list.length} table${list.length === 1 ? '' : 's'}${marked > 0 ? `, ${marked} marked` : ''}`;
		items.push({
			id,
			label: `${open ? '▾' : '▸'} ${database}`,
			detail: count,
			disabled: usable.length === 0 ? 'nothing here can be synchronized' : undefined,
		});
		if (!open) continue;
		for (const table of list) {
			const tableId = tableItemId(database, table.table);
			const key = objectId(database, table.table);
			rows.set(tableId, {kind: 'table', table});
			covered.set(tableId, table.disabledReason ? [] : [table]);
			if (options.marked.has(key)) checked.add(tableId);
			const topic = options.mapped.get(key);
			items.push({
				id: tableId,
				label: table.table,
				depth: 1,
				detail: topic ? `→ ${topic}` : undefined,
				disabled: table.disabledReason,
			});
		}
	}
	return {items, rows, checked, selectable, tablesOf: (itemId) => covered.get(itemId) ?? []};
}
