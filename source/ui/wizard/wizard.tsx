/**
 * The project wizard: the OMS console's steps, one screen each, over one draft. The draft is saved to the store after
 * every change (at most once a second while typing, at once on every step), so a dropped SSH session loses nothing:
 * the home screen offers the draft again.
 */
import {useEffect, useReducer, useRef} from 'react';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import type {Draft} from './draft.js';
import type {StepProps} from './step-props.js';
import {ObjectsStep} from './steps/objects/objects-step.js';
import {OptionsStep} from './steps/options.js';
import {PrecheckStep} from './steps/precheck.js';
import {SourceDestinationStep} from './steps/source-destination.js';
import {SyncTypeStep} from './steps/sync-type.js';
import {wizardReducer} from './wizard-state.js';

export type WizardProps = {readonly initial: Draft};

export function Wizard({initial}: WizardProps) {
	const {store} = useServices();
	const navigation = useNavigation();
	const [draft, dispatch] = useReducer(
		(state: Draft, action: Parameters<typeof wizardReducer>[1]) => wizardReducer(state, action),
		initial,
	);
	const saved = useRef<{step: string; at: number}>({step: '', at: 0});
	useEffect(() => {
		const save = () => {
			store.saveDraft(draft.id, draft);
			saved.current = {step: draft.step, at: Date.now()};
		};
		if (draft.step !== saved.current.step) {
			save();
			return;
		}
		const timer = setTimeout(save, Math.max(0, 1000 - (Date.now() - saved.current.at)));
		return () => clearTimeout(timer);
	}, [draft, store]);
	const props: StepProps = {
		draft,
		update: (change) => dispatch({type: 'update', change}),
		next: () => {
			store.saveDraft(draft.id, draft);
			dispatch({type: 'next'});
		},
		back: () => {
			store.saveDraft(draft.id, draft);
			if (draft.step === 'source-destination') navigation.go({screen: 'home'});
			else dispatch({type: 'back'});
		},
		finish: (outcome) => {
			store.removeDraft(draft.id);
			navigation.go('started' in outcome ? {screen: 'dashboard', project: outcome.started} : {screen: 'home'});
		},
	};
	switch (draft.step) {
		case 'source-destination':
			return <SourceDestinationStep key={draft.step} {...props} />;
		case 'sync-type':
			return <SyncTypeStep key={draft.step} {...props} />;
		case 'objects':
			return <ObjectsStep key={draft.step} {...props} />;
		case 'options':
			return <OptionsStep key={draft.step} {...props} />;
		case 'precheck':
			return <PrecheckStep key={draft.step} {...props} />;
	}
}
