/**
 * Step 1 of the wizard, Source and destination (OMS: Select Source and Destination): the project name, its tags,
 * and the source and destination data sources, each picked from the saved ones or added in place (with Test
 * Connectivity and Save). The step's own screen leads to sub-screens; Esc in one comes back here with nothing lost
 * (data source forms live in the draft), and Esc here leaves the wizard (the draft is kept).
 * The step's state is a reducer (use-step-one-state.ts), its main screen's keys a hook (use-step-one-keys.ts); the
 * source's and the destination's screens are one component told the role (data-source-screens.tsx).
 */
import {useEffect} from 'react';
import {useServices} from '../../services.js';
import type {StepProps} from '../step-props.js';
import {DataSourceScreens, short} from './source-destination/data-source-screens.js';
import {mainRows, StepOneMain} from './source-destination/main-screen.js';
import {stepOneProblems} from './source-destination/step-one-rules.js';
import {TagManager} from './source-destination/tag-manager.js';
import {TagPicker} from './source-destination/tag-picker.js';
import {toggleInList} from './source-destination/tag-rules.js';
import {useStepOneKeys} from './source-destination/use-step-one-keys.js';
import {useStepOneState} from './source-destination/use-step-one-state.js';

export function SourceDestinationStep({draft, update, next, back}: StepProps) {
	const {store} = useServices();
	const [state, dispatch] = useStepOneState(Boolean(draft.editing));
	const {mode} = state;
	// Sub-screens say where they are in short, so the title fits on one line at 80 columns.
	const project = draft.editing ?? draft.name;
	const path = [project ? `Project ${short(project)}` : 'New project', 'Step 1 of 5'];

	const problems = stepOneProblems(draft, store.names());
	// Before the first Next only the name speaks up, and only once something is typed.
	const shown = state.attempted ? problems : draft.name !== '' && problems.name ? {name: problems.name} : {};
	useStepOneKeys({state, dispatch, rows: mainRows(draft), problems: Object.keys(problems).length, back});
	// biome-ignore lint/correctness/useExhaustiveDependencies: goes on once, when Next found nothing wrong.
	useEffect(() => {
		if (state.done) next();
	}, [state.done]);

	switch (mode.kind) {
		case 'main':
			return (
				<StepOneMain
					draft={draft}
					onName={(name) => {
						dispatch({type: 'name-typed'});
						update((current) => ({...current, name}));
					}}
					problems={shown}
					focus={state.focus}
					status={state.status}
				/>
			);
		case 'tags':
			return (
				<TagPicker
					path={[...path, 'Tags']}
					tags={store.tags()}
					chosen={draft.tags}
					onToggle={(tag) => update((current) => ({...current, tags: toggleInList(current.tags, tag)}))}
					onManage={() => dispatch({type: 'go', mode: {kind: 'manage-tags'}})}
					onDone={() => dispatch({type: 'go', mode: {kind: 'main'}})}
				/>
			);
		case 'manage-tags':
			return (
				<TagManager
					path={[...path, 'Tags', 'Manage tags']}
					draftId={draft.id}
					draftTags={draft.tags}
					onDraftTags={(tags) => update((current) => ({...current, tags}))}
					onBack={() => dispatch({type: 'go', mode: {kind: 'tags'}})}
				/>
			);
		case 'picker':
		case 'form':
		case 'binlog':
			return <DataSourceScreens key={mode.role} forRole={mode.role} screen={mode.kind} path={path} {...{draft, update, state, dispatch}} />;
	}
}
