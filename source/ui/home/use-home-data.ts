/**
 * What the home screen lists: the saved projects with their state, and the drafts. What comes from disk (the store,
 * checkpoints, lock files) is read again only when it changes (use-store-changes.ts); what comes from an engine
 * running in this process or attached in another (its state and lag) is read on every render, and renders come every
 * second while one runs.
 */
import path from 'node:path';
import {useEffect, useMemo} from 'react';
import {isLive} from '../../engine/engine-events.js';
import {errorText} from '../error-text.js';
import type {UiServices} from '../services.js';
import {type DraftLine, draftLines, isFirstRun, type ProjectStatus, projectStatus} from './home-model.js';
import {POLL_MS, useStoreChanges, useTicking} from './use-store-changes.js';

export type ProjectLine = {readonly name: string; readonly tags: readonly string[]; readonly status: ProjectStatus};

type SavedProject = {
	readonly name: string;
	readonly tags: readonly string[];
	/** Why the stored project does not load, if it does not. */
	readonly invalid: string | undefined;
	/** The pid of another process running it (from its lock file). */
	readonly elsewhere: number | null;
	readonly hasCheckpoint: boolean;
};

/** Everything the screen reads from disk, at once. */
function readSaved(services: UiServices) {
	const {store} = services;
	const projects = store.names().map((name): SavedProject => {
		let tags: readonly string[] = [];
		let invalid: string | undefined;
		try {
			tags = store.get(name).tags;
		} catch (error) {
			invalid = errorText(error);
		}
		return {name, tags, invalid, elsewhere: services.runningElsewhere(name), hasCheckpoint: services.hasCheckpoint(name)};
	});
	const counts = {sources: store.dataSources('source').length, destinations: store.dataSources('destination').length};
	return {projects, drafts: draftLines(store.drafts()), counts};
}

export type HomeData = {
	readonly projects: readonly ProjectLine[];
	readonly drafts: readonly DraftLine[];
	readonly firstRun: boolean;
	/** Reads the disk again now: after the screen's own changes, or a workload that stopped. */
	readonly refresh: () => void;
};

export function useHomeData(services: UiServices, options: {readonly live: boolean}): HomeData {
	const {store} = services;
	const {version, refresh} = useStoreChanges([store.directory, path.join(store.directory, 'checkpoints')]);
	// biome-ignore lint/correctness/useExhaustiveDependencies: read again when the disk changed (`version`), only.
	const saved = useMemo(() => readSaved(services), [services, version]);
	const projects = saved.projects.map((project): ProjectLine => {
		const engine = services.running(project.name)?.engine ?? (project.elsewhere === null ? undefined : services.remote(project.name));
		const snapshot = engine?.snapshot();
		const status = projectStatus({
			engine: snapshot ? {state: snapshot.state, lagSeconds: snapshot.lagSeconds, lastError: snapshot.errors.at(-1)?.message} : undefined,
			elsewhere: project.elsewhere,
			hasCheckpoint: project.hasCheckpoint,
		});
		return {
			name: project.name,
			tags: project.tags,
			status: project.invalid ? {text: `invalid: ${project.invalid}`, tone: 'error', busy: status.busy} : status,
		};
	});
	const engineRuns = saved.projects.some((project) => {
		const engine = services.running(project.name)?.engine;
		return engine !== undefined && isLive(engine.state);
	});
	// Another process's run is read from its socket every second, so its lag moves here too.
	const elsewhereRuns = saved.projects.some((project) => project.elsewhere !== null);
	useTicking(engineRuns || elsewhereRuns || options.live ? 1000 : null);
	// A process that dies without its clean-up (SIGKILL, a crash) leaves its lock file as it was: no change to hear,
	// so while a project shows as running elsewhere, the lock is read again now and then.
	useEffect(() => {
		if (!elsewhereRuns) return;
		const timer = setInterval(refresh, POLL_MS);
		return () => clearInterval(timer);
	}, [elsewhereRuns, refresh]);
	const firstRun = isFirstRun({projects: projects.length, drafts: saved.drafts.length, ...saved.counts});
	return {projects, drafts: saved.drafts, firstRun, refresh};
}
