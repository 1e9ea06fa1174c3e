/** The wizard's state machine, as a reducer: the draft, and moves between steps. Pure; no React. */
import {type Draft, STEPS, type StepId} from './draft.js';

export type WizardAction =
	| {readonly type: 'update'; readonly change: (draft: Draft) => Draft}
	| {readonly type: 'next'}
	| {readonly type: 'back'}
	| {readonly type: 'go'; readonly step: StepId};

export function wizardReducer(draft: Draft, action: WizardAction, now = new Date()): Draft {
	const at = STEPS.indexOf(draft.step);
	switch (action.type) {
		case 'update':
			return {...action.change(draft), id: draft.id, updatedAt: now.toISOString()};
		case 'next':
			return at < STEPS.length - 1 ? {...draft, step: STEPS[at + 1]!, updatedAt: now.toISOString()} : draft;
		case 'back':
			return at > 0 ? {...draft, step: STEPS[at - 1]!, updatedAt: now.toISOString()} : draft;
		case 'go':
			return {...draft, step: action.step, updatedAt: now.toISOString()};
	}
}
