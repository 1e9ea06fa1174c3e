/**
 * The local playground, for a first run: it says what it will do, and on Enter starts the test services, creates a
 * sample table, saves the data sources and a project, starts it with a small workload, and opens its dashboard, so
 * rows flow within minutes. The work itself is in source/playground/; this screen shows its progress.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {hasTestServices, needsCloneError, PLAYGROUND, projectRoot} from '../../playground/playground-settings.js';
import {PLAYGROUND_STEPS, type PlaygroundProgress, type PlaygroundStepId, playgroundLogFile} from '../../playground/run-playground.js';
import {useKeys} from '../components/keys.js';
import {Screen} from '../components/screen.js';
import {errorText} from '../error-text.js';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import {symbols, theme} from '../theme.js';
import {setPlaygroundWorkload} from './playground-session.js';

type StepView = {readonly state: 'pending' | PlaygroundProgress['state']; readonly detail?: string | undefined};
type Phase = 'intro' | 'running' | 'failed';

const help = [
	'The playground uses the test services of the repository (test/services/: MariaDB and RocketMQ on 127.0.0.1, own ports,',
	'data under .services/). Running it again reuses the table, data sources and project. Its workload stops with the',
	'project, or with w on the projects screen.',
].join(' ');

const initialSteps = (): Record<PlaygroundStepId, StepView> =>
	Object.fromEntries(PLAYGROUND_STEPS.map((step) => [step.id, {state: 'pending'}])) as Record<PlaygroundStepId, StepView>;

const mark = {pending: symbols.skip, running: symbols.running, done: symbols.pass, failed: symbols.fail} as const;
const markColor = {pending: theme.muted, running: theme.warn, done: theme.ok, failed: theme.error} as const;

export type PlaygroundProps = {
	/** The clone holding test/services/. @default the directory above source/ (or dist/) */
	readonly root?: string;
};

export function Playground({root = projectRoot()}: PlaygroundProps) {
	const services = useServices();
	const navigation = useNavigation();
	const [phase, setPhase] = useState<Phase>('intro');
	const [steps, setSteps] = useState(initialSteps);
	const [error, setError] = useState<string | null>(null);
	const controller = useRef<AbortController | null>(null);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
			controller.current?.abort();
		},
		[],
	);
	const clone = hasTestServices(root);
	const logFile = playgroundLogFile(services.store);

	const start = () => {
		const abort = new AbortController();
		controller.current = abort;
		setPhase('running');
		setError(null);
		setSteps(initialSteps());
		services
			.runPlayground({
				root,
				logFile,
				signal: abort.signal,
				onProgress: (progress) => {
					if (!mounted.current) return;
					setSteps((previous) => ({...previous, [progress.step]: {state: progress.state, detail: progress.detail}}));
				},
			})
			.then(
				(run) => {
					setPlaygroundWorkload(services, run.workload);
					if (mounted.current) navigation.go({screen: 'dashboard', project: PLAYGROUND.project});
				},
				(failure: unknown) => {
					if (!mounted.current) return;
					setPhase('failed');
					setError(abort.signal.aborted ? 'Cancelled. What was already done is kept and reused next time.' : errorText(failure));
				},
			);
	};

	useKeys((_input, key) => {
		if (key.escape) {
			if (phase === 'running') return controller.current?.abort();
			return navigation.go({screen: 'home'});
		}
		if (key.return && phase !== 'running' && clone) start();
	});

	const status =
		phase === 'running'
			? {kind: 'info' as const, text: 'Working… the first start of the services downloads and starts RocketMQ (a few minutes).'}
			: error
				? {kind: 'error' as const, text: error}
				: clone
					? null
					: {kind: 'error' as const, text: errorText(needsCloneError(root))};
	return (
		<Screen
			path={['Projects', 'Playground']}
			help={help}
			status={status}
			hints={[
				...(clone && phase !== 'running' ? [{key: 'Enter', label: phase === 'failed' ? 'try again' : 'start the playground'}] : []),
				{key: 'Esc', label: phase === 'running' ? 'cancel' : 'back to projects'},
			]}
		>
			<Text>See rows flow from a MariaDB table to a RocketMQ topic on this machine.</Text>
			<Text>{clone ? 'On Enter, obsync will:' : 'From a clone of the repository, obsync would:'}</Text>
			<Box flexDirection="column" marginTop={1}>
				{PLAYGROUND_STEPS.map((step, i) => {
					const view = steps[step.id];
					return (
						<Box key={step.id} flexDirection="column">
							<Text wrap="truncate-end">
								<Text color={markColor[view.state]}>{mark[view.state]}</Text> {i + 1}. {step.title}
								{view.state === 'done' && view.detail ? <Text color={theme.muted}> · {view.detail}</Text> : null}
							</Text>
							{view.detail && view.state === 'running' ? (
								<Text color={theme.muted} wrap="truncate-end">
									{'     '}
									{view.detail}
								</Text>
							) : null}
						</Box>
					);
				})}
				<Text>
					{'  '}then open the dashboard of <Text bold>{PLAYGROUND.project}</Text>.
				</Text>
			</Box>
			<Box marginTop={1} flexDirection="column">
				<Text color={theme.muted} wrap="truncate-middle">
					Services: test/services/ in {root} (127.0.0.1 only, own ports). Output: {logFile}
				</Text>
			</Box>
		</Screen>
	);
}
