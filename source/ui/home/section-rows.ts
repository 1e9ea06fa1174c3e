/**
 * A list in sections (Projects, Drafts; Sources, Destinations) flattened into rows, with the window of rows that
 * fits the screen around the selected item. No React: the rendering is in section-list.tsx.
 */

export type Cell = {
	readonly text: string;
	/** Columns; absent: the rest of the line. */
	readonly width?: number;
	readonly tone?: 'ok' | 'warn' | 'error' | 'muted';
};

export type SectionItem = {readonly id: string; readonly cells: readonly Cell[]};

export type Section = {
	readonly title: string;
	readonly items: readonly SectionItem[];
	/** Shown under the title when there are no items. */
	readonly empty: string;
};

export type Row =
	| {readonly kind: 'heading'; readonly key: string; readonly text: string}
	| {readonly kind: 'empty'; readonly key: string; readonly text: string}
	| {readonly kind: 'item'; readonly key: string; readonly item: SectionItem};

export function sectionRows(sections: readonly Section[]): Row[] {
	return sections.flatMap((section): Row[] => [
		{kind: 'heading', key: `h:${section.title}`, text: `${section.title} (${section.items.length})`},
		...(section.items.length === 0
			? [{kind: 'empty' as const, key: `e:${section.title}`, text: section.empty}]
			: section.items.map((item) => ({kind: 'item' as const, key: `i:${item.id}`, item}))),
	]);
}

/** Ids of the items, in order. */
export function itemIds(sections: readonly Section[]): string[] {
	return sections.flatMap((section) => section.items.map((item) => item.id));
}

/** The selected id if it still exists, else the item at the same place (or the last), else null. */
export function keepSelection(ids: readonly string[], selected: string | null, previousIndex = 0): string | null {
	if (selected !== null && ids.includes(selected)) return selected;
	if (ids.length === 0) return null;
	return ids[Math.min(Math.max(0, previousIndex), ids.length - 1)]!;
}

/** The first and last (exclusive) rows to show so that `height` rows hold the selected row. */
export function rowWindow(rows: readonly Row[], selected: string | null, height: number): {start: number; end: number} {
	if (rows.length <= height) return {start: 0, end: rows.length};
	const at = Math.max(
		0,
		rows.findIndex((row) => row.kind === 'item' && row.item.id === selected),
	);
	// Centred on the selected row: a section's first item comes with its heading above it.
	const start = Math.max(0, Math.min(at - Math.floor(height / 2), rows.length - height));
	return {start, end: start + height};
}
