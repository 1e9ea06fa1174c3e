import {describe, expect, it} from 'vitest';
import type {DraftLine} from '../../../source/ui/home/home-model.js';
import {type HomeAction, type HomeState, homeReducer, initialHomeState} from '../../../source/ui/home/use-home-state.js';

const stateAfter = (actions: readonly HomeAction[]): HomeState => actions.reduce(homeReducer, initialHomeState);
const draftLine = {id: 'd1', label: 'the draft orders', title: 'orders', detail: 'Step 2', draft: null} as unknown as DraftLine;

describe('Home state', () => {
	it('refuses to ask about deleting a project that runs, saying why, but asks about a stopped one', () => {
		const refused = stateAfter([{type: 'ask-delete', target: {kind: 'project', name: 'p1'}, busy: 'running · lag 0 s'}]);
		expect(refused.pending).toBeNull();
		expect(refused.status).toEqual({kind: 'error', text: 'p1 is running · lag 0 s: stop it (on its dashboard) before deleting it.'});
		const asked = stateAfter([{type: 'ask-delete', target: {kind: 'project', name: 'p1'}, busy: null}]);
		expect(asked).toEqual({selected: null, pending: {kind: 'project', name: 'p1'}, status: null});
	});

	it('says nothing was deleted when the question is answered no, and what was deleted on yes', () => {
		const asked = stateAfter([{type: 'ask-delete', target: {kind: 'draft', line: draftLine}, busy: null}]);
		expect(homeReducer(asked, {type: 'keep'})).toMatchObject({pending: null, status: {kind: 'info', text: 'Nothing was deleted.'}});
		expect(homeReducer(asked, {type: 'deleted', target: {kind: 'draft', line: draftLine}})).toMatchObject({
			pending: null,
			status: {kind: 'ok', text: 'Deleted the draft orders.'},
		});
		expect(homeReducer(asked, {type: 'not-deleted', name: 'p1'})).toMatchObject({pending: null, status: {kind: 'error'}});
	});

	it('clears the status line when the selection moves', () => {
		const refused = stateAfter([{type: 'refuse-edit', name: 'p1', busy: 'starting…'}]);
		expect(refused.status?.text).toBe('p1 is starting…: stop it (on its dashboard) before editing it.');
		expect(homeReducer(refused, {type: 'select', id: 'p:p2'})).toEqual({selected: 'p:p2', pending: null, status: null});
	});
});
