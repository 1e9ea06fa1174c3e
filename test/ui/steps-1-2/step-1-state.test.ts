import {describe, expect, it} from 'vitest';
import type {MainRow} from '../../../source/ui/wizard/steps/source-destination/main-screen.js';
import {
	initialStepOneState,
	type StepOneAction,
	type StepOneState,
	stepOneReducer,
} from '../../../source/ui/wizard/steps/source-destination/use-step-one-state.js';

const rows: MainRow[] = ['name', 'tags', 'source', 'destination', 'next'];
const editingRows: MainRow[] = ['tags', 'source', 'destination', 'next'];

function stateAfter(actions: readonly StepOneAction[], start: StepOneState = initialStepOneState(false)): StepOneState {
	return actions.reduce(stepOneReducer, start);
}

describe('Step 1 state: the main screen', () => {
	it('starts on the name, or on the tags when a project is edited (its name is fixed)', () => {
		expect(initialStepOneState(false).focus).toBe('name');
		expect(initialStepOneState(true).focus).toBe('tags');
	});

	it('moves through the lines and wraps around at both ends, each key from where the previous one left', () => {
		expect(stateAfter([{type: 'move', by: 1, rows}]).focus).toBe('tags');
		expect(stateAfter([{type: 'move', by: -1, rows}]).focus).toBe('next');
		const down = Array.from({length: 5}, () => ({type: 'move', by: 1, rows}) as const);
		expect(stateAfter(down).focus).toBe('name');
		expect(stateAfter([{type: 'move', by: 1, rows: editingRows}], initialStepOneState(true)).focus).toBe('source');
	});

	it('Enter on the name goes to the next line; on the source or destination it opens that role’s picker', () => {
		expect(stateAfter([{type: 'enter', rows, problems: 2}])).toMatchObject({focus: 'tags', mode: {kind: 'main'}, attempted: false});
		expect(
			stateAfter([
				{type: 'enter', rows, problems: 0},
				{type: 'enter', rows, problems: 0},
			]).mode,
		).toEqual({kind: 'tags'});
		const onSource = stateAfter([
			{type: 'move', by: 2, rows},
			{type: 'enter', rows, problems: 0},
		]);
		expect(onSource.mode).toEqual({kind: 'picker', role: 'source'});
		const onDestination = stateAfter([
			{type: 'move', by: 3, rows},
			{type: 'enter', rows, problems: 0},
		]);
		expect(onDestination.mode).toEqual({kind: 'picker', role: 'destination'});
	});

	it('Next with problems says how many and shows them all from then on; without any it is done', () => {
		const blocked = stateAfter([
			{type: 'move', by: -1, rows},
			{type: 'enter', rows, problems: 2},
		]);
		expect(blocked).toMatchObject({
			attempted: true,
			done: false,
			status: {kind: 'error', text: 'Cannot go on: 2 problems, marked ✘ above.'},
		});
		expect(stepOneReducer(blocked, {type: 'enter', rows, problems: 1}).status?.text).toBe('Cannot go on: one problem, marked ✘ above.');
		expect(stepOneReducer(blocked, {type: 'enter', rows, problems: 0})).toMatchObject({done: true, mode: {kind: 'main'}});
	});

	it('clears the status line when the name is typed', () => {
		const blocked = stateAfter([
			{type: 'move', by: -1, rows},
			{type: 'enter', rows, problems: 1},
		]);
		expect(stepOneReducer(blocked, {type: 'name-typed'}).status).toBeNull();
	});
});

describe('Step 1 state: a data source, the same for both roles', () => {
	for (const role of ['source', 'destination'] as const) {
		it(`picks a saved ${role}, back on the main screen saying so`, () => {
			const state = stateAfter([
				{type: 'go', mode: {kind: 'picker', role}},
				{type: 'picked', role, name: 'saved_one'},
			]);
			expect(state).toMatchObject({mode: {kind: 'main'}, status: {kind: 'ok', text: `The ${role} is saved_one.`}});
		});

		it(`comes back to the ${role} form on its last field, but a form just filled starts on the name`, () => {
			const left = stateAfter([
				{type: 'open-form', role, fresh: true},
				{type: 'form-focus', role, field: 'password'},
				{type: 'go', mode: {kind: 'picker', role}},
			]);
			expect(stepOneReducer(left, {type: 'open-form', role, fresh: false})).toMatchObject({mode: {kind: 'form', role}});
			expect(stepOneReducer(left, {type: 'open-form', role, fresh: false}).formFocus[role]).toBe('password');
			expect(stepOneReducer(left, {type: 'open-form', role, fresh: true}).formFocus[role]).toBe('name');
			const other = role === 'source' ? 'destination' : 'source';
			expect(left.formFocus[other]).toBe('name');
		});

		it(`after the ${role} is saved, focuses its line on the main screen with the form's message`, () => {
			const state = stateAfter([
				{type: 'open-form', role, fresh: true},
				{type: 'saved', role, status: {kind: 'ok', text: 'Saved.'}},
			]);
			expect(state).toMatchObject({mode: {kind: 'main'}, focus: role, status: {kind: 'ok', text: 'Saved.'}});
		});

		it(`says in the ${role} picker that a discarded form is gone, until the picker is left`, () => {
			const state = stateAfter([
				{type: 'open-form', role, fresh: true},
				{type: 'discarded', role},
			]);
			expect(state).toMatchObject({mode: {kind: 'picker', role}, pickerStatus: {kind: 'info'}});
			expect(stepOneReducer(state, {type: 'go', mode: {kind: 'main'}}).pickerStatus).toBeNull();
		});
	}

	it('returns from the Binlog Service part to the source form, on its Binlog Service line', () => {
		const state = stateAfter([{type: 'open-form', role: 'source', fresh: true}, {type: 'open-binlog'}]);
		expect(state.mode).toEqual({kind: 'binlog', role: 'source'});
		expect(stepOneReducer(state, {type: 'binlog-done'})).toMatchObject({
			mode: {kind: 'form', role: 'source'},
			formFocus: {source: 'binlog'},
		});
	});
});
