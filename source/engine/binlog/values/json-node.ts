/**
 * A MySQL JSON value as a tree, for applying the diffs of a JSON partial update (json-diff.ts) to the before image.
 * Scalars keep the exact text json-binary.ts prints for them (BigInt-exact integers, MySQL's doubles, DECIMAL text),
 * so a value that goes through a tree prints byte for byte as one decoded whole.
 */
export type JsonNode =
	| {readonly kind: 'object'; readonly members: Array<[string, JsonNode]>}
	| {readonly kind: 'array'; readonly items: JsonNode[]}
	| {readonly kind: 'scalar'; readonly text: string};

/** JSON text as MySQL prints it (and decodeJsonBinary returns it): `{"k": 1, "a": [1, 2]}`. */
export function printJsonNode(node: JsonNode): string {
	switch (node.kind) {
		case 'scalar':
			return node.text;
		case 'array':
			return `[${node.items.map(printJsonNode).join(', ')}]`;
		case 'object':
			return `{${node.members.map(([key, child]) => `${JSON.stringify(key)}: ${printJsonNode(child)}`).join(', ')}}`;
	}
}

/**
 * MySQL keeps an object's keys ordered shorter first, then by their UTF-8 bytes (sql-common/json_dom.cc
 * Json_key_comparator), and writes them in that order; a member a diff inserts takes its place in it.
 */
export function compareKeys(a: string, b: string): number {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length ? Buffer.compare(left, right) : left.length - right.length;
}
