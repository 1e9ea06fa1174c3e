/** Reading a project from JSON (a file, the store) with errors that say which field is wrong and why. */
import type {z} from 'zod';
import {ConfigError} from '../errors.js';
import {closest} from './closest.js';
import {destinationSchema, objectSchema, optionsSchema, type Project, projectSchema, sourceSchema} from './project-schema.js';

/** The field names an object at `path` may have (the schemas are strict: anything else is an error). */
function knownFields(path: readonly PropertyKey[]): readonly string[] {
	const [first, second] = path;
	switch (first) {
		case undefined:
			return Object.keys(projectSchema.shape);
		case 'source':
			return second === 'binlog' ? Object.keys(sourceSchema.shape.binlog.unwrap().shape) : Object.keys(sourceSchema.shape);
		case 'destination':
			return Object.keys(destinationSchema.shape);
		case 'objects':
			return Object.keys(objectSchema.shape);
		case 'options':
			return Object.keys(optionsSchema.shape);
		default:
			return [];
	}
}

const pathText = (path: readonly PropertyKey[]) => (path.length > 0 ? path.map(String).join('.') : '(top level)');

function describeIssue(issue: z.core.$ZodIssue): string[] {
	if (issue.code !== 'unrecognized_keys') return [`  ${pathText(issue.path)}: ${issue.message}`];
	const known = knownFields(issue.path);
	return issue.keys.map((key) => {
		const near = closest(key, known);
		const advice = near ? `did you mean "${near}"?` : `the fields here are ${known.join(', ')}`;
		return `  ${pathText([...issue.path, key])}: unknown field; ${advice}`;
	});
}

export function parseProject(value: unknown, where: string): Project {
	const parsed = projectSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	const lines = parsed.error.issues.flatMap(describeIssue);
	throw new ConfigError(`${where} is not a valid obsync project:\n${lines.join('\n')}`, {
		hint: 'correct the fields named above; the README (Project file) documents every field with an example',
	});
}

export function parseProjectText(text: string, where: string): Project {
	let value: unknown;
	try {
		// A byte order mark (editors on Windows write one) is not part of the JSON.
		value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
	} catch (error) {
		throw new ConfigError(`${where} is not JSON: ${(error as Error).message}`, {
			hint: 'a project file is one JSON object, as `obsync project export NAME` writes it',
		});
	}
	return parseProject(value, where);
}
