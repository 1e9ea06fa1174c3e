/**
 * Step 2 of the wizard, Synchronization type (OMS: Select Synchronization Type). obsync does incremental
 * synchronization only, and of DML only; the user picks which operations are sent: Insert, Update, Delete.
 */
import {Box, Text} from 'ink';
import {useState} from 'react';
import {OPERATIONS, type Operation} from '../../../engine/project/project-schema.js';
import {useKeys} from '../../components/keys.js';
import {List} from '../../components/list.js';
import {Screen} from '../../components/screen.js';
import {theme} from '../../theme.js';
import {type StepProps, stepPath} from '../step-props.js';
import {OPERATION_LABELS, operationsProblem, toggleOperation} from './source-destination/sync-operations.js';

const help = [
	'obsync does incremental synchronization: from the start timestamp (Step 4) on, it reads the source’s binlog and',
	'sends every row change of the selected tables to RocketMQ. As in OMS, incremental synchronization covers DML only',
	'(DML for Data Change): choose which of Insert, Update and Delete are sent. Changes of the others are read and skipped.',
	'(Sending DDL too is a project-file option, `options.ddl`; see the README.)',
].join('\n');

export function SyncTypeStep({draft, update, next, back}: StepProps) {
	const [attempted, setAttempted] = useState(false);
	const problem = operationsProblem(draft.operations);
	useKeys((_input, key) => {
		if (key.escape) return back();
		if (!key.return) return;
		setAttempted(true);
		if (!problem) next();
	});
	return (
		<Screen
			path={stepPath(draft, 'sync-type')}
			hints={[
				{key: '↑↓', label: 'move'},
				{key: 'Space', label: 'select / clear'},
				{key: 'Enter', label: 'next step'},
				{key: 'Esc', label: 'back'},
			]}
			help={help}
			status={problem && attempted ? {kind: 'error', text: 'Cannot go on: no operation is selected.'} : null}
		>
			<Text>
				Synchronization type: <Text bold>Incremental synchronization</Text> — DML for Data Change
			</Text>
			<Text color={theme.muted}>
				Only DML is synchronized (OMS: “Incremental Synchronization supports only DML for Data Change”). Send:
			</Text>
			<Box marginTop={1} flexDirection="column">
				<List
					items={OPERATIONS.map((operation: Operation) => ({
						id: operation,
						label: OPERATION_LABELS[operation].label,
						detail: OPERATION_LABELS[operation].detail,
					}))}
					checked={new Set(draft.operations)}
					onToggle={(item) => update((current) => ({...current, operations: toggleOperation(current.operations, item.id as Operation)}))}
					height={3}
				/>
			</Box>
			{problem ? (
				<Box marginTop={1}>
					<Text color={theme.error}>✘ {problem}</Text>
				</Box>
			) : (
				<Box marginTop={1}>
					<Text color={theme.muted}>Sent: {draft.operations.map((operation) => OPERATION_LABELS[operation].label).join(', ')}</Text>
				</Box>
			)}
		</Screen>
	);
}
