/**
 * Step 3, Objects (OMS: Select Synchronization Objects): the source's databases and tables on the left (views and
 * Chinese names disabled with the reason), the selection on the right as Topic > Database > Table. Tables marked on
 * the left are mapped to a topic (`>`); on the right a table or group changes topic (`t`), gets its settings (`s`),
 * or is removed (`d`, `D` all). The selection can be imported from CSV (`i`) and exported to it (`x`). Next (`n`)
 * goes on only when every selected table can run as configured, as the engine itself judges it.
 */
import {Box, Text} from 'ink';
import {useEffect, useMemo} from 'react';
import {List} from '../../../components/list.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {useTerminalSize} from '../../../components/use-terminal-size.js';
import {theme} from '../../../theme.js';
import {type StepProps, stepPath} from '../../step-props.js';
import {ObjectsDialog} from './objects-dialog.js';
import {Details, PaneTitle, plural, sourceTitle, targetTitle} from './pane-parts.js';
import {idOf} from './selection.js';
import {buildSourceTree} from './source-tree.js';
import {buildTargetTree} from './target-tree.js';
import {useObjectsCatalog} from './use-objects-catalog.js';
import {useObjectsKeys} from './use-objects-keys.js';
import {useObjectsState} from './use-objects-state.js';

const help = [
	'Choose the tables to synchronize and the topic each one goes to. Left: the source (→/← open and close a database,',
	'Space marks a table or a whole database, / filters by name); > maps the marked tables to a topic. Right: the',
	'selection as Topic > Database > Table; t changes the topic of a table or a group, s (or Enter) opens a table’s',
	'settings (row filter, names sent, sharding columns, columns), d removes, D removes all. i imports the selection',
	'from CSV (database,table,topic,renamed database,renamed table,row filter), x exports it. Views and names with',
	'Chinese characters cannot be synchronized. n goes on once every table can run as configured.',
].join('\n');

export function ObjectsStep({draft, update, next, back}: StepProps) {
	const {columns, rows} = useTerminalSize();
	const [state, dispatch] = useObjectsState(draft.objects, update);
	const {objects, pane, filter, filtering, marked, mode, status, checking} = state;
	const catalog = useObjectsCatalog(draft.source, draft.destination, objects);

	const tables = catalog.tables.state === 'ready' ? catalog.tables.value : [];
	const topics = catalog.topics.state === 'ready' ? catalog.topics.value : [];
	const mapped = useMemo(() => new Map(objects.map((object) => [idOf(object), object.topic])), [objects]);
	const expanded = state.expanded;
	const sourceTree = useMemo(() => buildSourceTree(tables, {expanded, filter, marked, mapped}), [tables, expanded, filter, marked, mapped]);
	const targetTree = useMemo(() => buildTargetTree(objects, topics, catalog.problems), [objects, topics, catalog.problems]);
	const counts = useMemo(() => {
		const result = new Map<string, number>();
		for (const object of objects) result.set(object.topic, (result.get(object.topic) ?? 0) + 1);
		return result;
	}, [objects]);
	const sourceRow = state.sourceAt ? sourceTree.rows.get(state.sourceAt) : undefined;
	const targetRow = state.targetAt ? targetTree.rows.get(state.targetAt) : undefined;
	const basePath = stepPath(draft, 'objects');
	const listHeight = Math.max(4, rows - 15);

	// Next waits for the schemas of the selected tables, then goes on or shows what stops it.
	useEffect(() => {
		if (!checking || catalog.pending > 0) return;
		dispatch({type: 'checked', problems: catalog.problems.size});
		if (catalog.problems.size === 0) next();
	}, [checking, catalog.pending, catalog.problems, next, dispatch]);

	useObjectsKeys({
		state,
		dispatch,
		tables,
		sourceTree,
		targetTree,
		hasSource: draft.source !== null,
		tablesFailed: catalog.tables.state === 'failed',
		reloadTables: catalog.reloadTables,
		retryFailed: catalog.retryFailed,
		back,
	});

	const width = columns - 2;
	const leftWidth = Math.floor(width / 2);

	const mainHints = filtering
		? [
				{key: 'type', label: 'filter by name'},
				{key: 'Enter', label: 'done'},
				{key: 'Esc', label: 'clear the filter'},
			]
		: pane === 'source'
			? [
					{key: 'Tab', label: 'selection'},
					{key: 'Space', label: 'mark'},
					{key: '→/←', label: 'open/close'},
					{key: '/', label: 'filter'},
					{key: '>', label: 'map to topic'},
					{key: 'i', label: 'import'},
					{key: 'x', label: 'export'},
					{key: 'n', label: 'next'},
					{key: 'Esc', label: 'back'},
				]
			: [
					{key: 'Tab', label: 'tables'},
					{key: 't', label: 'change topic'},
					{key: 's', label: 'settings'},
					{key: 'd', label: 'remove'},
					{key: 'D', label: 'remove all'},
					{key: 'i', label: 'import'},
					{key: 'x', label: 'export'},
					{key: 'n', label: 'next'},
					{key: 'Esc', label: 'back'},
				];

	return (
		<>
			<Box display={mode.kind === 'main' ? 'flex' : 'none'} flexDirection="column">
				<Screen
					path={basePath}
					help={help}
					hints={mainHints}
					status={checking ? {kind: 'info', text: `Checking the ${plural(objects.length, 'selected table')}…`} : status}
				>
					<Box>
						<Box width={leftWidth} flexShrink={0} flexDirection="column">
							<PaneTitle focused={pane === 'source'} text={sourceTitle(catalog.tables.state, sourceTree.selectable, marked.size)} />
							{filtering || filter ? (
								<TextField
									label="Filter"
									labelWidth={9}
									value={filter}
									onChange={(text) => dispatch({type: 'filter', text})}
									focus={filtering && mode.kind === 'main'}
								/>
							) : null}
							{catalog.tables.state === 'ready' ? (
								<List
									items={sourceTree.items}
									checked={sourceTree.checked}
									onToggle={(item) => dispatch({type: 'mark', tables: sourceTree.tablesOf(item.id)})}
									onHighlight={(item) => dispatch({type: 'highlight', pane: 'source', id: item.id})}
									isActive={mode.kind === 'main' && pane === 'source' && !filtering}
									height={filtering || filter ? listHeight - 1 : listHeight}
									empty={filter ? `no table matches "${filter}"` : 'the source has no tables outside the system databases'}
								/>
							) : catalog.tables.state === 'loading' ? (
								<Text color={theme.muted}>Listing the source's tables…</Text>
							) : (
								<Text color={theme.error} wrap="wrap">
									{draft.source ? `✘ the tables cannot be listed: ${catalog.tables.error} (r retries)` : `✘ ${catalog.tables.error}`}
								</Text>
							)}
						</Box>
						<Box
							flexGrow={1}
							flexDirection="column"
							borderStyle="single"
							borderTop={false}
							borderBottom={false}
							borderRight={false}
							paddingLeft={1}
						>
							<PaneTitle focused={pane === 'target'} text={targetTitle(objects.length, counts.size, catalog.problems.size)} />
							<List
								items={targetTree.items}
								onHighlight={(item) => dispatch({type: 'highlight', pane: 'target', id: item.id})}
								isActive={mode.kind === 'main' && pane === 'target' && !filtering}
								height={listHeight}
								empty="nothing selected yet: mark tables on the left and press >"
							/>
						</Box>
					</Box>
					<Details pane={pane} sourceRow={sourceRow} targetRow={targetRow} marked={marked} topics={topics} problems={catalog.problems} />
				</Screen>
			</Box>
			<ObjectsDialog
				state={state}
				dispatch={dispatch}
				draft={draft}
				catalog={catalog}
				path={basePath}
				mapped={mapped}
				counts={counts}
				exportFile={`./obsync-objects-${draft.name || 'new-project'}.csv`}
				rows={rows}
				width={width}
				listHeight={listHeight}
			/>
		</>
	);
}
