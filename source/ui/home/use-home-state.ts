/**
 * The home screen's own state as a reducer: the selected line, the delete question on screen, and the status line.
 * Actions are plain data objects and `homeReducer` is pure, so it is tested without a terminal or a store. Moving
 * to another screen and deleting from the store are the screen's (use-home-keys.ts); what they lead to is an action.
 */
import {type Dispatch, useReducer} from 'react';
import type {DraftLine} from './home-model.js';

export type Pending = {readonly kind: 'project'; readonly name: string} | {readonly kind: 'draft'; readonly line: DraftLine};
export type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;

export type HomeState = {
	/** The selected line's id (`p:name` or `d:id`); kept by id as lines come and go. */
	readonly selected: string | null;
	/** The delete question on screen. */
	readonly pending: Pending | null;
	readonly status: Status;
};

export type HomeAction =
	| {readonly type: 'select'; readonly id: string}
	/** `d` on a line; `busy` is the project's state when it runs (here or elsewhere) and cannot be deleted. */
	| {readonly type: 'ask-delete'; readonly target: Pending; readonly busy: string | null}
	/** `e` on a project that runs. */
	| {readonly type: 'refuse-edit'; readonly name: string; readonly busy: string}
	| {readonly type: 'keep'}
	| {readonly type: 'deleted'; readonly target: Pending}
	/** y, but the project started running elsewhere while the question showed. */
	| {readonly type: 'not-deleted'; readonly name: string}
	| {readonly type: 'report'; readonly status: Status};

export const initialHomeState: HomeState = {selected: null, pending: null, status: null};

export function homeReducer(state: HomeState, action: HomeAction): HomeState {
	switch (action.type) {
		case 'select':
			return {...state, selected: action.id, status: null};
		case 'ask-delete':
			if (action.target.kind === 'project' && action.busy) {
				const text = `${action.target.name} is ${action.busy}: stop it (on its dashboard) before deleting it.`;
				return {...state, status: {kind: 'error', text}};
			}
			return {...state, pending: action.target, status: null};
		case 'refuse-edit':
			return {...state, status: {kind: 'error', text: `${action.name} is ${action.busy}: stop it (on its dashboard) before editing it.`}};
		case 'keep':
			return {...state, pending: null, status: {kind: 'info', text: 'Nothing was deleted.'}};
		case 'deleted': {
			const {target} = action;
			const text =
				target.kind === 'draft'
					? `Deleted ${target.line.label}.`
					: `Deleted the project ${target.name} and its checkpoint. Its data sources are kept.`;
			return {...state, pending: null, status: {kind: 'ok', text}};
		}
		case 'not-deleted':
			return {
				...state,
				pending: null,
				status: {kind: 'error', text: `${action.name} started running in the meantime; it was not deleted.`},
			};
		case 'report':
			return {...state, status: action.status};
	}
}

export function useHomeState(): [HomeState, Dispatch<HomeAction>] {
	return useReducer(homeReducer, initialHomeState);
}
