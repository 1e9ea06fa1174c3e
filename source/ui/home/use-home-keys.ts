/**
 * The home screen's keys, each mapped to an action (use-home-state.ts) or to a way on: another screen, a new
 * project, the playground's workload. Silent while a field elsewhere takes typing, and while the delete question
 * shows (it has its own keys).
 */
import type {Dispatch} from 'react';
import {useKeys} from '../components/keys.js';
import {useTyping} from '../components/typing.js';
import {useNavigation} from '../navigation.js';
import type {DraftLine} from './home-model.js';
import type {ProjectLine} from './use-home-data.js';
import type {HomeAction, HomeState} from './use-home-state.js';

export type HomeKeysOptions = {
	readonly state: HomeState;
	readonly dispatch: Dispatch<HomeAction>;
	readonly firstRun: boolean;
	/** The selected line, a project or a draft. */
	readonly project: ProjectLine | undefined;
	readonly draft: DraftLine | undefined;
	/** The playground's workload runs, or could start again (its project runs here). */
	readonly workload: boolean;
	readonly newProject: () => void;
	readonly editProject: (line: ProjectLine) => void;
	readonly toggleWorkload: () => void;
};

export function useHomeKeys(options: HomeKeysOptions): void {
	const {dispatch, firstRun, project, draft} = options;
	const navigation = useNavigation();
	const typing = useTyping();
	useKeys(
		(input, key) => {
			if (typing) return;
			if (input === 'q') return navigation.quit();
			if (input === 's') return navigation.go({screen: 'data-sources'});
			if (input === 'p' || (firstRun && input === '2')) return navigation.go({screen: 'playground'});
			if (input === 'n' || (firstRun && input === '1')) return options.newProject();
			if (input === 'w' && options.workload) return options.toggleWorkload();
			if (firstRun) return;
			if (key.return && project) return navigation.go({screen: 'dashboard', project: project.name});
			if (key.return && draft) {
				if (!draft.draft) {
					const text = `${draft.label} was saved by another version and cannot be resumed: d deletes it.`;
					return dispatch({type: 'report', status: {kind: 'error', text}});
				}
				return navigation.go({screen: 'wizard', draftId: draft.id});
			}
			if (input === 'e' && project) return options.editProject(project);
			if (input === 'e' && draft?.draft) return navigation.go({screen: 'wizard', draftId: draft.id});
			if (input === 'd' && project) {
				return dispatch({
					type: 'ask-delete',
					target: {kind: 'project', name: project.name},
					busy: project.status.busy ? project.status.text : null,
				});
			}
			if (input === 'd' && draft) return dispatch({type: 'ask-delete', target: {kind: 'draft', line: draft}, busy: null});
		},
		{isActive: options.state.pending === null},
	);
}
