/**
 * The keys of Step 1's main screen, each mapped to an action (use-step-one-state.ts): ↑/↓ and Tab move, Enter opens
 * the focused line or presses Next, Esc leaves the wizard. Typing the name is the name field's own. Sub-screens
 * (pickers, forms, tags) have their own keys, so these listen only while the main screen shows.
 */
import type {Dispatch} from 'react';
import {useKeys} from '../../../components/keys.js';
import type {MainRow} from './main-screen.js';
import type {StepOneAction, StepOneState} from './use-step-one-state.js';

export type StepOneKeysOptions = {
	readonly state: StepOneState;
	readonly dispatch: Dispatch<StepOneAction>;
	readonly rows: readonly MainRow[];
	/** How many problems Next would meet. */
	readonly problems: number;
	readonly back: () => void;
};

export function useStepOneKeys({state, dispatch, rows, problems, back}: StepOneKeysOptions): void {
	// Keys that arrive together are handled before the screen renders again: the reducer moves from the focus the
	// previous key left, so nothing here reads the focus.
	useKeys(
		(_input, key) => {
			if (key.escape) return back();
			if (key.upArrow || (key.tab && key.shift)) return dispatch({type: 'move', by: -1, rows});
			if (key.downArrow || key.tab) return dispatch({type: 'move', by: 1, rows});
			if (key.return) dispatch({type: 'enter', rows, problems});
		},
		{isActive: state.mode.kind === 'main'},
	);
}
