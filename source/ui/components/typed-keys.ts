/**
 * Keys that reach the app in one read come as one string, which Ink does not split into keys: a held Backspace or a
 * burst of keys over a slow SSH link arrives as `"\x7f\x7f"`, arrows as escape sequences among the text. Split into
 * what was meant: text, backspaces and line breaks; escape sequences and other control characters are dropped.
 */
export type TypedKey = {readonly kind: 'text'; readonly text: string} | {readonly kind: 'backspace'} | {readonly kind: 'newline'};

/** Whether the input holds anything but plain text (the common case is a single printable key). */
export function hasControlKeys(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
	return /[\x00-\x1f\x7f]/.test(input);
}

/** Whether the input holds keys that edit rather than type (backspaces, escape sequences); line breaks do not count. */
export function hasEditingKeys(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: DEL, BS and ESC are what this looks for
	return /[\x7f\b\x1b]/.test(input);
}

export function typedKeys(input: string): TypedKey[] {
	const keys: TypedKey[] = [];
	let text = '';
	const flush = () => {
		if (text) keys.push({kind: 'text', text});
		text = '';
	};
	for (let i = 0; i < input.length; i++) {
		const char = input[i]!;
		if (char === '\x7f' || char === '\b') {
			flush();
			keys.push({kind: 'backspace'});
		} else if (char === '\r' || char === '\n') {
			flush();
			if (char === '\r' && input[i + 1] === '\n') i++;
			keys.push({kind: 'newline'});
		} else if (char === '\t') {
			text += ' ';
		} else if (char === '\x1b') {
			// CSI (ESC [ … final byte) or SS3 (ESC O x): an arrow, Home, End… typed among the text; dropped.
			const next = input[i + 1];
			if (next === '[') {
				i += 2;
				while (i < input.length && !/[@-~]/.test(input[i]!)) i++;
			} else if (next === 'O') i += 2;
			else if (next !== undefined) i++;
		} else if (char >= ' ') {
			text += char;
		}
	}
	flush();
	return keys;
}

/** A one-line value with the keys typed into it applied: each backspace removes the character before it. */
export function applyTypedKeys(value: string): string {
	let out: string[] = [];
	for (const key of typedKeys(value)) {
		if (key.kind === 'text') out = out.concat([...key.text]);
		else if (key.kind === 'backspace') out.pop();
	}
	return out.join('');
}
