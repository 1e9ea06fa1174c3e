/** What Step 1 needs before the wizard goes on: a valid, unused project name, a source and a destination. Pure. */
import {projectNameSchema} from '../../../../engine/project/project-schema.js';
import type {Draft} from '../../draft.js';

export type StepOneProblems = {
	readonly name?: string;
	readonly source?: string;
	readonly destination?: string;
};

/**
 * What is wrong with a project name: the schema's rule (1-64 characters, letters incl. Chinese, digits, _ and -),
 * or that another project already has it. A project being edited keeps its own name.
 */
export function projectNameProblem(name: string, existing: readonly string[], editing: string | null): string | undefined {
	const parsed = projectNameSchema.safeParse(name);
	if (!parsed.success) return parsed.error.issues[0]?.message ?? 'the project name is not valid';
	if (name !== editing && existing.includes(name)) {
		return `a project named "${name}" already exists: choose another name (to change that project, open it from the project list)`;
	}
	return undefined;
}

/** Every problem that stops Step 1 going on; empty when there is none. */
export function stepOneProblems(draft: Draft, existingProjects: readonly string[]): StepOneProblems {
	const name = projectNameProblem(draft.name, existingProjects, draft.editing);
	return {
		...(name ? {name} : {}),
		...(draft.source ? {} : {source: 'pick a source data source, or add one'}),
		...(draft.destination ? {} : {destination: 'pick a destination data source, or add one'}),
	};
}
