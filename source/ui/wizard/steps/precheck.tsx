/**
 * Step 5, Precheck, and step 6, Start Project / Save (OMS). The draft becomes a project through the project schema;
 * when it cannot, the problems are listed with the step that fixes each, and nothing runs. Otherwise every check runs
 * with a live list; `r` runs them again until they pass. Start saves the project with its precheck and runs it here
 * (the dashboard opens); Save keeps it for later (the project list), also after a failed precheck, as OMS allows.
 */
import {Box, Text} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {CheckResult} from '../../../engine/precheck/prechecks.js';
import {useKeys} from '../../components/keys.js';
import {Screen, type ScreenProps} from '../../components/screen.js';
import {useTyping} from '../../components/typing.js';
import {useTerminalSize} from '../../components/use-terminal-size.js';
import {useServices} from '../../services.js';
import {symbols, theme} from '../../theme.js';
import {draftToProject} from '../draft.js';
import {type StepProps, stepPath} from '../step-props.js';
import {CheckList} from './precheck/check-list.js';
import {saveProject, startProject} from './precheck/finish-project.js';
import {draftFixes, firstProblem, type PrecheckRunState, startRefusal, summaryLine} from './precheck/precheck-model.js';

const help = [
	'Precheck runs every check on the source, the destination and this machine before the project starts: connectivity,',
	'version, binlog settings, privileges, each table, each topic (it must be FIFO), the start timestamp and the local store.',
	'Each failure says what was found and how to fix it; fix it and press r to run the checks again.',
	'Enter starts the project (only once nothing failed) and opens its dashboard; s saves it to start later from the list.',
].join('\n');

/** Rows the frame and the rest of this screen take, so the list gets what is left of the terminal. */
const CHROME_ROWS = 16;

export function PrecheckStep({draft, update, back, finish}: StepProps) {
	const services = useServices();
	const typing = useTyping();
	const {rows} = useTerminalSize();
	const built = useMemo(() => draftToProject(draft), [draft]);
	// A complete draft is prechecked as soon as the step opens (the effect below).
	const [run, setRun] = useState<PrecheckRunState>({running: built.ok, results: [], at: null});
	const [selected, setSelected] = useState(0);
	const [status, setStatus] = useState<ScreenProps['status']>(null);
	const runs = useRef(0);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);

	const project = built.ok ? built.project : null;
	const runChecks = useCallback(() => {
		if (!project) return;
		const id = ++runs.current;
		const live = (id: number) => mounted.current && runs.current === id;
		const seen: CheckResult[] = [];
		setRun({running: true, results: [], at: null});
		setSelected(0);
		setStatus(null);
		services
			.precheck(project, (result) => {
				if (!live(id)) return;
				seen.push(result);
				setRun({running: true, results: [...seen], at: null});
				setSelected(seen.length - 1);
			})
			.then((results) => {
				if (!live(id)) return;
				const at = new Date().toISOString();
				setRun({running: false, results, at});
				setSelected(firstProblem(results));
				update((current) => ({...current, precheck: {at, results}}));
			})
			.catch((error: unknown) => {
				if (!live(id)) return;
				setRun({running: false, results: [...seen], at: null, error: (error as Error).message ?? String(error)});
			});
		// Runs once when the step opens; `r` runs it again (the draft cannot change on this screen).
	}, [project, services, update]);
	// biome-ignore lint/correctness/useExhaustiveDependencies: the precheck runs once when the step opens, then on `r`
	useEffect(() => runChecks(), []);

	const refusal = startRefusal(run);
	const record = () => ({at: run.at ?? new Date().toISOString(), results: run.results});
	const onStart = () => {
		if (!project) return setStatus({kind: 'error', text: 'The project is incomplete (see above): nothing to start.'});
		if (refusal) return setStatus({kind: 'error', text: `Start refused: ${refusal}.`});
		const outcome = startProject(services, draft, project, record());
		if (!outcome.ok) return setStatus({kind: 'error', text: `Start refused: ${outcome.error}.`});
		finish({started: outcome.name});
	};
	const onSave = () => {
		if (!project) return setStatus({kind: 'error', text: 'The project is incomplete (see above): nothing to save yet.'});
		if (run.running) return setStatus({kind: 'error', text: 'Wait for the precheck to finish, then save.'});
		const outcome = saveProject(services, draft, project, record());
		if (!outcome.ok) return setStatus({kind: 'error', text: `Not saved: ${outcome.error}.`});
		finish({saved: outcome.name});
	};

	useKeys((input, key) => {
		if (key.escape) return back();
		if (key.return) return onStart();
		if (key.upArrow) return setSelected((at) => Math.max(0, at - 1));
		if (key.downArrow) return setSelected((at) => Math.min(Math.max(0, run.results.length - 1), at + 1));
		if (key.pageUp) return setSelected((at) => Math.max(0, at - 5));
		if (key.pageDown) return setSelected((at) => Math.min(Math.max(0, run.results.length - 1), at + 5));
		if (typing) return;
		if (input === 'r') {
			if (!project) return;
			if (run.running) return setStatus({kind: 'info', text: 'The precheck is running; r runs it again once it ends.'});
			return runChecks();
		}
		if (input === 's') return onSave();
	});

	const hints = project
		? [
				{key: 'Enter', label: 'start project'},
				{key: 's', label: 'save (start later)'},
				{key: 'r', label: 'rerun'},
				{key: '↑↓', label: 'details'},
				{key: 'Esc', label: 'back to options'},
			]
		: [{key: 'Esc', label: 'back to fix it'}];

	return (
		<Screen path={stepPath(draft, 'precheck')} hints={hints} help={help} status={status}>
			{built.ok ? (
				<Box flexDirection="column">
					<Text>
						<Text bold>Precheck of {built.project.name}: </Text>
						{summaryLine(run.results, run.running)}
					</Text>
					{run.error ? <Text color={theme.error}>✘ the precheck stopped: {run.error}</Text> : null}
					<CheckList results={run.results} running={run.running} selected={selected} height={Math.max(5, rows - CHROME_ROWS)} />
					<Box marginTop={1} flexDirection="column">
						<Text>
							<Text bold={!refusal} color={refusal ? theme.muted : theme.ok}>
								[ Start project: Enter ]
							</Text>{' '}
							<Text bold={!run.running} color={run.running ? theme.muted : undefined}>
								[ Save: s ]
							</Text>
						</Text>
						{refusal && !run.running ? <Text color={theme.muted}>Start is refused: {refusal}.</Text> : null}
					</Box>
				</Box>
			) : (
				<Box flexDirection="column">
					<Text color={theme.error}>
						{symbols.fail} The project is not complete, so the precheck cannot run. Fix {built.issues.length === 1 ? 'this' : 'these'}:
					</Text>
					{draftFixes(draft, built.issues).map((fix) => (
						<Box key={`${fix.path}-${fix.message}`} flexDirection="column" marginTop={1}>
							<Text>
								<Text bold>{fix.path}</Text>: {fix.message}
							</Text>
							<Text color={theme.muted}> → {fix.fix}</Text>
						</Box>
					))}
				</Box>
			)}
		</Screen>
	);
}
