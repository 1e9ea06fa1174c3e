/**
 * A project's details and live dashboard. Running in this process: its numbers move every second, and `p` pauses,
 * `r` resumes, `s` stops (draining, checkpoint saved); Esc goes back and leaves it running. Not running here: its saved
 * state (or the other process that runs it), its checkpoint and precheck results; `s` starts or resumes it, `e` edits it.
 */
import {Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {Engine} from '../../engine/engine.js';
import {type ErrorInfo, errorInfo} from '../../engine/engine-events.js';
import type {Project} from '../../engine/project/project-schema.js';
import type {KeyHint} from '../components/key-hints.js';
import {useKeys} from '../components/keys.js';
import {Screen, type ScreenProps} from '../components/screen.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import {theme} from '../theme.js';
import {openEditDraft} from '../wizard/draft.js';
import {activityOf, layoutFor, readPrecheck, startAction} from './dashboard-model.js';
import {formatPosition} from './format.js';
import {IdleView} from './idle-view.js';
import {LiveView} from './live-view.js';
import {useEngineView} from './use-engine-view.js';
import {useNow} from './use-now.js';
import {useRemoteEngine} from './use-remote-engine.js';
import {useSavedState} from './use-saved-state.js';

type Status = NonNullable<ScreenProps['status']>;

export type DashboardProps = {readonly name: string};

export function Dashboard({name}: DashboardProps) {
	const services = useServices();
	const navigation = useNavigation();
	const loaded = useMemo((): {readonly project: Project} | {readonly error: ErrorInfo} => {
		try {
			return {project: services.store.get(name)};
		} catch (error) {
			return {error: errorInfo(error)};
		}
	}, [services, name]);
	if ('error' in loaded) {
		return (
			<MissingProject name={name} message={loaded.error.message} hint={loaded.error.hint} back={() => navigation.go({screen: 'home'})} />
		);
	}
	return <ProjectDashboard project={loaded.project} />;
}

function ProjectDashboard({project}: {readonly project: Project}) {
	const {name} = project;
	const services = useServices();
	const navigation = useNavigation();
	const [local, setEngine] = useState<Engine | undefined>(() => services.running(name)?.engine);
	const [status, setStatus] = useState<Status | null>(null);
	const localActivity = activityOf(local?.state);
	const saved = useSavedState(services, name, {active: localActivity !== 'idle'});
	// A run of another process, attached through its control socket: shown and driven as one of this process.
	const remote = useRemoteEngine(services, name, {
		enabled: local === undefined && saved.elsewherePid !== null,
		onEnded: (last, pid) =>
			setStatus({
				kind: 'error',
				text: `the process running ${name}${pid === null ? '' : ` (pid ${pid})`} ended without stopping it; last seen ${last.state}, ${last.totals.acked} acked, checkpoint ${formatPosition(last.checkpoint)}`,
			}),
	});
	const engine = local ?? remote;
	const {snapshot, history} = useEngineView(engine);
	const activity = activityOf(snapshot?.state);
	const precheck = useMemo(() => readPrecheck(services.store.precheck(name)), [services, name]);
	const layout = layoutFor(useTerminalSize());
	const now = useNow();
	// A passing note ("starting…", "already paused") is over once the state moves on.
	const state = snapshot?.state;
	useEffect(() => {
		if (state) setStatus((current) => (current?.kind === 'info' ? null : current));
	}, [state]);
	const start = startAction({
		elsewherePid: activity === 'idle' ? saved.elsewherePid : null,
		hasCheckpoint: services.hasCheckpoint(name),
		name,
	});

	const startHere = () => {
		if (start.kind === 'blocked') return setStatus({kind: 'error', text: start.reason});
		try {
			setEngine(services.start(project, {resume: start.kind === 'resume'}));
			setStatus(null);
		} catch (error) {
			const info = errorInfo(error);
			setStatus({kind: 'error', text: `could not start ${name}: ${info.message}${info.hint ? ` (${info.hint})` : ''}`});
		}
	};
	const stop = (current: Engine) => {
		// The state line says "stopping: draining…" meanwhile.
		void current.stop().then((result) => {
			if (result.state === 'failed')
				return setStatus({kind: 'error', text: `${name} failed while stopping: ${result.error?.message ?? 'unknown error'}`});
			const checkpoint = current.snapshot().checkpoint;
			setStatus({kind: 'ok', text: `stopped; checkpoint saved at ${formatPosition(checkpoint)}. s resumes from there.`});
		});
	};
	const edit = () => {
		if (activity !== 'idle')
			return setStatus({kind: 'error', text: `stop ${name} (s) before editing it: a running project keeps its settings`});
		if (start.kind === 'blocked')
			return setStatus({kind: 'error', text: `${name} runs in another process; stop it there before editing it`});
		navigation.go({screen: 'wizard', draftId: openEditDraft(services.store, name, () => project)});
	};

	useKeys((input, key) => {
		if (key.escape) return navigation.go({screen: 'home'});
		if (input === 'q') return navigation.quit();
		if (input === 'e') return edit();
		const state = engine?.state;
		if (activity === 'active' && engine) {
			if (input === 'p') {
				if (state === 'running') engine.pause();
				else setStatus({kind: 'info', text: state === 'paused' ? 'already paused; r resumes' : 'still starting; p pauses once it runs'});
				return;
			}
			if (input === 'r') {
				if (state === 'paused') engine.resume();
				else setStatus({kind: 'info', text: 'not paused: nothing to resume'});
				return;
			}
			if (input === 's') return stop(engine);
			return;
		}
		if (activity === 'stopping') {
			if (input === 's' || input === 'p' || input === 'r') setStatus({kind: 'info', text: 'stopping already; wait for "stopped"'});
			return;
		}
		if (input === 's') return startHere();
		if (input === 'p' || input === 'r') setStatus({kind: 'info', text: `${name} does not run here: s ${start.label}`});
	});

	const hints: KeyHint[] = [];
	if (activity === 'active') {
		if (snapshot?.state === 'paused') hints.push({key: 'r', label: 'resume'});
		else hints.push({key: 'p', label: 'pause'});
		hints.push({key: 's', label: 'stop'}, {key: 'Esc', label: 'back (keeps running)'});
	} else if (activity === 'stopping') {
		hints.push({key: 'Esc', label: 'back'});
	} else {
		if (start.kind !== 'blocked') hints.push({key: 's', label: start.label}, {key: 'e', label: 'edit'});
		hints.push({key: 'Esc', label: 'back'});
	}
	hints.push({key: 'q', label: 'quit'});

	const help = [
		`The details of project ${name}. While it runs in this terminal the numbers refresh every second: lag behind the source,`,
		'rows and messages per second (the sparklines show the last minute), counts per operation, table and topic, the binlog',
		'position read and the last checkpoint (where a restart resumes), the last errors and what to do about them.',
		'p pauses reading, r resumes, s stops (in-flight messages drained, checkpoint saved); when it does not run, s starts it',
		'(or resumes from its checkpoint) and e edits it. Esc goes back to the projects and leaves it running here.',
		`Quitting obsync stops it (q or Ctrl+C ask first); to keep it running without a terminal, run \`obsync run ${name} --resume\`.`,
		'A project that another process runs (obsync run) shows here live too, through its control socket: p, r and s act on',
		'that process, and quitting obsync leaves it running.',
	].join('\n');

	return (
		<Screen path={['Projects', name]} hints={hints} help={help} status={status}>
			{snapshot ? (
				<LiveView snapshot={snapshot} history={history} layout={layout} now={now} precheck={precheck} />
			) : (
				<IdleView
					project={project}
					elsewherePid={saved.elsewherePid}
					checkpoint={saved.checkpoint}
					checkpointError={saved.checkpointError}
					precheck={precheck}
					layout={layout}
					now={now}
				/>
			)}
		</Screen>
	);
}

function MissingProject(props: {
	readonly name: string;
	readonly message: string;
	readonly hint: string | undefined;
	readonly back: () => void;
}) {
	useKeys((_input, key) => {
		if (key.escape) props.back();
	});
	return (
		<Screen path={['Projects', props.name]} hints={[{key: 'Esc', label: 'back'}]}>
			<Text color={theme.error}>✘ {props.message}</Text>
			{props.hint ? <Text color={theme.muted}>→ {props.hint}</Text> : null}
		</Screen>
	);
}
