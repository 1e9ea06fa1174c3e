/**
 * A JSON writer that cannot lose digits: numbers that must stay exact (BIGINT UNSIGNED, DECIMAL(65,30) with its
 * trailing zeros) travel as `JsonNumber`, whose literal text is written as is. JSON.stringify cannot do this.
 * Output is compact UTF-8 JSON with keys in insertion order.
 */
export class JsonNumber {
	readonly literal: string;

	constructor(literal: string) {
		if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) throw new RangeError(`not a JSON number: ${literal}`);
		this.literal = literal;
	}
}

export type JsonValue = null | boolean | string | JsonNumber | readonly JsonValue[] | {readonly [key: string]: JsonValue};

/**
 * Written by appending to one string, keys quoted once and remembered: the e2e benchmark's profile had this writer
 * on top of obsync's own code (9.4% of the CPU at 11,000 rows/s) when it built an array and a join per object and
 * quoted every key of every row again.
 */
export function writeJson(value: JsonValue): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
	}
	if (value instanceof JsonNumber) return value.literal;
	if (Array.isArray(value)) {
		let out = '[';
		for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + writeJson(value[i] as JsonValue);
		return `${out}]`;
	}
	const object = value as {readonly [key: string]: JsonValue};
	let out = '{';
	let first = true;
	// for…in visits an object literal's keys in the order Object.entries does (integer-like keys first).
	for (const key in object) {
		out += `${first ? '' : ','}${quotedKey(key)}:${writeJson(object[key] as JsonValue)}`;
		first = false;
	}
	return `${out}}`;
}

/** Keys repeat (metadata names, column names): each is quoted once. Bounded, for tables with endless column names. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
	let quoted = quotedKeys.get(key);
	if (quoted === undefined) {
		quoted = JSON.stringify(key);
		if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
	}
	return quoted;
}

/** An exact integer or decimal as a JSON number. */
export const num = (value: number | bigint | string): JsonNumber => new JsonNumber(String(value));
