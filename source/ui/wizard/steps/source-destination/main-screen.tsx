/**
 * Step 1's own screen: the project name, and one line each for the tags, the source and the destination (Enter opens
 * the picker of each), then [Next]. Problems show under the line they concern.
 */
import {Box, Text} from 'ink';
import {type ReactNode, useRef, useState} from 'react';
import {useKeys} from '../../../components/keys.js';
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
	/** The line focused when the screen opens (the one left last). */
	readonly initialFocus: MainRow;
	/** Told where the focus went, to come back to it. */
	readonly onFocus: (row: MainRow) => void;
	readonly onOpen: (row: 'tags' | 'source' | 'destination') => void;
	readonly onNext: () => void;
	readonly onBack: () => void;
	readonly status: ScreenProps['status'];
};

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
	const rows: MainRow[] = draft.editing ? ['tags', 'source', 'destination', 'next'] : ['name', 'tags', 'source', 'destination', 'next'];
	const [focus, setFocus] = useState(rows.includes(props.initialFocus) ? props.initialFocus : rows[0]!);
	// Keys that arrive together are handled before the screen renders again: they read the focus from here.
	const focusNow = useRef(focus);
	const current = focus;
	const move = (by: number) => {
		const at = Math.max(0, rows.indexOf(focusNow.current));
		const to = rows[(at + by + rows.length) % rows.length]!;
		focusNow.current = to;
		setFocus(to);
		props.onFocus(to);
	};
	useKeys((_input, key) => {
		if (key.escape) return props.onBack();
		if (key.upArrow || (key.tab && key.shift)) return move(-1);
		if (key.downArrow || key.tab) return move(1);
		if (!key.return) return;
		const row = focusNow.current;
		if (row === 'name') return move(1);
		if (row === 'next') return props.onNext();
		props.onOpen(row);
	});
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
