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

export function writeJson(value: JsonValue): string {
	if (value === null) return 'null';
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof JsonNumber) return value.literal;
	if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
	const parts: string[] = [];
	for (const [key, item] of Object.entries(value as {[key: string]: JsonValue})) parts.push(`${JSON.stringify(key)}:${writeJson(item)}`);
	return `{${parts.join(',')}}`;
}

/** An exact integer or decimal as a JSON number. */
export const num = (value: number | bigint | string): JsonNumber => new JsonNumber(String(value));
