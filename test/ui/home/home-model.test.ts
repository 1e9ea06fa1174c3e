import {describe, expect, it} from 'vitest';
import {draftLines, formatLag, isFirstRun, projectStatus} from '../../../source/ui/home/home-model.js';
import {emptyDraft} from '../../../source/ui/wizard/draft.js';

describe('the home screen model', () => {
	describe('formatLag', () => {
		it('says seconds, minutes and hours as the dashboard does, and — when the lag is unknown', () => {
			expect(formatLag(null)).toBe('—');
			expect(formatLag(0)).toBe('0 s');
			expect(formatLag(41.6)).toBe('42 s');
			expect(formatLag(185)).toBe('3 m 05 s');
			expect(formatLag(7800)).toBe('2 h 10 m');
		});
	});

	describe('projectStatus', () => {
		const idle = {elsewhere: null, hasCheckpoint: false};
		it('shows a project running here with its lag, and marks it busy', () => {
			expect(projectStatus({...idle, engine: {state: 'running', lagSeconds: 3}})).toEqual({
				text: 'running · lag 3 s',
				tone: 'ok',
				busy: true,
			});
			expect(projectStatus({...idle, engine: {state: 'paused', lagSeconds: null}})).toMatchObject({text: 'paused · lag —', busy: true});
			expect(projectStatus({...idle, engine: {state: 'starting', lagSeconds: null}})).toMatchObject({text: 'starting…', busy: true});
			expect(projectStatus({...idle, engine: {state: 'stopping', lagSeconds: null}})).toMatchObject({text: 'stopping…', busy: true});
		});
		it('names the pid of another process that runs the project', () => {
			expect(projectStatus({elsewhere: 4242, hasCheckpoint: true})).toEqual({
				text: 'running (obsync run, pid 4242)',
				tone: 'ok',
				busy: true,
			});
		});
		it('says stopped when there is a checkpoint (or the engine here stopped), never run otherwise', () => {
			expect(projectStatus({elsewhere: null, hasCheckpoint: true})).toMatchObject({text: 'stopped', busy: false});
			expect(projectStatus({...idle, engine: {state: 'stopped', lagSeconds: 0}})).toMatchObject({text: 'stopped', busy: false});
			expect(projectStatus(idle)).toMatchObject({text: 'never run', busy: false});
		});
		it('shows why a project failed, and lets it be edited', () => {
			expect(projectStatus({...idle, engine: {state: 'failed', lagSeconds: null, lastError: 'topic t is not FIFO'}})).toEqual({
				text: 'failed: topic t is not FIFO',
				tone: 'error',
				busy: false,
			});
		});
	});

	describe('draftLines', () => {
		it('lists drafts newest first with their name (or unnamed), step and time, and flags unreadable ones', () => {
			const older = {...emptyDraft('a', new Date('2025-01-01T10:00:00Z')), name: 'orders'};
			const newer = {...emptyDraft('b', new Date('2025-02-01T10:00:00Z')), step: 'objects' as const};
			const lines = draftLines({a: older, b: newer, c: {what: 'else'}});
			expect(lines.map((line) => line.title)).toEqual(['unnamed', 'orders', 'unreadable draft']);
			expect(lines[2]?.detail).toBe('c: saved by another version; d deletes it');
			expect(lines[0]?.detail).toMatch(/^step 3 of 5: Objects · saved 2025-02-0\d \d\d:\d\d$/);
			expect(lines[2]?.draft).toBeNull();
		});
		it('calls a draft that edits a project by that project', () => {
			const editing = {...emptyDraft('e'), name: 'orders', editing: 'orders'};
			expect(draftLines({e: editing})[0]?.title).toBe('edit of orders');
		});
	});

	it('is a first run only when nothing at all is configured', () => {
		expect(isFirstRun({projects: 0, drafts: 0, sources: 0, destinations: 0})).toBe(true);
		expect(isFirstRun({projects: 0, drafts: 0, sources: 1, destinations: 0})).toBe(false);
		expect(isFirstRun({projects: 0, drafts: 1, sources: 0, destinations: 0})).toBe(false);
	});
});
