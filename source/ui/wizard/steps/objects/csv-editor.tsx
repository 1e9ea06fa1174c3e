/**
 * A small text area for CSV: numbered lines, a cursor, typing and pasting (several lines at once), Enter for a new
 * line, Backspace, arrows, Home/End, PgUp/PgDn. Lines with a validation error are marked ✘ in the margin. Control
 * keys are left to the dialog around it (Ctrl+D validates there).
 */
import {Box, Text} from 'ink';
import {useKeys} from '../../../components/keys.js';
import {hasEditingKeys, typedKeys} from '../../../components/typed-keys.js';
import {useClaimTyping} from '../../../components/typing.js';
import {theme} from '../../../theme.js';
import {backspace, insertText, moveCursor, type TextBuffer, visibleSlice} from './text-buffer.js';

export type CsvEditorProps = {
	readonly buffer: TextBuffer;
	readonly onChange: (buffer: TextBuffer) => void;
	/** Lines shown. */
	readonly height: number;
	/** Columns for the text (after the margin). */
	readonly width: number;
	readonly isActive: boolean;
	/** 1-based numbers of lines with errors. */
	readonly errorLines: ReadonlySet<number>;
	readonly placeholder?: string;
};

export function CsvEditor({buffer, onChange, height, width, isActive, errorLines, placeholder}: CsvEditorProps) {
	useClaimTyping(isActive);
	useKeys(
		(input, key) => {
			if (key.ctrl || key.escape || key.tab) return;
			if (key.return) return onChange(insertText(buffer, '\n'));
			if (key.backspace || key.delete) return onChange(backspace(buffer));
			if (key.upArrow) return onChange(moveCursor(buffer, 'up'));
			if (key.downArrow) return onChange(moveCursor(buffer, 'down'));
			if (key.leftArrow) return onChange(moveCursor(buffer, 'left'));
			if (key.rightArrow) return onChange(moveCursor(buffer, 'right'));
			if (key.home) return onChange(moveCursor(buffer, 'home'));
			if (key.end) return onChange(moveCursor(buffer, 'end'));
			if (key.pageUp || key.pageDown) {
				let moved = buffer;
				for (let i = 0; i < height; i++) moved = moveCursor(moved, key.pageUp ? 'up' : 'down');
				return onChange(moved);
			}
			if (!input) return;
			// A paste (line breaks and tabs included) is inserted at once; insertText splits its lines.
			if (!hasEditingKeys(input)) return onChange(insertText(buffer, input));
			// Several keys in one read: each applied in turn.
			let edited = buffer;
			for (const typed of typedKeys(input)) {
				if (typed.kind === 'text') edited = insertText(edited, typed.text);
				else if (typed.kind === 'newline') edited = insertText(edited, '\n');
				else edited = backspace(edited);
			}
			onChange(edited);
		},
		{isActive},
	);
	const start = Math.max(0, Math.min(buffer.row - Math.floor(height / 2), buffer.lines.length - height));
	const shown = buffer.lines.slice(start, start + height);
	const empty = buffer.lines.length === 1 && buffer.lines[0] === '';
	const gutter = String(buffer.lines.length).length;
	return (
		<Box flexDirection="column">
			{start > 0 ? (
				<Text color={theme.muted}>
					{' '.repeat(gutter + 3)}↑ {start} more
				</Text>
			) : null}
			{shown.map((line, i) => {
				const row = start + i;
				const number = row + 1;
				const mark = errorLines.has(number) ? '✘' : ' ';
				const margin = (
					<Text color={errorLines.has(number) ? theme.error : theme.muted}>
						{mark}
						{String(number).padStart(gutter)} │{' '}
					</Text>
				);
				if (row !== buffer.row || !isActive) {
					const slice = visibleSlice(line, 0, width);
					return (
						<Text key={number} wrap="truncate-end">
							{margin}
							{empty && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : slice.text}
							{slice.text.length < [...line].length ? <Text color={theme.muted}>…</Text> : null}
						</Text>
					);
				}
				const slice = visibleSlice(line, buffer.col, width);
				const chars = [...slice.text];
				const at = buffer.col - slice.start;
				return (
					<Text key={number} wrap="truncate-end">
						{margin}
						{chars.slice(0, at).join('')}
						<Text inverse>{chars[at] ?? ' '}</Text>
						{chars.slice(at + 1).join('')}
						{empty && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null}
					</Text>
				);
			})}
			{start + height < buffer.lines.length ? (
				<Text color={theme.muted}>
					{' '.repeat(gutter + 3)}↓ {buffer.lines.length - start - height} more
				</Text>
			) : null}
		</Box>
	);
}
