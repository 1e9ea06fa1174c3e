/**
 * A list in sections with one cursor across them: ↑/↓ (PgUp/PgDn, Home/End) move it; headings are skipped. The
 * parent owns the selection (by id) and acts on Enter and letters; at most `height` rows show.
 */
import {Box, Text} from 'ink';
import {useKeys} from '../components/keys.js';
import {theme} from '../theme.js';
import {type Cell, itemIds, rowWindow, type Section, sectionRows} from './section-rows.js';

export type SectionListProps = {
	readonly sections: readonly Section[];
	readonly selected: string | null;
	readonly onSelect: (id: string) => void;
	/** @default true */
	readonly isActive?: boolean;
	/** Rows shown, headings included. @default 12 */
	readonly height?: number;
};

const toneColor = (tone: Cell['tone']) =>
	tone === 'ok' ? theme.ok : tone === 'warn' ? theme.warn : tone === 'error' ? theme.error : tone === 'muted' ? theme.muted : undefined;

export function SectionList({sections, selected, onSelect, isActive = true, height = 12}: SectionListProps) {
	const ids = itemIds(sections);
	const at = selected === null ? -1 : ids.indexOf(selected);
	useKeys(
		(_input, key) => {
			if (ids.length === 0) return;
			const go = (to: number) => onSelect(ids[Math.max(0, Math.min(ids.length - 1, to))]!);
			if (key.upArrow) go(at - 1);
			else if (key.downArrow) go(at + 1);
			else if (key.pageUp) go(at - Math.max(1, height - 2));
			else if (key.pageDown) go(at + Math.max(1, height - 2));
			else if (key.home) go(0);
			else if (key.end) go(ids.length - 1);
		},
		{isActive},
	);
	const rows = sectionRows(sections);
	const overflow = rows.length > height;
	const {start, end} = rowWindow(rows, selected, overflow ? height - 1 : height);
	const above = start;
	const below = rows.length - end;
	return (
		<Box flexDirection="column">
			{rows.slice(start, end).map((row) => {
				if (row.kind === 'heading') {
					return (
						<Text key={row.key} bold wrap="truncate-end">
							{row.text}
						</Text>
					);
				}
				if (row.kind === 'empty') {
					return (
						<Text key={row.key} color={theme.muted} wrap="truncate-end">
							{'  '}
							{row.text}
						</Text>
					);
				}
				const focused = isActive && row.item.id === selected;
				return (
					<Box key={row.key}>
						<Text color={focused ? theme.focus : undefined} bold={focused}>
							{focused ? '› ' : '  '}
						</Text>
						{row.item.cells.map((cell, i) => (
							<Box
								// biome-ignore lint/suspicious/noArrayIndexKey: cells are columns, in a fixed order
								key={i}
								{...(cell.width === undefined ? {flexGrow: 1, flexShrink: 1} : {width: cell.width, flexShrink: 0})}
								marginRight={cell.width === undefined ? 0 : 1}
							>
								<Text wrap="truncate-end" bold={focused && i === 0} color={toneColor(cell.tone) ?? (focused ? theme.focus : undefined)}>
									{cell.text}
								</Text>
							</Box>
						))}
					</Box>
				);
			})}
			{overflow ? (
				<Text color={theme.muted}>
					{[above > 0 ? `↑ ${above} more` : '', below > 0 ? `↓ ${below} more` : ''].filter(Boolean).join(' · ')}
				</Text>
			) : null}
		</Box>
	);
}
