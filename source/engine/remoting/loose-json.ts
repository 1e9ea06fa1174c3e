/**
 * JSON as RocketMQ's servers write it. They serialize with fastjson, which writes the keys of maps with non-string keys
 * bare: a route's `"brokerAddrs":{0:"127.0.0.1:10911"}` (HashMap<Long, String>). JSON.parse refuses that, so bare keys
 * are quoted first, by a scan that steps over string literals; nothing is evaluated.
 */

/** Parses JSON that may have bare (unquoted) object keys. Throws SyntaxError on anything else that is not JSON. */
export function parseLooseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return JSON.parse(quoteBareKeys(text));
	}
}

const keyCharacter = /[A-Za-z0-9_$.+-]/;
const whitespace = /\s/;

/** Puts double quotes around object keys written without them, e.g. `{0:"a", -1:"b"}` → `{"0":"a", "-1":"b"}`. */
export function quoteBareKeys(text: string): string {
	let out = '';
	let index = 0;
	/** True right after `{` or `,`, where an object key may start (in an array no value is followed by `:`). */
	let keyMayFollow = false;
	while (index < text.length) {
		const character = text[index]!;
		if (character === '"') {
			const end = endOfString(text, index);
			out += text.slice(index, end);
			index = end;
			keyMayFollow = false;
			continue;
		}
		if (character === '{' || character === ',') {
			out += character;
			index++;
			keyMayFollow = true;
			continue;
		}
		if (whitespace.test(character)) {
			out += character;
			index++;
			continue;
		}
		if (keyMayFollow && keyCharacter.test(character)) {
			let end = index;
			while (end < text.length && keyCharacter.test(text[end]!)) end++;
			let after = end;
			while (after < text.length && whitespace.test(text[after]!)) after++;
			if (text[after] === ':') {
				out += `"${text.slice(index, end)}"`;
				index = end;
				keyMayFollow = false;
				continue;
			}
		}
		out += character;
		index++;
		keyMayFollow = false;
	}
	return out;
}

/** Index just past the string literal that opens at `start` (or the end of the text when it is not closed). */
function endOfString(text: string, start: number): number {
	let index = start + 1;
	while (index < text.length) {
		const character = text[index];
		if (character === '\\') index += 2;
		else if (character === '"') return index + 1;
		else index++;
	}
	return text.length;
}
