/** Reading a project from JSON (a file, the store) with errors that say which field is wrong and why. */
import {ConfigError} from '../errors.js';
import {type Project, projectSchema} from './project-schema.js';

export function parseProject(value: unknown, where: string): Project {
	const parsed = projectSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	const lines = parsed.error.issues.map((issue) => `  ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
	throw new ConfigError(`${where} is not a valid obsync project:\n${lines.join('\n')}`, {
		hint: 'the README (Project file) documents every field with an example',
	});
}

export function parseProjectText(text: string, where: string): Project {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`${where} is not JSON: ${(error as Error).message}`);
	}
	return parseProject(value, where);
}
