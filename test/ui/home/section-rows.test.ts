import {describe, expect, it} from 'vitest';
import {itemIds, keepSelection, rowWindow, type Section, sectionRows} from '../../../source/ui/home/section-rows.js';

const item = (id: string) => ({id, cells: [{text: id}]});
const sections: Section[] = [
	{title: 'Projects', empty: 'none', items: ['a', 'b', 'c', 'd', 'e'].map(item)},
	{title: 'Drafts', empty: 'no drafts', items: []},
	{title: 'Other', empty: 'none', items: ['x', 'y'].map(item)},
];

describe('sectioned lists', () => {
	it('flattens sections into headings with counts, items, and the empty text of an empty section', () => {
		const rows = sectionRows(sections);
		expect(rows.map((row) => (row.kind === 'item' ? row.item.id : row.text))).toEqual([
			'Projects (5)',
			'a',
			'b',
			'c',
			'd',
			'e',
			'Drafts (0)',
			'no drafts',
			'Other (2)',
			'x',
			'y',
		]);
		expect(itemIds(sections)).toEqual(['a', 'b', 'c', 'd', 'e', 'x', 'y']);
	});

	it('keeps the selection by id, else falls back to the same place or the last item', () => {
		expect(keepSelection(['a', 'b'], 'b', 0)).toBe('b');
		expect(keepSelection(['a', 'c'], 'b', 1)).toBe('c');
		expect(keepSelection(['a'], 'b', 4)).toBe('a');
		expect(keepSelection([], 'b', 0)).toBeNull();
		expect(keepSelection(['a', 'b'], null)).toBe('a');
	});

	it('shows every row when they fit, else a window around the selected item', () => {
		const rows = sectionRows(sections);
		expect(rowWindow(rows, 'a', 20)).toEqual({start: 0, end: rows.length});
		expect(rowWindow(rows, 'a', 4)).toEqual({start: 0, end: 4});
		expect(rowWindow(rows, 'y', 4)).toEqual({start: rows.length - 4, end: rows.length});
		const middle = rowWindow(rows, 'd', 4);
		expect(middle.start).toBeLessThanOrEqual(4);
		expect(middle.end).toBeGreaterThan(4);
	});

	it('shows the heading of a section above its first item when scrolling to it', () => {
		const rows = sectionRows([{title: 'A', empty: '', items: ['1', '2', '3', '4', '5', '6'].map(item)}, ...sections.slice(2)]);
		const {start} = rowWindow(rows, 'x', 2);
		expect(rows[start]).toMatchObject({kind: 'heading', text: 'Other (2)'});
	});
});
