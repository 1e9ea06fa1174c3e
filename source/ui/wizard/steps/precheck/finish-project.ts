/**
 * Step 6 (OMS: Start Project / Save): the project goes into the store with its precheck, and Start runs it in this
 * process (the first run reads from the start timestamp, or now). Refused, with the reason, when it would overwrite
 * another project, when the project being edited runs here or elsewhere (stop it first), or, for Start, when the
 * precheck did not pass.
 */

import {isLive} from '../../../../engine/engine-events.js';
import type {CheckResult} from '../../../../engine/precheck/prechecks.js';
import type {Project} from '../../../../engine/project/project-schema.js';
import type {UiServices} from '../../../services.js';
import type {Draft} from '../../draft.js';

export type PrecheckRecord = {readonly at: string; readonly results: readonly CheckResult[]};

export type FinishOutcome = {readonly ok: true; readonly name: string} | {readonly ok: false; readonly error: string};

/** Why the project cannot be saved now, or null. */
export function saveBlocked(services: UiServices, draft: Draft, project: Project): string | null {
	if (services.store.has(project.name) && project.name !== draft.editing) {
		return `a project named "${project.name}" already exists and this wizard does not edit it: go back to step 1 and choose another name (to change ${project.name}, edit it from the project list)`;
	}
	for (const name of new Set([draft.editing, project.name].filter((n): n is string => Boolean(n)))) {
		if (isLive(services.running(name)?.engine.state))
			return `${name} is running in this terminal: stop it first (from its dashboard), then save`;
		const pid = services.runningElsewhere(name);
		if (pid !== null) return `${name} is running in another process (pid ${pid}): stop it first (kill -TERM ${pid}), then save`;
	}
	return null;
}

function store(services: UiServices, draft: Draft, project: Project, precheck: PrecheckRecord): FinishOutcome {
	const blocked = saveBlocked(services, draft, project);
	if (blocked) return {ok: false, error: blocked};
	try {
		services.store.save(project);
		// Renamed while editing: the project moves to its new name.
		if (draft.editing && draft.editing !== project.name) services.store.remove(draft.editing);
		services.store.savePrecheck(project.name, precheck);
	} catch (error) {
		return {ok: false, error: `could not save ${project.name}: ${(error as Error).message}`};
	}
	return {ok: true, name: project.name};
}

/** Saves the project and its precheck (OMS: Save; start it later from the list). */
export function saveProject(services: UiServices, draft: Draft, project: Project, precheck: PrecheckRecord): FinishOutcome {
	return store(services, draft, project, precheck);
}

/**
 * Saves the project and starts it here. Call only when the precheck passed (the screen refuses otherwise). When
 * the engine cannot be started the project stays saved, and the error says so.
 */
export function startProject(services: UiServices, draft: Draft, project: Project, precheck: PrecheckRecord): FinishOutcome {
	if (precheck.results.some((result) => result.status === 'fail')) return {ok: false, error: 'the precheck did not pass'};
	const saved = store(services, draft, project, precheck);
	if (!saved.ok) return saved;
	try {
		// An edited project that ran before goes on from its checkpoint: starting it afresh would skip every change
		// made while it was stopped. A new project starts at its start timestamp.
		services.start(project, {resume: draft.editing === project.name && services.hasCheckpoint(project.name)});
	} catch (error) {
		const hint = (error as {hint?: unknown}).hint;
		return {
			ok: false,
			error: `${project.name} is saved, but could not start: ${(error as Error).message}${typeof hint === 'string' ? ` (${hint})` : ''}`,
		};
	}
	return saved;
}
