/**
 * A multi-line text being edited (Ink has no text area): lines and a cursor, and the edits keys make. Pasted text
 * with line breaks becomes several lines. Pure; the editor component maps keys to these functions.
 */
export type TextBuffer = {readonly lines: readonly string[]; readonly row: number; readonly col: number};

/** A buffer holding `text`, the cursor at its end. */
export function textBuffer(text = ''): TextBuffer {
	const lines = text.split(/\r\n|\r|\n/);
	if (lines.length > 1 && lines.at(-1) === '') lines.pop();
	const row = lines.length - 1;
	return {lines, row, col: [...lines[row]!].length};
}

export function bufferText(buffer: TextBuffer): string {
	return buffer.lines.join('\n');
}

/** Lines are edited by code point, so a Chinese character or an emoji is one step of the cursor. */
const chars = (line: string) => [...line];

/** Inserts typed or pasted text at the cursor; line breaks split the line. */
export function insertText(buffer: TextBuffer, text: string): TextBuffer {
	const pieces = text.replaceAll('\t', ' ').split(/\r\n|\r|\n/);
	const line = chars(buffer.lines[buffer.row]!);
	const before = line.slice(0, buffer.col).join('');
	const after = line.slice(buffer.col).join('');
	const lines = [...buffer.lines];
	if (pieces.length === 1) {
		lines[buffer.row] = before + pieces[0]! + after;
		return {lines, row: buffer.row, col: buffer.col + chars(pieces[0]!).length};
	}
	const last = pieces.at(-1)!;
	const inserted = [before + pieces[0]!, ...pieces.slice(1, -1), last + after];
	lines.splice(buffer.row, 1, ...inserted);
	return {lines, row: buffer.row + pieces.length - 1, col: chars(last).length};
}

/** Deletes the character before the cursor, joining with the previous line at a line start. */
export function backspace(buffer: TextBuffer): TextBuffer {
	const lines = [...buffer.lines];
	if (buffer.col > 0) {
		const line = chars(lines[buffer.row]!);
		line.splice(buffer.col - 1, 1);
		lines[buffer.row] = line.join('');
		return {lines, row: buffer.row, col: buffer.col - 1};
	}
	if (buffer.row === 0) return buffer;
	const previous = lines[buffer.row - 1]!;
	lines.splice(buffer.row - 1, 2, previous + lines[buffer.row]!);
	return {lines, row: buffer.row - 1, col: chars(previous).length};
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'top' | 'bottom';

export function moveCursor(buffer: TextBuffer, move: Move): TextBuffer {
	const length = (row: number) => chars(buffer.lines[row]!).length;
	const last = buffer.lines.length - 1;
	switch (move) {
		case 'left':
			if (buffer.col > 0) return {...buffer, col: buffer.col - 1};
			return buffer.row > 0 ? {...buffer, row: buffer.row - 1, col: length(buffer.row - 1)} : buffer;
		case 'right':
			if (buffer.col < length(buffer.row)) return {...buffer, col: buffer.col + 1};
			return buffer.row < last ? {...buffer, row: buffer.row + 1, col: 0} : buffer;
		case 'up':
			return buffer.row > 0 ? {...buffer, row: buffer.row - 1, col: Math.min(buffer.col, length(buffer.row - 1))} : {...buffer, col: 0};
		case 'down':
			return buffer.row < last
				? {...buffer, row: buffer.row + 1, col: Math.min(buffer.col, length(buffer.row + 1))}
				: {...buffer, col: length(last)};
		case 'home':
			return {...buffer, col: 0};
		case 'end':
			return {...buffer, col: length(buffer.row)};
		case 'top':
			return {...buffer, row: 0, col: 0};
		case 'bottom':
			return {...buffer, row: last, col: length(last)};
	}
}

/** The part of a line to show in `width` columns so the cursor stays visible: its start and its text. */
export function visibleSlice(line: string, col: number, width: number): {start: number; text: string} {
	const all = chars(line);
	if (all.length < width) return {start: 0, text: line};
	const start = Math.max(0, Math.min(col - width + 2, all.length - width + 1));
	return {start, text: all.slice(start, start + width - 1).join('')};
}
