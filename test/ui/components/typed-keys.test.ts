/** Several keys read at once reach the app as one string; typedKeys splits it into what was meant. */
import {describe, expect, it} from 'vitest';
import {applyTypedKeys, hasControlKeys, typedKeys} from '../../../source/ui/components/typed-keys.js';

describe('typed keys', () => {
	it('tells plain text from input that holds keys', () => {
		expect(hasControlKeys('abc 表 😀')).toBe(false);
		expect(hasControlKeys('a\x7f')).toBe(true);
		expect(hasControlKeys('\x1b[D')).toBe(true);
	});

	it('splits text, backspaces (DEL and BS) and line breaks, and drops escape sequences and other controls', () => {
		expect(typedKeys('ab\x7f\bc\r\nd\x1b[1;5De\x1bOHf\x00g\th')).toEqual([
			{kind: 'text', text: 'ab'},
			{kind: 'backspace'},
			{kind: 'backspace'},
			{kind: 'text', text: 'c'},
			{kind: 'newline'},
			{kind: 'text', text: 'defg h'},
		]);
	});

	it('applies backspaces to a one-line value, by character, and never below empty', () => {
		expect(applyTypedKeys('hello\x7f\x7f')).toBe('hel');
		expect(applyTypedKeys('表😀\x7f')).toBe('表');
		expect(applyTypedKeys('a\x7f\x7f\x7fb')).toBe('b');
		expect(applyTypedKeys('one\rtwo')).toBe('onetwo');
	});
});
