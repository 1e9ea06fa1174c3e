/**
 * Step 1's own screen: the project name, and one line each for the tags, the source and the destination (Enter opens
 * the picker of each), then [Next]. Problems show under the line they concern. A view: the focus and what the keys
 * do are the step's (use-step-one-state.ts, use-step-one-keys.ts).
 */
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {theme} from '../../../theme.js';
import type {Draft} from '../../draft.js';
import {stepPath} from '../../step-props.js';
import {describeDestination} from './destination-form.js';
import {describeSource} from './source-form.js';
import type {StepOneProblems} from './step-one-rules.js';

export type MainRow = 'name' | 'tags' | 'source' | 'destination' | 'next';

export type StepOneMainProps = {
	readonly draft: Draft;
	readonly onName: (name: string) => void;
	/** The problems to show (all of them after a first Next; the name's as it is typed). */
	readonly problems: StepOneProblems;
	/** The focused line (the step's state; its keys are in use-step-one-keys.ts). */
	readonly focus: MainRow;
	readonly status: ScreenProps['status'];
};

/** The main screen's lines, top to bottom: a project being edited keeps its name. */
export function mainRows(draft: Draft): MainRow[] {
	return draft.editing ? ['tags', 'source', 'destination', 'next'] : ['name', 'tags', 'source', 'destination', 'next'];
}

const labelWidth = 16;

const help = [
	'Step 1 names the project and says where rows come from and go to.',
	'Project name: at most 64 characters among letters (Chinese included), digits, _ and -; unique on this machine.',
	'Tags: any number, to group projects in the list; create, rename and delete them under Manage tags.',
	'Source: a saved OceanBase CE, MySQL or MariaDB data source, or a new one (Test Connectivity, then Save).',
	'Destination: a saved RocketMQ 5 data source (gRPC proxy, name server), or a new one.',
].join('\n');

const rowHelp: Record<MainRow, string> = {
	name: 'letters (Chinese included), digits, _ and -; at most 64',
	tags: 'Enter: pick tags, or manage them (create, rename, delete)',
	source: 'Enter: pick a saved OceanBase/MySQL/MariaDB source or add one',
	destination: 'Enter: pick a saved RocketMQ destination or add one',
	next: 'checks this step and goes on to the synchronization type',
};

export function StepOneMain(props: StepOneMainProps) {
	const {draft, problems} = props;
	const rows = mainRows(draft);
	const current = rows.includes(props.focus) ? props.focus : rows[0]!;
	const source = draft.source ? `${draft.sourceName ?? "the project's own settings"} · ${describeSource(draft.source)}` : undefined;
	const destination = draft.destination
		? `${draft.destinationName ?? "the project's own settings"} · ${describeDestination(draft.destination)}`
		: undefined;
	return (
		<Screen
			path={stepPath(draft, 'source-destination')}
			hints={[
				{key: '↑↓/Tab', label: 'move'},
				{key: 'Enter', label: current === 'next' ? 'next step' : current === 'name' ? 'next field' : 'open'},
				{key: 'Esc', label: 'leave the wizard (draft kept)'},
			]}
			help={help}
			status={props.status}
		>
			{draft.editing ? (
				<Row label="Project name" help={undefined} focused={false} error={undefined}>
					<Text>
						{draft.name} <Text color={theme.muted}>(fixed: its checkpoint is kept under this name)</Text>
					</Text>
				</Row>
			) : (
				<TextField
					label="Project name"
					value={draft.name}
					onChange={props.onName}
					focus={current === 'name'}
					error={problems.name}
					help={rowHelp.name}
					labelWidth={labelWidth}
					placeholder="e.g. orders_to_mq"
				/>
			)}
			<Row label="Tags" help={rowHelp.tags} focused={current === 'tags'} error={undefined}>
				<Text wrap="truncate-end" color={draft.tags.length ? undefined : theme.muted}>
					{draft.tags.length ? draft.tags.join(', ') : '(none)'}
				</Text>
			</Row>
			<Row label="Source" help={rowHelp.source} focused={current === 'source'} error={problems.source}>
				<Text wrap="truncate-end" color={source ? undefined : theme.muted}>
					{source ?? '(none yet)'}
				</Text>
			</Row>
			<Row label="Destination" help={rowHelp.destination} focused={current === 'destination'} error={problems.destination}>
				<Text wrap="truncate-end" color={destination ? undefined : theme.muted}>
					{destination ?? '(none yet)'}
				</Text>
			</Row>
			<Box marginTop={1}>
				<Text color={current === 'next' ? theme.focus : undefined} bold={current === 'next'} inverse={current === 'next'}>
					{current === 'next' ? '› ' : '  '}[ Next ]
				</Text>
			</Box>
			{current === 'next' ? <Text color={theme.muted}> {rowHelp.next}</Text> : null}
		</Screen>
	);
}

type RowProps = {
	readonly label: string;
	readonly help: string | undefined;
	readonly focused: boolean;
	readonly error: string | undefined;
	readonly children: ReactNode;
};

function Row({label, help, focused, error, children}: RowProps) {
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={labelWidth} flexShrink={0}>
					<Text color={focused ? theme.focus : undefined} bold={focused}>
						{focused ? '› ' : '  '}
						{label}
					</Text>
				</Box>
				<Box flexGrow={1}>{children}</Box>
			</Box>
			{error ? (
				<Box marginLeft={labelWidth}>
					<Text color={theme.error}>✘ {error}</Text>
				</Box>
			) : focused && help ? (
				<Box marginLeft={labelWidth}>
					<Text color={theme.muted}>{help}</Text>
				</Box>
			) : null}
		</Box>
	);
}
