/**
 * The diff list a PARTIAL_UPDATE_ROWS event logs for a JSON column instead of its after value, and how it applies
 * to the before value. Layout (mysql-server sql-common/json_diff.cc, Json_diff_vector::write_binary and
 * Json_diff::write_binary; read_json_diff reads it back): the diffs one after another, each an operation byte, the
 * path as a length-encoded length and its text (json-path.ts), and for REPLACE and INSERT the value as a
 * length-encoded length and MySQL binary JSON. The 4-byte length before them is the column's own length prefix.
 * Semantics (json_diff.cc apply_json_diff): REPLACE an existing value; INSERT a member that is not there yet, or an
 * array element at an index (past the end: appended); REMOVE an existing member or element. A diff that does not
 * apply means the event contradicts its own before image: a corrupt event, as the server's replica would say.
 */
import {ByteReader} from '../byte-reader.js';
import {decodeJsonNode} from './json-binary.js';
import {compareKeys, type JsonNode} from './json-node.js';
import {type JsonPathLeg, parseJsonPath} from './json-path.js';
import {PartialJsonUnsupported} from './partial-json-error.js';

/** enum_json_diff_operation (sql-common/json_diff.h). */
export const JsonDiffOperation = {REPLACE: 0, INSERT: 1, REMOVE: 2} as const;
const operationNames = ['REPLACE', 'INSERT', 'REMOVE'];

export type JsonDiff = {readonly operation: number; readonly path: string; readonly legs: JsonPathLeg[]; readonly value: JsonNode | null};

/** The diffs of one column value (the bytes after its length prefix). */
export function readJsonDiffs(bytes: Buffer): JsonDiff[] {
	const reader = new ByteReader(bytes);
	const diffs: JsonDiff[] = [];
	while (reader.remaining > 0) {
		const operation = reader.u8();
		if (operation > JsonDiffOperation.REMOVE) {
			throw new PartialJsonUnsupported(
				`JSON diff operation ${operation}, which obsync does not know (it knows 0 REPLACE, 1 INSERT, 2 REMOVE)`,
			);
		}
		const path = reader.string(reader.packedInt());
		const legs = parseJsonPath(path);
		const value = operation === JsonDiffOperation.REMOVE ? null : decodeJsonNode(reader.bytes(reader.packedInt()));
		diffs.push({operation, path, legs, value});
	}
	return diffs;
}

/** Applies the diffs in order to `before` (changed in place) and returns the after value. */
export function applyJsonDiffs(before: JsonNode, diffs: readonly JsonDiff[]): JsonNode {
	let root = before;
	diffs.forEach((diff, i) => {
		const problem = applyOne(root, diff);
		if (typeof problem === 'string') {
			throw new RangeError(
				`JSON diff ${i + 1} (${operationNames[diff.operation]} ${diff.path}) does not apply to the before value: ${problem}`,
			);
		}
		root = problem;
	});
	return root;
}

/** The new root, or why the diff does not apply. */
function applyOne(root: JsonNode, {operation, legs, value}: JsonDiff): JsonNode | string {
	if (legs.length === 0) return operation === JsonDiffOperation.REPLACE ? value! : 'the path is the whole document';
	const parent = seek(root, legs.slice(0, -1));
	if (!parent) return 'no value at the path of its container';
	const last = legs.at(-1)!;
	if (parent.kind === 'object' && last.kind === 'member') {
		const at = parent.members.findIndex(([key]) => key === last.name);
		if (operation === JsonDiffOperation.INSERT) {
			if (at >= 0) return 'the member is already there';
			const before = parent.members.findIndex(([key]) => compareKeys(last.name, key) < 0);
			parent.members.splice(before < 0 ? parent.members.length : before, 0, [last.name, value!]);
		} else if (at < 0) {
			return 'no such member';
		} else if (operation === JsonDiffOperation.REPLACE) {
			parent.members[at] = [last.name, value!];
		} else {
			parent.members.splice(at, 1);
		}
		return root;
	}
	if (parent.kind === 'array' && last.kind === 'cell') {
		const {position, within} = arrayIndex(last, parent.items.length);
		if (operation === JsonDiffOperation.INSERT) parent.items.splice(position, 0, value!);
		else if (!within) return `index ${last.fromEnd ? 'last-' : ''}${last.index} is outside an array of ${parent.items.length}`;
		else if (operation === JsonDiffOperation.REPLACE) parent.items[position] = value!;
		else parent.items.splice(position, 1);
		return root;
	}
	return `a ${last.kind === 'member' ? 'key' : 'array index'} on ${parent.kind === 'scalar' ? 'a scalar' : `an ${parent.kind}`}`;
}

/** The value at an exact path, without auto-wrapping (json_diff.cc seek_exact_path). */
function seek(root: JsonNode, legs: readonly JsonPathLeg[]): JsonNode | undefined {
	let node: JsonNode | undefined = root;
	for (const leg of legs) {
		if (node.kind === 'object' && leg.kind === 'member') node = node.members.find(([key]) => key === leg.name)?.[1];
		else if (node.kind === 'array' && leg.kind === 'cell') {
			const {position, within} = arrayIndex(leg, node.items.length);
			node = within ? node.items[position] : undefined;
		} else node = undefined;
		if (!node) return undefined;
	}
	return node;
}

/** Json_array_index (sql-common/json_path.h): from the end, or clamped to the length (where INSERT appends). */
function arrayIndex(leg: {index: number; fromEnd: boolean}, length: number): {position: number; within: boolean} {
	const within = leg.index < length;
	if (leg.fromEnd) return {position: within ? length - leg.index - 1 : 0, within};
	return {position: Math.min(leg.index, length), within};
}
