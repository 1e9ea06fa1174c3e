import {type Draft, STEP_TITLES, STEPS, type StepId} from './draft.js';

/** What every wizard step is given. A step renders its own <Screen> (its own keys) and validates before `next`. */
export type StepProps = {
	readonly draft: Draft;
	/** Changes the draft (the wizard saves it). */
	readonly update: (change: (draft: Draft) => Draft) => void;
	/** On to the next step; the draft is saved first. */
	readonly next: () => void;
	/** Back to the previous step, or out of the wizard from the first; nothing entered is lost. */
	readonly back: () => void;
	/** Leaves the wizard for the project list, or the dashboard of a started project. */
	readonly finish: (outcome: {readonly started: string} | {readonly saved: string}) => void;
};

/** The title path of a step: `Projects › New project › Step 2 of 5: Synchronization type`. */
export function stepPath(draft: Draft, step: StepId): string[] {
	return [
		'Projects',
		draft.editing ? `Edit ${draft.editing}` : draft.name ? `New project ${draft.name}` : 'New project',
		`Step ${STEPS.indexOf(step) + 1} of ${STEPS.length}: ${STEP_TITLES[step]}`,
	];
}
