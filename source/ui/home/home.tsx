/**
 * The home screen (`obsync` with no arguments): the saved projects with their state (and lag while running), the
 * unfinished wizard runs (drafts), and the ways on: a new project, the dashboard, editing, deleting, the data sources
 * and the local playground. On a first run (nothing configured) it welcomes and offers a project or the playground.
 */
import {Box, Text} from 'ink';
import {useRef} from 'react';
import {PLAYGROUND} from '../../playground/playground-settings.js';
import {Confirm} from '../components/confirm.js';
import type {KeyHint} from '../components/key-hints.js';
import {Screen} from '../components/screen.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {errorText} from '../error-text.js';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import {theme} from '../theme.js';
import {emptyDraft, openEditDraft} from '../wizard/draft.js';
import {playgroundWorkload, setPlaygroundWorkload} from './playground-session.js';
import {SectionList} from './section-list.js';
import {itemIds, keepSelection, type Section} from './section-rows.js';
import {type ProjectLine, useHomeData} from './use-home-data.js';
import {useHomeKeys} from './use-home-keys.js';
import {type Pending, useHomeState} from './use-home-state.js';
import {Welcome} from './welcome.js';

const confirmHints: KeyHint[] = [
	{key: 'y', label: 'delete'},
	{key: 'n/Esc', label: 'keep it'},
];

const help = [
	'A project is running here (with its lag behind the source), running in another process (obsync run), stopped',
	'(it resumes from its checkpoint) or never run. Enter opens its dashboard, where it starts and stops; stop it before',
	'editing or deleting it. Drafts are unfinished wizard runs: Enter resumes one.',
].join(' ');

export function Home() {
	const services = useServices();
	const {store} = services;
	const navigation = useNavigation();
	const {rows} = useTerminalSize();
	const [state, dispatch] = useHomeState();
	const {pending, status} = state;
	const workload = playgroundWorkload(services);
	const playgroundEngine = services.running(PLAYGROUND.project)?.engine;
	const playgroundRuns = playgroundEngine !== undefined && !['stopped', 'failed', 'stopping'].includes(playgroundEngine.state);
	const {projects, drafts, firstRun, refresh} = useHomeData(services, {live: workload?.running === true});
	const lastIndex = useRef(0);

	const sections: Section[] = [
		{
			title: 'Projects',
			empty: 'none yet: n creates one',
			items: projects.map((project) => ({
				id: `p:${project.name}`,
				cells: [
					{text: project.name, width: 22},
					{text: project.tags.length > 0 ? project.tags.join(', ') : '–', width: 16, tone: 'muted' as const},
					{text: project.status.text, tone: project.status.tone},
				],
			})),
		},
		{
			title: 'Drafts',
			empty: 'none: a wizard run you leave is kept here',
			items: drafts.map((line) => ({
				id: `d:${line.id}`,
				cells: [
					{text: line.title, width: 22, ...(line.draft ? {} : {tone: 'error' as const})},
					{text: line.detail, tone: 'muted' as const},
				],
			})),
		},
	];
	const ids = itemIds(sections);
	const current = keepSelection(ids, state.selected, lastIndex.current);
	if (current !== null) lastIndex.current = ids.indexOf(current);
	const project = current?.startsWith('p:') ? projects.find((line) => `p:${line.name}` === current) : undefined;
	const draft = current?.startsWith('d:') ? drafts.find((line) => `d:${line.id}` === current) : undefined;

	const newProject = () => {
		const created = emptyDraft();
		store.saveDraft(created.id, created);
		navigation.go({screen: 'wizard', draftId: created.id});
	};
	const editProject = (line: ProjectLine) => {
		if (line.status.busy) return dispatch({type: 'refuse-edit', name: line.name, busy: line.status.text});
		try {
			navigation.go({screen: 'wizard', draftId: openEditDraft(store, line.name, () => store.get(line.name))});
		} catch (error) {
			dispatch({type: 'report', status: {kind: 'error', text: `${line.name} cannot be edited: ${errorText(error)}`}});
		}
	};
	const confirmDelete = (target: Pending) => {
		if (target.kind === 'draft') store.removeDraft(target.line.id);
		else if (services.runningElsewhere(target.name) !== null) return dispatch({type: 'not-deleted', name: target.name});
		else store.remove(target.name, {withCheckpoint: true});
		refresh();
		dispatch({type: 'deleted', target});
	};
	const toggleWorkload = () => {
		const report = (kind: 'info' | 'ok' | 'error', text: string) => dispatch({type: 'report', status: {kind, text}});
		if (workload?.running) {
			void workload.stop().then(refresh);
			return report('ok', 'Stopping the playground workload (the project keeps running).');
		}
		if (!playgroundEngine || !playgroundRuns) return report('error', 'The playground project is not running here: p opens the playground.');
		report('info', 'Starting the playground workload…');
		services.restartPlaygroundWorkload(playgroundEngine).then(
			(started) => {
				setPlaygroundWorkload(services, started);
				report('ok', 'The playground workload runs again.');
			},
			(error: unknown) => report('error', `The workload could not start: ${errorText(error)}`),
		);
	};
	useHomeKeys({
		state,
		dispatch,
		firstRun,
		project,
		draft,
		workload: workload?.running === true || playgroundRuns,
		newProject,
		editProject,
		toggleWorkload,
	});

	const hints: KeyHint[] = pending
		? confirmHints
		: firstRun
			? [
					{key: '↑↓', label: 'move'},
					{key: 'Enter', label: 'choose'},
					{key: '1/n', label: 'new project'},
					{key: '2/p', label: 'playground'},
					{key: 's', label: 'data sources'},
					{key: 'q', label: 'quit'},
				]
			: [
					{key: '↑↓', label: 'move'},
					...(project ? [{key: 'Enter', label: 'dashboard'}] : draft ? [{key: 'Enter', label: 'resume draft'}] : []),
					{key: 'n', label: 'new project'},
					...(project ? [{key: 'e', label: 'edit'}] : []),
					...(project || draft ? [{key: 'd', label: 'delete'}] : []),
					{key: 's', label: 'data sources'},
					{key: 'p', label: 'playground'},
					...(workload?.running ? [{key: 'w', label: 'stop workload'}] : playgroundRuns ? [{key: 'w', label: 'start workload'}] : []),
					{key: 'q', label: 'quit'},
				];
	const workloadLine = workload?.running
		? `Playground workload: ${workload.counts.insert} inserts, ${workload.counts.update} updates, ${workload.counts.delete} deletes${
				workload.lastError ? ` (last error: ${workload.lastError})` : ''
			}`
		: null;
	return (
		<Screen path={['Projects']} hints={hints} help={help} status={status}>
			{pending ? (
				<Confirm
					title={pending.kind === 'project' ? `Delete the project ${pending.name}?` : `Delete ${pending.line.label}?`}
					message={
						pending.kind === 'project'
							? 'Its settings, its checkpoint (where it would resume) and its last precheck are deleted. Messages already sent stay in RocketMQ; the saved data sources stay.'
							: 'What was entered in this unfinished wizard run is lost.'
					}
					onConfirm={() => confirmDelete(pending)}
					onCancel={() => dispatch({type: 'keep'})}
				/>
			) : firstRun ? (
				<Welcome
					storePath={store.path}
					isActive
					onChoose={(choice) => (choice === 'new' ? newProject() : navigation.go({screen: 'playground'}))}
				/>
			) : (
				<SectionList
					sections={sections}
					selected={current}
					onSelect={(id) => dispatch({type: 'select', id})}
					height={Math.max(6, rows - (workloadLine ? 11 : 10))}
				/>
			)}
			{workloadLine && !pending ? (
				<Box marginTop={1}>
					<Text color={workload?.lastError ? theme.warn : theme.muted} wrap="truncate-end">
						{workloadLine}
					</Text>
				</Box>
			) : null}
		</Screen>
	);
}
