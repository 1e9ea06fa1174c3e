/**
 * The JSON paths of JSON diffs, as the server writes them (mysql-server sql-common/json_path.cc,
 * Json_path_leg::to_string): `$`, then legs `.name` (an ECMAScript identifier), `."any key"` (quoted and escaped as a
 * JSON string), `[N]`, `[last]` or `[last-N]`. A diff only ever holds such exact paths (json_diff.cc seek_exact_path
 * asserts it); wildcards, ranges and anything else are refused as unsupported, naming the path.
 */
import {PartialJsonUnsupported} from './partial-json-error.js';

export type JsonPathLeg =
	| {readonly kind: 'member'; readonly name: string}
	/** `fromEnd`: `[last-N]`, index N counted back from the last element. */
	| {readonly kind: 'cell'; readonly index: number; readonly fromEnd: boolean};

export function parseJsonPath(text: string): JsonPathLeg[] {
	const refuse = (what: string): never => {
		throw new PartialJsonUnsupported(`JSON path ${JSON.stringify(text)} has ${what}, which obsync does not apply`);
	};
	if (text[0] !== '$') refuse('no leading $');
	const legs: JsonPathLeg[] = [];
	let at = 1;
	while (at < text.length) {
		const char = text[at];
		if (char === '.' && text[at + 1] === '"') {
			const end = closingQuote(text, at + 2);
			if (end < 0) refuse('an unterminated quoted key');
			legs.push({kind: 'member', name: parseQuoted(text.slice(at + 1, end + 1)) ?? refuse('a malformed quoted key')});
			at = end + 1;
		} else if (char === '.') {
			let end = at + 1;
			while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
			const name = text.slice(at + 1, end);
			if (name === '*') refuse('a member wildcard (.*)');
			if (name === '' || /[\s"*\\]/.test(name)) refuse(`the key ${JSON.stringify(name)}`);
			legs.push({kind: 'member', name});
			at = end;
		} else if (char === '[') {
			const end = text.indexOf(']', at);
			if (end < 0) refuse('an unterminated array index');
			legs.push(arrayLeg(text.slice(at + 1, end)) ?? refuse(`the array leg [${text.slice(at + 1, end)}]`));
			at = end + 1;
		} else if (char === '*') {
			refuse('an ellipsis (**)');
		} else {
			refuse(`${JSON.stringify(char)} at offset ${at}`);
		}
	}
	return legs;
}

function closingQuote(text: string, from: number): number {
	for (let at = from; at < text.length; at++) {
		if (text[at] === '\\') at++;
		else if (text[at] === '"') return at;
	}
	return -1;
}

function parseQuoted(quoted: string): string | undefined {
	try {
		return JSON.parse(quoted) as string;
	} catch {
		return undefined;
	}
}

function arrayLeg(inside: string): JsonPathLeg | undefined {
	const plain = /^(\d+)$/.exec(inside);
	if (plain) return {kind: 'cell', index: Number(plain[1]), fromEnd: false};
	const fromEnd = /^last(?:-(\d+))?$/.exec(inside);
	if (fromEnd) return {kind: 'cell', index: fromEnd[1] === undefined ? 0 : Number(fromEnd[1]), fromEnd: true};
	return undefined; // [*], [a to b]
}
