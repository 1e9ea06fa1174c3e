/**
 * The home screen (`obsync` with no arguments): the saved projects with their state (and lag while running), the
 * unfinished wizard runs (drafts), and the ways on: a new project, the dashboard, editing, deleting, the data sources
 * and the local playground. On a first run (nothing configured) it welcomes and offers a project or the playground.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {PLAYGROUND} from '../../playground/playground-settings.js';
import {Confirm} from '../components/confirm.js';
import type {KeyHint} from '../components/key-hints.js';
import {useKeys} from '../components/keys.js';
import {Screen} from '../components/screen.js';
import {useTyping} from '../components/typing.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {errorText} from '../error-text.js';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import {theme} from '../theme.js';
import {emptyDraft, openEditDraft} from '../wizard/draft.js';
import {type DraftLine, draftLines, isFirstRun, type ProjectStatus, projectStatus} from './home-model.js';
import {playgroundWorkload, setPlaygroundWorkload} from './playground-session.js';
import {SectionList} from './section-list.js';
import {itemIds, keepSelection, type Section} from './section-rows.js';
import {Welcome} from './welcome.js';

type ProjectLine = {readonly name: string; readonly tags: readonly string[]; readonly status: ProjectStatus};
type Pending = {readonly kind: 'project'; readonly name: string} | {readonly kind: 'draft'; readonly line: DraftLine};
type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;

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
	const typing = useTyping();
	const {rows} = useTerminalSize();
	const [, setTick] = useState(0);
	const [selected, setSelected] = useState<string | null>(null);
	const [pending, setPending] = useState<Pending | null>(null);
	const [status, setStatus] = useState<Status>(null);
	const lastIndex = useRef(0);
	useEffect(() => {
		const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
		return () => clearInterval(timer);
	}, []);

	const projects: ProjectLine[] = store.names().map((name) => {
		let tags: readonly string[] = [];
		let invalid: string | undefined;
		try {
			tags = store.get(name).tags;
		} catch (error) {
			invalid = errorText(error);
		}
		const running = services.running(name)?.engine;
		const snapshot = running?.snapshot();
		const status = projectStatus({
			engine: snapshot ? {state: snapshot.state, lagSeconds: snapshot.lagSeconds, lastError: snapshot.errors.at(-1)?.message} : undefined,
			elsewhere: services.runningElsewhere(name),
			hasCheckpoint: services.hasCheckpoint(name),
		});
		return {name, tags, status: invalid ? {text: `invalid: ${invalid}`, tone: 'error', busy: status.busy} : status};
	});
	const drafts = draftLines(store.drafts());
	const firstRun = isFirstRun({
		projects: projects.length,
		drafts: drafts.length,
		sources: store.dataSources('source').length,
		destinations: store.dataSources('destination').length,
	});
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
	const current = keepSelection(ids, selected, lastIndex.current);
	if (current !== null) lastIndex.current = ids.indexOf(current);
	const project = current?.startsWith('p:') ? projects.find((line) => `p:${line.name}` === current) : undefined;
	const draft = current?.startsWith('d:') ? drafts.find((line) => `d:${line.id}` === current) : undefined;
	const workload = playgroundWorkload(services);
	const playgroundEngine = services.running(PLAYGROUND.project)?.engine;
	const playgroundRuns = playgroundEngine !== undefined && !['stopped', 'failed', 'stopping'].includes(playgroundEngine.state);

	const newProject = () => {
		const created = emptyDraft();
		store.saveDraft(created.id, created);
		navigation.go({screen: 'wizard', draftId: created.id});
	};
	const edit = (line: ProjectLine) => {
		if (line.status.busy) {
			return setStatus({kind: 'error', text: `${line.name} is ${line.status.text}: stop it (on its dashboard) before editing it.`});
		}
		try {
			navigation.go({screen: 'wizard', draftId: openEditDraft(store, line.name, () => store.get(line.name))});
		} catch (error) {
			setStatus({kind: 'error', text: `${line.name} cannot be edited: ${errorText(error)}`});
		}
	};
	const askDelete = (target: Pending) => {
		if (target.kind === 'project') {
			const line = projects.find((candidate) => candidate.name === target.name);
			if (line?.status.busy) {
				return setStatus({kind: 'error', text: `${target.name} is ${line.status.text}: stop it (on its dashboard) before deleting it.`});
			}
		}
		setStatus(null);
		setPending(target);
	};
	const confirmDelete = (target: Pending) => {
		setPending(null);
		if (target.kind === 'draft') {
			store.removeDraft(target.line.id);
			return setStatus({kind: 'ok', text: `Deleted ${target.line.label}.`});
		}
		if (services.runningElsewhere(target.name) !== null) {
			return setStatus({kind: 'error', text: `${target.name} started running in the meantime; it was not deleted.`});
		}
		store.remove(target.name, {withCheckpoint: true});
		setStatus({kind: 'ok', text: `Deleted the project ${target.name} and its checkpoint. Its data sources are kept.`});
	};
	const toggleWorkload = () => {
		if (workload?.running) {
			void workload.stop().then(() => setTick((tick) => tick + 1));
			return setStatus({kind: 'ok', text: 'Stopping the playground workload (the project keeps running).'});
		}
		if (!playgroundEngine || !playgroundRuns) {
			return setStatus({kind: 'error', text: 'The playground project is not running here: p opens the playground.'});
		}
		setStatus({kind: 'info', text: 'Starting the playground workload…'});
		services.restartPlaygroundWorkload(playgroundEngine).then(
			(started) => {
				setPlaygroundWorkload(services, started);
				setStatus({kind: 'ok', text: 'The playground workload runs again.'});
			},
			(error: unknown) => setStatus({kind: 'error', text: `The workload could not start: ${errorText(error)}`}),
		);
	};

	useKeys(
		(input, key) => {
			if (typing) return;
			if (input === 'q') return navigation.quit();
			if (input === 's') return navigation.go({screen: 'data-sources'});
			if (input === 'p' || (firstRun && input === '2')) return navigation.go({screen: 'playground'});
			if (input === 'n' || (firstRun && input === '1')) return newProject();
			if (input === 'w' && (workload?.running || playgroundRuns)) return toggleWorkload();
			if (firstRun) return;
			if (key.return && project) return navigation.go({screen: 'dashboard', project: project.name});
			if (key.return && draft) {
				if (!draft.draft)
					return setStatus({kind: 'error', text: `${draft.label} was saved by another version and cannot be resumed: d deletes it.`});
				return navigation.go({screen: 'wizard', draftId: draft.id});
			}
			if (input === 'e' && project) return edit(project);
			if (input === 'e' && draft?.draft) return navigation.go({screen: 'wizard', draftId: draft.id});
			if (input === 'd' && project) return askDelete({kind: 'project', name: project.name});
			if (input === 'd' && draft) return askDelete({kind: 'draft', line: draft});
		},
		{isActive: pending === null},
	);

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
					onCancel={() => {
						setPending(null);
						setStatus({kind: 'info', text: 'Nothing was deleted.'});
					}}
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
					onSelect={(id) => {
						setSelected(id);
						setStatus(null);
					}}
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
