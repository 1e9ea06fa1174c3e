/**
 * The saved data sources: sources (OceanBase CE, MySQL, MariaDB) and destinations (RocketMQ), with where they connect
 * and as whom, never a password or secret key. `t` tests connectivity, `d` deletes one (projects keep their own
 * copy). Data sources are added in the wizard's first step.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {isDestination, type NamedDestination, type NamedSource} from '../../store/project-store.js';
import {Confirm} from '../components/confirm.js';
import {useKeys} from '../components/keys.js';
import {Screen} from '../components/screen.js';
import {useTyping} from '../components/typing.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {destinationStatus} from '../destination-status.js';
import {errorText} from '../error-text.js';
import {useNavigation} from '../navigation.js';
import {useServices} from '../services.js';
import {theme} from '../theme.js';
import {type DataSourceLine, destinationLine, projectsUsing, sourceLine} from './data-sources-model.js';
import {SectionList} from './section-list.js';
import {itemIds, keepSelection, type Section} from './section-rows.js';

type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;
type Entry = {readonly line: DataSourceLine; readonly settings: NamedSource | NamedDestination};

const help = [
	'Data sources saved here are offered again by the wizard’s first step, where new ones are added. A project keeps its',
	'own copy of them: deleting one here changes no project. Passwords and secret keys are never shown.',
].join(' ');

const secretsOf = (settings: NamedSource | NamedDestination): string[] =>
	isDestination(settings) ? [settings.secretKey ?? ''] : [settings.password, settings.binlog?.password ?? ''];

export function DataSources() {
	const services = useServices();
	const {store} = services;
	const navigation = useNavigation();
	const typing = useTyping();
	const {rows} = useTerminalSize();
	const [selected, setSelected] = useState<string | null>(null);
	const [pending, setPending] = useState<Entry | null>(null);
	const [status, setStatus] = useState<Status>(null);
	const [testing, setTesting] = useState<string | null>(null);
	const [, setVersion] = useState(0);
	const lastIndex = useRef(0);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);

	const sources: Entry[] = store.dataSources('source').map((source) => ({line: sourceLine(source), settings: source}));
	const destinations: Entry[] = store
		.dataSources('destination')
		.map((destination) => ({line: destinationLine(destination), settings: destination}));
	const entries = [...sources, ...destinations];
	const toItem = ({line}: Entry) => ({
		id: line.id,
		cells: [
			{text: line.name, width: 20},
			{text: line.type, width: 12},
			{text: line.user, width: 18, tone: 'muted' as const},
			{text: line.endpoint},
		],
	});
	const sections: Section[] = [
		{title: 'Sources', empty: 'none saved: add one in the wizard (n on the projects screen)', items: sources.map(toItem)},
		{title: 'Destinations', empty: 'none saved: add one in the wizard (n on the projects screen)', items: destinations.map(toItem)},
	];
	const ids = itemIds(sections);
	const current = keepSelection(ids, selected, lastIndex.current);
	if (current !== null) lastIndex.current = ids.indexOf(current);
	const entry = entries.find((candidate) => candidate.line.id === current);

	const test = async ({line, settings}: Entry) => {
		setTesting(line.id);
		setStatus({kind: 'info', text: `Testing ${line.name} (${line.endpoint})…`});
		try {
			let text: string;
			if (isDestination(settings)) {
				text = `${line.name}: ${destinationStatus(await services.testDestination(settings))}`;
			} else {
				const info = await services.testSource(settings);
				text = `${line.name}: connected to ${info.flavour === 'oceanbase' ? 'OceanBase' : info.flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} ${info.version} at ${info.endpoint}.`;
			}
			if (mounted.current) setStatus({kind: 'ok', text});
		} catch (error) {
			if (mounted.current) setStatus({kind: 'error', text: `${line.name}: ${errorText(error, secretsOf(settings))}`});
		} finally {
			if (mounted.current) setTesting(null);
		}
	};
	const remove = ({line}: Entry) => {
		setPending(null);
		store.removeDataSource(line.kind, line.name);
		setVersion((version) => version + 1);
		setStatus({kind: 'ok', text: `Deleted the ${line.kind} ${line.name}. Projects keep their own copy of its settings.`});
	};
	const using = (target: Entry): string[] => {
		const projects = store.names().flatMap((name) => {
			try {
				return [store.get(name)];
			} catch {
				return [];
			}
		});
		return projectsUsing(target.settings, projects);
	};

	useKeys(
		(input, key) => {
			if (key.escape) return navigation.go({screen: 'home'});
			if (typing || !entry) return;
			if (input === 't') {
				if (testing) return setStatus({kind: 'info', text: 'A test is running; wait for its result.'});
				return void test(entry);
			}
			if (input === 'd') {
				setStatus(null);
				return setPending(entry);
			}
		},
		{isActive: pending === null},
	);

	const users = pending ? using(pending) : [];
	return (
		<Screen
			path={['Projects', 'Data sources']}
			help={help}
			status={status}
			hints={
				pending
					? [
							{key: 'y', label: 'delete'},
							{key: 'n/Esc', label: 'keep it'},
						]
					: [
							{key: '↑↓', label: 'move'},
							...(entry ? [{key: 't', label: 'test connectivity'}] : []),
							...(entry ? [{key: 'd', label: 'delete'}] : []),
							{key: 'Esc', label: 'back to projects'},
						]
			}
		>
			{pending ? (
				<Confirm
					title={`Delete the ${pending.line.kind} ${pending.line.name}?`}
					message={`The wizard no longer offers it. Projects keep their own copy of its settings${
						users.length > 0
							? ` (${users.join(', ')} still ${users.length === 1 ? 'connects' : 'connect'} to ${pending.line.endpoint})`
							: ''
					}.`}
					onConfirm={() => remove(pending)}
					onCancel={() => {
						setPending(null);
						setStatus({kind: 'info', text: 'Nothing was deleted.'});
					}}
				/>
			) : (
				<>
					<SectionList
						sections={sections}
						selected={current}
						onSelect={(id) => {
							setSelected(id);
							if (!testing) setStatus(null);
						}}
						height={Math.max(5, rows - 12)}
					/>
					{entry ? (
						<Box marginTop={1}>
							<Text color={theme.muted} wrap="truncate-end">
								{entry.line.summary}
							</Text>
						</Box>
					) : null}
				</>
			)}
		</Screen>
	);
}
