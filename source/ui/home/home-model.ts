/**
 * What the home screen shows, computed without React: each project's state line (running here with its lag, running
 * in another process, stopped, never run), each draft's line, and whether this is a first run (nothing configured).
 */
import type {EngineState} from '../../engine/engine-events.js';
import {formatDuration} from '../dashboard/format.js';
import {type Draft, readDraft, STEP_TITLES, STEPS} from '../wizard/draft.js';

export type ProjectStatus = {
	/** The state in words, lag included while running: `running · lag 2 s`. */
	readonly text: string;
	readonly tone: 'ok' | 'warn' | 'error' | 'muted';
	/** It runs (here or elsewhere): editing and deleting are refused. */
	readonly busy: boolean;
};

export type StatusInput = {
	/** The engine this process runs for the project, if any. */
	readonly engine?: {readonly state: EngineState; readonly lagSeconds: number | null; readonly lastError?: string | undefined} | undefined;
	/** The pid of another process running it. */
	readonly elsewhere: number | null;
	readonly hasCheckpoint: boolean;
};

/** The lag as the dashboard writes it (`0 s`, `42 s`, `3 m 05 s`, `2 h 10 m`); `—` when unknown. */
export function formatLag(seconds: number | null): string {
	return seconds === null || !Number.isFinite(seconds) ? '—' : formatDuration(seconds);
}

export function projectStatus({engine, elsewhere, hasCheckpoint}: StatusInput): ProjectStatus {
	// A run of another process, attached through its control socket, reads as one of this process plus its pid.
	const where = elsewhere === null ? '' : ` · pid ${elsewhere}`;
	switch (engine?.state) {
		case 'starting':
			return {text: `starting…${where}`, tone: 'warn', busy: true};
		case 'running':
			return {text: `running · lag ${formatLag(engine.lagSeconds)}${where}`, tone: 'ok', busy: true};
		case 'paused':
			return {text: `paused · lag ${formatLag(engine.lagSeconds)}${where}`, tone: 'warn', busy: true};
		case 'stopping':
			return {text: `stopping…${where}`, tone: 'warn', busy: true};
		case 'failed':
			return {text: `failed${engine.lastError ? `: ${engine.lastError}` : ''}`, tone: 'error', busy: false};
		default:
	}
	if (elsewhere !== null) return {text: `running (obsync run, pid ${elsewhere})`, tone: 'ok', busy: true};
	if (engine?.state === 'stopped' || hasCheckpoint) return {text: 'stopped', tone: 'muted', busy: false};
	return {text: 'never run', tone: 'muted', busy: false};
}

export type DraftLine = {
	readonly id: string;
	/** The draft, or null when it cannot be read back (saved by another version). */
	readonly draft: Draft | null;
	readonly title: string;
	readonly detail: string;
	/** How messages name it: `the draft orders`, `the unreadable draft 1a2b3c4d`. */
	readonly label: string;
};

/** A local `YYYY-MM-DD HH:MM`. */
export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return 'unknown time';
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The drafts of the store, newest first. */
export function draftLines(drafts: Record<string, unknown>): DraftLine[] {
	return Object.entries(drafts)
		.map(([id, value]): DraftLine => {
			const draft = readDraft(value);
			if (!draft) {
				const short = id.slice(0, 8);
				return {
					id,
					draft: null,
					title: 'unreadable draft',
					detail: `${short}: saved by another version; d deletes it`,
					label: `the unreadable draft ${short}`,
				};
			}
			const title = draft.editing ? `edit of ${draft.editing}` : draft.name || 'unnamed';
			const step = `step ${STEPS.indexOf(draft.step) + 1} of ${STEPS.length}: ${STEP_TITLES[draft.step]}`;
			return {id, draft, title, detail: `${step} · saved ${formatTime(draft.updatedAt)}`, label: `the draft ${title}`};
		})
		.sort((a, b) => (b.draft?.updatedAt ?? '').localeCompare(a.draft?.updatedAt ?? ''));
}

/** Nothing configured yet: no project, no draft, no saved data source. */
export function isFirstRun(counts: {projects: number; drafts: number; sources: number; destinations: number}): boolean {
	return counts.projects + counts.drafts + counts.sources + counts.destinations === 0;
}
