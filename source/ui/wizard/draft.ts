/**
 * A wizard run in progress: everything the user entered so far, saved to the store after every step so a dropped
 * SSH session loses nothing. A draft becomes a project through the one project schema (`draftToProject`).
 */
import {randomUUID} from 'node:crypto';
import type {z} from 'zod';
import type {CheckResult} from '../../engine/precheck/prechecks.js';
import {
	type DestinationSettings,
	OPERATIONS,
	type Operation,
	type optionsSchema,
	type Project,
	type ProjectObject,
	projectSchema,
	type SourceSettings,
} from '../../engine/project/project-schema.js';

export const STEPS = ['source-destination', 'sync-type', 'objects', 'options', 'precheck'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_TITLES: Record<StepId, string> = {
	'source-destination': 'Source and destination',
	'sync-type': 'Synchronization type',
	objects: 'Objects',
	options: 'Options',
	precheck: 'Precheck',
};

export type Draft = {
	readonly id: string;
	readonly step: StepId;
	readonly name: string;
	readonly tags: readonly string[];
	/** The saved data source picked or added (a name in the store), and the settings copied from it. */
	readonly sourceName: string | null;
	readonly source: SourceSettings | null;
	readonly destinationName: string | null;
	readonly destination: DestinationSettings | null;
	readonly operations: readonly Operation[];
	readonly objects: readonly ProjectObject[];
	readonly options: z.input<typeof optionsSchema>;
	/** Step 4: the start timestamp as typed (it may not parse yet), so Esc and a reopened draft keep it. */
	readonly startTimestampText?: string;
	/** The last precheck run, and when. */
	readonly precheck: {readonly at: string; readonly results: readonly CheckResult[]} | null;
	/** The project this draft edits (reopened from the list), if any. */
	readonly editing: string | null;
	readonly updatedAt: string;
};

export function emptyDraft(id: string = randomUUID(), now = new Date()): Draft {
	return {
		id,
		step: 'source-destination',
		name: '',
		tags: [],
		sourceName: null,
		source: null,
		destinationName: null,
		destination: null,
		operations: [...OPERATIONS],
		objects: [],
		options: {},
		precheck: null,
		editing: null,
		updatedAt: now.toISOString(),
	};
}

/** A saved project, reopened for editing. */
export function draftFromProject(project: Project, id: string = randomUUID(), now = new Date()): Draft {
	return {
		...emptyDraft(id, now),
		name: project.name,
		tags: project.tags,
		source: project.source,
		destination: project.destination,
		operations: project.operations,
		objects: project.objects,
		options: project.options,
		editing: project.name,
	};
}

/**
 * The draft that edits a saved project: the unfinished edit when there is one (so that a project's edits are never
 * split over two drafts, and one that no longer loads can still be fixed there), else a new one from `load()`, saved.
 * Returns its id.
 */
export function openEditDraft(
	store: {drafts(): Record<string, unknown>; saveDraft(id: string, draft: unknown): void},
	name: string,
	load: () => Project,
): string {
	for (const [id, value] of Object.entries(store.drafts())) {
		if (readDraft(value)?.editing === name) return id;
	}
	const created = draftFromProject(load());
	store.saveDraft(created.id, created);
	return created.id;
}

/** A stored draft, read back; null when it is not one (an older shape, a hand edit). */
export function readDraft(value: unknown): Draft | null {
	if (typeof value !== 'object' || value === null) return null;
	const draft = value as Partial<Draft>;
	if (typeof draft.id !== 'string' || !STEPS.includes(draft.step as StepId) || typeof draft.name !== 'string') return null;
	return {...emptyDraft(draft.id), ...draft} as Draft;
}

export type DraftIssue = {readonly path: string; readonly message: string};

/** The draft as a project, or the issues that stop it being one (path like `objects.0.topic`). */
export function draftToProject(draft: Draft): {ok: true; project: Project} | {ok: false; issues: DraftIssue[]} {
	const parsed = projectSchema.safeParse({
		name: draft.name,
		tags: draft.tags,
		source: draft.source ?? undefined,
		destination: draft.destination ?? undefined,
		operations: draft.operations,
		objects: draft.objects,
		options: draft.options,
	});
	if (parsed.success) return {ok: true, project: parsed.data};
	return {ok: false, issues: parsed.error.issues.map((issue) => ({path: issue.path.join('.'), message: issue.message}))};
}
