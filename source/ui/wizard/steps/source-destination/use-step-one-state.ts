/**
 * Step 1's own state as a reducer: which screen shows (the step's main screen, the tags, or the picker, form or
 * Binlog Service form of a data source), where the focus is, and the status lines. Actions are plain data objects
 * and `stepOneReducer` is pure, so it is tested without a terminal. The source and the destination go through the
 * same actions, told apart by `role`. What is typed in the forms lives in the draft (form-state.ts), not here.
 */
import {type Dispatch, useReducer} from 'react';
import type {DataSourceRole} from '../../../../store/project-store.js';
import type {ScreenProps} from '../../../components/screen.js';
import type {MainRow} from './main-screen.js';

export type Status = ScreenProps['status'];

export type StepOneMode =
	| {readonly kind: 'main'}
	| {readonly kind: 'tags'}
	| {readonly kind: 'manage-tags'}
	/** The saved data sources of a role, to pick one, add one or edit one. */
	| {readonly kind: 'picker'; readonly role: DataSourceRole}
	| {readonly kind: 'form'; readonly role: DataSourceRole}
	/** The source form's Binlog Service part (sources only). */
	| {readonly kind: 'binlog'; readonly role: 'source'};

export type StepOneState = {
	readonly mode: StepOneMode;
	/** The main screen's focused line, kept while a sub-screen shows. */
	readonly focus: MainRow;
	/** Each form's focused field, kept while the form is away. */
	readonly formFocus: Readonly<Record<DataSourceRole, string>>;
	/** Next was pressed once: every problem shows from then on. */
	readonly attempted: boolean;
	readonly status: Status;
	/** The picker's own status line (a discarded form). */
	readonly pickerStatus: Status;
	/** Next found nothing wrong: the step goes on (the step does it, once). */
	readonly done: boolean;
};

export type StepOneAction =
	/** ↑/↓/Tab on the main screen, over its `rows`. */
	| {readonly type: 'move'; readonly by: number; readonly rows: readonly MainRow[]}
	/** Enter on the main screen: the next line after the name, a sub-screen, or Next with `problems` found. */
	| {readonly type: 'enter'; readonly rows: readonly MainRow[]; readonly problems: number}
	| {readonly type: 'name-typed'}
	/** To another screen, the picker's status cleared. */
	| {readonly type: 'go'; readonly mode: StepOneMode}
	| {readonly type: 'picked'; readonly role: DataSourceRole; readonly name: string}
	/** Opens a role's form; `fresh` for a form just filled (new or from a saved data source): its first field. */
	| {readonly type: 'open-form'; readonly role: DataSourceRole; readonly fresh: boolean}
	| {readonly type: 'form-focus'; readonly role: DataSourceRole; readonly field: string}
	| {readonly type: 'saved'; readonly role: DataSourceRole; readonly status: Status}
	| {readonly type: 'discarded'; readonly role: DataSourceRole}
	| {readonly type: 'open-binlog'}
	| {readonly type: 'binlog-done'};

export function initialStepOneState(editing: boolean): StepOneState {
	return {
		mode: {kind: 'main'},
		focus: editing ? 'tags' : 'name',
		formFocus: {source: 'name', destination: 'name'},
		attempted: false,
		status: null,
		pickerStatus: null,
		done: false,
	};
}

const go = (state: StepOneState, mode: StepOneMode): StepOneState => ({...state, mode, pickerStatus: null});

function move(state: StepOneState, by: number, rows: readonly MainRow[]): StepOneState {
	const at = Math.max(0, rows.indexOf(state.focus));
	return {...state, focus: rows[(at + by + rows.length) % rows.length]!};
}

function enter(state: StepOneState, rows: readonly MainRow[], problems: number): StepOneState {
	const row = rows.includes(state.focus) ? state.focus : rows[0]!;
	if (row === 'name') return move(state, 1, rows);
	if (row === 'tags') return go(state, {kind: 'tags'});
	if (row === 'source' || row === 'destination') return go(state, {kind: 'picker', role: row});
	if (problems === 0) return {...state, attempted: true, done: true};
	return {
		...state,
		attempted: true,
		status: {kind: 'error', text: `Cannot go on: ${problems === 1 ? 'one problem' : `${problems} problems`}, marked ✘ above.`},
	};
}

export function stepOneReducer(state: StepOneState, action: StepOneAction): StepOneState {
	switch (action.type) {
		case 'move':
			return move(state, action.by, action.rows);
		case 'enter':
			return enter(state, action.rows, action.problems);
		case 'name-typed':
			return {...state, status: null};
		case 'go':
			return go(state, action.mode);
		case 'picked':
			return {...go(state, {kind: 'main'}), status: {kind: 'ok', text: `The ${action.role} is ${action.name}.`}};
		case 'open-form': {
			const formFocus = action.fresh ? {...state.formFocus, [action.role]: 'name'} : state.formFocus;
			return {...go(state, {kind: 'form', role: action.role}), formFocus};
		}
		case 'form-focus':
			return {...state, formFocus: {...state.formFocus, [action.role]: action.field}};
		case 'saved':
			return {...go(state, {kind: 'main'}), status: action.status, focus: action.role};
		case 'discarded':
			return {
				...state,
				mode: {kind: 'picker', role: action.role},
				pickerStatus: {kind: 'info', text: 'The data source form was discarded.'},
			};
		case 'open-binlog':
			return {...state, mode: {kind: 'binlog', role: 'source'}};
		case 'binlog-done':
			return {...state, mode: {kind: 'form', role: 'source'}, formFocus: {...state.formFocus, source: 'binlog'}};
	}
}

export function useStepOneState(editing: boolean): [StepOneState, Dispatch<StepOneAction>] {
	return useReducer(stepOneReducer, editing, initialStepOneState);
}
