/**
 * A scrolling list: ↑/↓ (and PgUp/PgDn, Home/End) move, Enter picks, Space toggles when the list is multi-select.
 * A disabled item shows why and cannot be picked or toggled. Only `height` rows show; the cursor stays in view.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';

import {theme} from '../theme.js';
import {useKeys} from './keys.js';

export type ListItem = {
	readonly id: string;
	readonly label: string;
	/** Shown after the label, muted. */
	readonly detail?: string | undefined;
	/** Why the item cannot be chosen; absent when it can. */
	readonly disabled?: string | undefined;
	/** Indentation level (a tree shown as a list). @default 0 */
	readonly depth?: number;
};

export type ListProps = {
	readonly items: readonly ListItem[];
	/** Ids of the checked items; a list without it has no check boxes. */
	readonly checked?: ReadonlySet<string>;
	readonly onToggle?: (item: ListItem) => void;
	readonly onSubmit?: (item: ListItem) => void;
	readonly onHighlight?: (item: ListItem) => void;
	/** @default true */
	readonly isActive?: boolean;
	/** Rows shown. @default 10 */
	readonly height?: number;
	/** Shown when there are no items. */
	readonly empty?: string;
};

export function List({items, checked, onToggle, onSubmit, onHighlight, isActive = true, height = 10, empty = '(nothing here)'}: ListProps) {
	const [cursor, setCursor] = useState(0);
	const at = Math.min(cursor, Math.max(0, items.length - 1));
	const current = items[at];
	const highlighted = useRef<string | undefined>(undefined);
	useEffect(() => {
		if (!current || highlighted.current === current.id) return;
		highlighted.current = current.id;
		onHighlight?.(current);
	});
	// Keys that arrive together (a burst, key repeat) are handled before React renders again: the cursor they move
	// is kept in a ref, so each key starts where the previous one left it.
	const live = useRef(at);
	live.current = Math.min(live.current, Math.max(0, items.length - 1));
	useEffect(() => {
		live.current = at;
	}, [at]);
	useKeys(
		(input, key) => {
			if (items.length === 0) return;
			const from = Math.min(live.current, items.length - 1);
			const go = (to: number) => {
				live.current = Math.max(0, Math.min(items.length - 1, to));
				setCursor(live.current);
			};
			const item = items[from];
			if (key.upArrow) return go(from - 1);
			if (key.downArrow) return go(from + 1);
			if (key.pageUp) return go(from - height);
			if (key.pageDown) return go(from + height);
			if (key.home) return go(0);
			if (key.end) return go(items.length - 1);
			if (input === ' ' && checked && item && !item.disabled) return onToggle?.(item);
			if (key.return && item && !item.disabled) return onSubmit?.(item);
		},
		{isActive},
	);
	if (items.length === 0) return <Text color={theme.muted}>{empty}</Text>;
	const start = Math.max(0, Math.min(at - Math.floor(height / 2), items.length - height));
	const shown = items.slice(start, start + height);
	return (
		<Box flexDirection="column">
			{start > 0 ? <Text color={theme.muted}> ↑ {start} more</Text> : null}
			{shown.map((item) => {
				const focused = isActive && item.id === current?.id;
				const box = checked ? (checked.has(item.id) ? '[x] ' : '[ ] ') : '';
				return (
					<Text key={item.id} wrap="truncate-end" color={item.disabled ? theme.muted : focused ? theme.focus : undefined} bold={focused}>
						{focused ? '› ' : '  '}
						{'  '.repeat(item.depth ?? 0)}
						{item.disabled && checked ? '[-] ' : box}
						{item.label}
						{item.detail ? <Text color={theme.muted}> {item.detail}</Text> : null}
						{item.disabled ? <Text color={theme.muted}> ({item.disabled})</Text> : null}
					</Text>
				);
			})}
			{start + height < items.length ? <Text color={theme.muted}> ↓ {items.length - start - height} more</Text> : null}
		</Box>
	);
}
