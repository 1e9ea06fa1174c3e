import {describe, expect, it} from 'vitest';
import {
	backspace,
	bufferText,
	insertText,
	moveCursor,
	textBuffer,
	visibleSlice,
} from '../../../source/ui/wizard/steps/objects/text-buffer.js';

describe('Step 3: the import text area', () => {
	it('starts with the cursor at the end of the text, a final line break ignored', () => {
		expect(textBuffer('a,b\nc,d\n')).toEqual({lines: ['a,b', 'c,d'], row: 1, col: 3});
		expect(textBuffer()).toEqual({lines: [''], row: 0, col: 0});
	});

	it('inserts typed text at the cursor and splits lines on Enter', () => {
		let buffer = insertText(textBuffer(), 'shop,orders');
		buffer = moveCursor(buffer, 'home');
		buffer = insertText(buffer, '\n');
		expect(buffer).toEqual({lines: ['', 'shop,orders'], row: 1, col: 0});
	});

	it('pastes several lines at once (CR, LF or CRLF), the cursor after the pasted text', () => {
		const buffer = insertText(textBuffer('head tail'), '');
		const pasted = insertText({...buffer, col: 5}, '1\r2\r\n3\n4');
		expect(bufferText(pasted)).toBe('head 1\n2\n3\n4tail');
		expect(pasted).toMatchObject({row: 3, col: 1});
	});

	it('deletes backwards, joining lines at a line start', () => {
		const buffer = {lines: ['ab', 'cd'], row: 1, col: 0};
		expect(backspace(buffer)).toEqual({lines: ['abcd'], row: 0, col: 2});
		expect(backspace({lines: ['ab'], row: 0, col: 0})).toEqual({lines: ['ab'], row: 0, col: 0});
		expect(backspace({lines: ['订单x'], row: 0, col: 2})).toEqual({lines: ['订x'], row: 0, col: 1});
	});

	it('moves the cursor within and across lines', () => {
		const buffer = {lines: ['abc', 'd'], row: 0, col: 3};
		expect(moveCursor(buffer, 'right')).toMatchObject({row: 1, col: 0});
		expect(moveCursor(buffer, 'down')).toMatchObject({row: 1, col: 1});
		expect(moveCursor({...buffer, row: 1, col: 0}, 'left')).toMatchObject({row: 0, col: 3});
		expect(moveCursor(buffer, 'up')).toMatchObject({row: 0, col: 0});
		expect(moveCursor({...buffer, row: 1, col: 1}, 'down')).toMatchObject({row: 1, col: 1});
		expect(moveCursor(buffer, 'bottom')).toMatchObject({row: 1, col: 1});
		expect(moveCursor(buffer, 'top')).toMatchObject({row: 0, col: 0});
	});

	it('shows the part of a long line that holds the cursor', () => {
		expect(visibleSlice('short', 2, 10)).toEqual({start: 0, text: 'short'});
		expect(visibleSlice('0123456789abcdef', 15, 10)).toEqual({start: 7, text: '789abcdef'});
		expect(visibleSlice('0123456789abcdef', 0, 10)).toEqual({start: 0, text: '012345678'});
	});
});
