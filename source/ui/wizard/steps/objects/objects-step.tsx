/**
 * Step 3, Objects (OMS: Select Synchronization Objects): the source's databases and tables on the left (views and
 * Chinese names disabled with the reason), the selection on the right as Topic > Database > Table. Tables marked on
 * the left are mapped to a topic (`>`); on the right a table or group changes topic (`t`), gets its settings (`s`),
 * or is removed (`d`, `D` all). The selection can be imported from CSV (`i`) and exported to it (`x`). Next (`n`)
 * goes on only when every selected table can run as configured, as the engine itself judges it.
 */
import path from 'node:path';
import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {useTerminalSize} from '../../../components/use-terminal-size.js';
import {useServices} from '../../../services.js';
import {theme} from '../../../theme.js';
import {type StepProps, stepPath} from '../../step-props.js';
import {ConfirmScreen} from './confirm-screen.js';
import {ExportDialog} from './export-dialog.js';
import {ImportDialog} from './import-dialog.js';
import type {SettingsInput} from './object-check.js';
import {Details, PaneTitle, plural, sourceTitle, targetTitle} from './pane-parts.js';
import {ProblemsScreen} from './problems-screen.js';
import {displayName, idOf, mapToTopic, objectId, othersInTopic, removeObjects, replaceObject} from './selection.js';
import {SettingsDialog} from './settings-dialog.js';
import {buildSourceTree} from './source-tree.js';
import {buildTargetTree} from './target-tree.js';
import {TopicDialog} from './topic-dialog.js';
import {useObjectsCatalog} from './use-objects-catalog.js';

type Table = {readonly database: string; readonly table: string};

type Mode =
	| {readonly kind: 'main'}
	| {readonly kind: 'map'; readonly tables: readonly Table[]; readonly change: boolean}
	| {readonly kind: 'merge'; readonly tables: readonly Table[]; readonly topic: TopicInfo; readonly others: number}
	| {readonly kind: 'settings'; readonly object: ProjectObject}
	| {readonly kind: 'import-confirm'}
	| {readonly kind: 'import'}
	| {readonly kind: 'export'}
	| {readonly kind: 'remove'; readonly tables: readonly Table[]; readonly what: string}
	| {readonly kind: 'remove-all'}
	| {readonly kind: 'problems'};

type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;

const help = [
	'Choose the tables to synchronize and the topic each one goes to. Left: the source (→/← open and close a database,',
	'Space marks a table or a whole database, / filters by name); > maps the marked tables to a topic. Right: the',
	'selection as Topic > Database > Table; t changes the topic of a table or a group, s (or Enter) opens a table’s',
	'settings (row filter, names sent, sharding columns, columns), d removes, D removes all. i imports the selection',
	'from CSV (database,table,topic,renamed database,renamed table,row filter), x exports it. Views and names with',
	'Chinese characters cannot be synchronized. n goes on once every table can run as configured.',
].join('\n');

export function ObjectsStep({draft, update, next, back}: StepProps) {
	const services = useServices();
	const {columns, rows} = useTerminalSize();
	const catalog = useObjectsCatalog(draft.source, draft.destination, draft.objects);
	const [mode, setMode] = useState<Mode>({kind: 'main'});
	const [pane, setPane] = useState<'source' | 'target'>(draft.objects.length > 0 ? 'target' : 'source');
	const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
	const [filter, setFilter] = useState('');
	const [filtering, setFiltering] = useState(false);
	const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
	const [sourceAt, setSourceAt] = useState<string | null>(null);
	const [targetAt, setTargetAt] = useState<string | null>(null);
	const [status, setStatus] = useState<Status>(null);
	// The import box's text outlives the dialog: Esc (or a cancelled confirmation) loses nothing typed or pasted.
	const [importText, setImportText] = useState<string | undefined>(undefined);
	// Settings entered and left with Esc, by table: shown again when its settings are reopened.
	const [unsavedSettings, setUnsavedSettings] = useState<ReadonlyMap<string, SettingsInput>>(new Map());
	const [checking, setChecking] = useState(false);

	const tables = catalog.tables.state === 'ready' ? catalog.tables.value : [];
	const topics = catalog.topics.state === 'ready' ? catalog.topics.value : [];
	const mapped = useMemo(() => new Map(draft.objects.map((object) => [idOf(object), object.topic])), [draft.objects]);
	const sourceTree = useMemo(() => buildSourceTree(tables, {expanded, filter, marked, mapped}), [tables, expanded, filter, marked, mapped]);
	const targetTree = useMemo(() => buildTargetTree(draft.objects, topics, catalog.problems), [draft.objects, topics, catalog.problems]);
	const counts = useMemo(() => {
		const result = new Map<string, number>();
		for (const object of draft.objects) result.set(object.topic, (result.get(object.topic) ?? 0) + 1);
		return result;
	}, [draft.objects]);
	const sourceRow = sourceAt ? sourceTree.rows.get(sourceAt) : undefined;
	const targetRow = targetAt ? targetTree.rows.get(targetAt) : undefined;
	const basePath = stepPath(draft, 'objects');
	const exportFile = `./obsync-objects-${draft.name || 'new-project'}.csv`;
	const listHeight = Math.max(4, rows - 15);
	const dialogHeight = Math.max(3, rows - 16);
	const setObjects = (objects: ProjectObject[]) => update((current) => ({...current, objects}));
	const backToMain = (next: Status = status) => {
		setStatus(next);
		setMode({kind: 'main'});
	};

	// Next waits for the schemas of the selected tables, then goes on or shows what stops it.
	useEffect(() => {
		if (!checking || catalog.pending > 0) return;
		setChecking(false);
		if (catalog.problems.size === 0) {
			next();
			return;
		}
		setStatus({kind: 'error', text: `${plural(catalog.problems.size, 'table')} cannot run as configured: fix or remove them to go on`});
		setMode({kind: 'problems'});
	}, [checking, catalog.pending, catalog.problems, next]);

	const goNext = () => {
		if (!draft.source) return setStatus({kind: 'error', text: 'there is no source yet: go back to step 1 (Esc) and choose one'});
		if (draft.objects.length === 0) {
			return setStatus({kind: 'error', text: 'select at least one table: mark tables on the left (Space) and map them to a topic (>)'});
		}
		catalog.retryFailed();
		setStatus({kind: 'info', text: `Checking the ${plural(draft.objects.length, 'selected table')} against their schemas…`});
		setChecking(true);
	};

	const markToggle = (itemId: string) => {
		const covered = sourceTree.tablesOf(itemId).map((table) => objectId(table.database, table.table));
		if (covered.length === 0) return;
		const all = covered.every((id) => marked.has(id));
		const changed = new Set(marked);
		for (const id of covered) {
			if (all) changed.delete(id);
			else changed.add(id);
		}
		setMarked(changed);
	};

	const openMap = () => {
		const markedTables = tables.filter((table) => !table.disabledReason && marked.has(objectId(table.database, table.table)));
		const chosen: readonly CatalogTable[] = markedTables.length > 0 ? markedTables : sourceAt ? sourceTree.tablesOf(sourceAt) : [];
		if (chosen.length === 0) {
			return setStatus({
				kind: 'error',
				text: 'mark the tables to map first (Space), or move to a table that can be synchronized, then press >',
			});
		}
		setMode({kind: 'map', tables: chosen, change: false});
	};

	const applyMap = (chosen: readonly Table[], topic: TopicInfo, change: boolean) => {
		const result = mapToTopic(draft.objects, chosen, topic.name);
		setObjects(result.objects);
		const unknownType = topic.messageType === null ? `; its type is unknown (no name server): make sure ${topic.name} is FIFO` : '';
		if (change) {
			backToMain({kind: 'ok', text: `Moved ${plural(chosen.length, 'table')} to ${topic.name}${unknownType}`});
			return;
		}
		setMarked(new Set());
		setPane('target');
		const moved = result.moved > 0 ? ` (${result.moved} moved from another topic)` : '';
		backToMain({kind: 'ok', text: `Mapped ${plural(chosen.length, 'table')} to ${topic.name}${moved}${unknownType}`});
	};

	const pickTopic = (topic: TopicInfo) => {
		if (mode.kind !== 'map') return;
		if (!mode.change) return applyMap(mode.tables, topic, false);
		const ids = new Set(mode.tables.map(idOf));
		if (draft.objects.filter((object) => ids.has(idOf(object))).every((object) => object.topic === topic.name)) {
			return backToMain({kind: 'info', text: `Already in ${topic.name}: nothing changed`});
		}
		const others = othersInTopic(draft.objects, ids, topic.name);
		if (others > 0) setMode({kind: 'merge', tables: mode.tables, topic, others});
		else applyMap(mode.tables, topic, true);
	};

	const remove = () => {
		if (!targetRow) return;
		if (targetRow.kind === 'table') {
			setObjects(removeObjects(draft.objects, new Set([idOf(targetRow.object)])));
			return setStatus({kind: 'ok', text: `Removed ${displayName(targetRow.object)} from the selection`});
		}
		const what = targetRow.kind === 'topic' ? `topic ${targetRow.topic}` : `${targetRow.database} in topic ${targetRow.topic}`;
		setMode({kind: 'remove', tables: targetRow.objects, what});
	};

	useKeys(
		(input, key) => {
			if (filtering) {
				if (key.escape) {
					setFilter('');
					setFiltering(false);
				} else if (key.return || key.downArrow || key.tab) setFiltering(false);
				return;
			}
			if (key.escape) return back();
			if (key.tab) return setPane((current) => (current === 'source' ? 'target' : 'source'));
			if (input === 'n') return goNext();
			if (input === 'i') return setMode({kind: 'import-confirm'});
			if (input === 'x') {
				if (draft.objects.length === 0) return setStatus({kind: 'error', text: 'nothing to export: the selection is empty'});
				return setMode({kind: 'export'});
			}
			if (input === 'D') {
				if (draft.objects.length === 0) return setStatus({kind: 'info', text: 'the selection is already empty'});
				return setMode({kind: 'remove-all'});
			}
			if (input === 'r' && catalog.tables.state === 'failed') return catalog.reloadTables();
			if (pane === 'source') {
				if (input === '/') return setFiltering(true);
				if (input === '>') return openMap();
				if (!sourceAt || !sourceRow) return;
				if (sourceRow.kind === 'database' && (key.rightArrow || key.leftArrow || key.return)) {
					const open = key.return ? !expanded.has(sourceRow.database) : key.rightArrow;
					const changed = new Set(expanded);
					if (open) changed.add(sourceRow.database);
					else changed.delete(sourceRow.database);
					return setExpanded(changed);
				}
				if (sourceRow.kind === 'table' && key.return) {
					if (sourceRow.table.disabledReason) {
						return setStatus({
							kind: 'error',
							text: `${displayName(sourceRow.table)} cannot be synchronized: ${sourceRow.table.disabledReason}`,
						});
					}
					return markToggle(sourceAt);
				}
				return;
			}
			if (!targetRow) {
				if ((input !== '' && 'tsd'.includes(input)) || key.return || key.delete)
					setStatus({kind: 'error', text: 'the selection is empty: map tables to a topic first'});
				return;
			}
			if (input === 't') return setMode({kind: 'map', tables: targetRow.objects, change: true});
			if (input === 's' || key.return) {
				if (targetRow.kind !== 'table') {
					return setStatus({kind: 'error', text: 'settings belong to one table: move to a table (the rows under a database) and press s'});
				}
				return setMode({kind: 'settings', object: targetRow.object});
			}
			if (input === 'd' || key.delete || key.backspace) return remove();
		},
		{isActive: mode.kind === 'main'},
	);

	const dialogPath = (name: string) => [...basePath, name];
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

	const dialog = (() => {
		switch (mode.kind) {
			case 'main':
				return null;
			case 'map':
				return (
					<TopicDialog
						path={dialogPath(mode.change ? 'Change topic' : 'Map to topic')}
						title={
							mode.change
								? `Change the topic of ${plural(mode.tables.length, 'table')} (now ${[...new Set(mode.tables.map((table) => mapped.get(idOf(table))))].join(', ')})`
								: `Map ${plural(mode.tables.length, 'table')} to a topic: ${mode.tables
										.slice(0, 3)
										.map((table) => table.table)
										.join(', ')}${mode.tables.length > 3 ? ', …' : ''}`
						}
						topics={catalog.topics}
						counts={counts}
						checkTopic={(name) =>
							draft.destination
								? services.checkTopic(draft.destination, name)
								: Promise.reject(new Error('there is no destination yet: go back to step 1'))
						}
						onPick={pickTopic}
						onCancel={() => backToMain()}
						height={dialogHeight}
					/>
				);
			case 'merge':
				return (
					<ConfirmScreen
						path={dialogPath('Change topic')}
						title={`Merge into ${mode.topic.name}?`}
						message={`The selected tables will be merged into topic ${mode.topic.name}, which already has ${plural(mode.others, 'table')}: their messages will share one topic.`}
						onConfirm={() => applyMap(mode.tables, mode.topic, true)}
						onCancel={() => backToMain({kind: 'info', text: 'Topic not changed'})}
					/>
				);
			case 'settings':
				return (
					<SettingsDialog
						path={dialogPath('Settings')}
						object={mode.object}
						describeTable={(database, table) =>
							draft.source ? services.describeTable(draft.source, database, table) : Promise.reject(new Error('there is no source yet'))
						}
						unsaved={unsavedSettings.get(idOf(mode.object))}
						onSave={(object, schema) => {
							setUnsavedSettings((current) => {
								const rest = new Map(current);
								rest.delete(idOf(object));
								return rest;
							});
							catalog.setSchema(idOf(object), schema);
							setObjects(replaceObject(draft.objects, object));
							backToMain({kind: 'ok', text: `Saved the settings of ${displayName(object)}`});
						}}
						onCancel={(unsaved) => {
							if (unsaved) setUnsavedSettings((current) => new Map(current).set(idOf(mode.object), unsaved));
							backToMain(
								unsaved ? {kind: 'info', text: 'Settings not saved; what you entered is kept for the next time you open them'} : undefined,
							);
						}}
						height={Math.max(3, rows - 17)}
						width={width}
					/>
				);
			case 'import-confirm':
				return (
					<ConfirmScreen
						path={dialogPath('Import objects')}
						title="Import objects?"
						message={`This will overwrite the current selection${draft.objects.length > 0 ? ` (${plural(draft.objects.length, 'table')})` : ''} once the imported lines are valid. Proceed with caution.`}
						onConfirm={() => setMode({kind: 'import'})}
						onCancel={() => backToMain()}
					/>
				);
			case 'import':
				return (
					<ImportDialog
						path={dialogPath('Import objects')}
						tables={catalog.tables}
						topics={catalog.topics}
						checkTopic={(name) =>
							draft.destination ? services.checkTopic(draft.destination, name) : Promise.reject(new Error('there is no destination yet'))
						}
						describeTable={(database, table) =>
							draft.source ? services.describeTable(draft.source, database, table) : Promise.reject(new Error('there is no source yet'))
						}
						selected={draft.objects.length}
						defaultFile={exportFile}
						{...(importText === undefined ? {} : {text: importText})}
						onTextChange={setImportText}
						onImport={(objects) => {
							setImportText(undefined);
							setObjects(objects);
							setMarked(new Set());
							setPane('target');
							const topicCount = new Set(objects.map((object) => object.topic)).size;
							backToMain({kind: 'ok', text: `Imported ${plural(objects.length, 'table')} into ${plural(topicCount, 'topic')}`});
						}}
						onCancel={() =>
							backToMain({kind: 'info', text: 'Import cancelled: the selection is unchanged (the text is kept for next time)'})
						}
						height={Math.max(3, rows - 18)}
						width={width}
					/>
				);
			case 'export':
				return (
					<ExportDialog
						path={dialogPath('Export objects')}
						objects={draft.objects}
						defaultFile={exportFile}
						onExported={(file) =>
							backToMain({kind: 'ok', text: `Exported ${plural(draft.objects.length, 'table')} to ${path.resolve(file)}`})
						}
						onCancel={() => backToMain()}
					/>
				);
			case 'remove':
				return (
					<ConfirmScreen
						path={dialogPath('Remove')}
						title={`Remove ${plural(mode.tables.length, 'table')}?`}
						message={`The ${plural(mode.tables.length, 'table')} of ${mode.what} will leave the selection, with their settings.`}
						onConfirm={() => {
							setObjects(removeObjects(draft.objects, new Set(mode.tables.map(idOf))));
							backToMain({kind: 'ok', text: `Removed ${plural(mode.tables.length, 'table')} (${mode.what})`});
						}}
						onCancel={() => backToMain()}
					/>
				);
			case 'remove-all':
				return (
					<ConfirmScreen
						path={dialogPath('Remove all')}
						title="Remove all objects?"
						message={`All ${plural(draft.objects.length, 'table')} will leave the selection, with their settings.`}
						onConfirm={() => {
							setObjects([]);
							backToMain({kind: 'ok', text: 'Removed all tables from the selection'});
						}}
						onCancel={() => backToMain()}
					/>
				);
			case 'problems':
				return (
					<ProblemsScreen
						path={dialogPath('Cannot go on')}
						objects={draft.objects}
						problems={catalog.problems}
						onSettings={(object) => setMode({kind: 'settings', object})}
						onClose={() => {
							setPane('target');
							backToMain();
						}}
						height={listHeight}
					/>
				);
		}
	})();

	return (
		<>
			<Box display={mode.kind === 'main' ? 'flex' : 'none'} flexDirection="column">
				<Screen
					path={basePath}
					help={help}
					hints={mainHints}
					status={checking ? {kind: 'info', text: `Checking the ${plural(draft.objects.length, 'selected table')}…`} : status}
				>
					<Box>
						<Box width={leftWidth} flexShrink={0} flexDirection="column">
							<PaneTitle focused={pane === 'source'} text={sourceTitle(catalog.tables.state, sourceTree.selectable, marked.size)} />
							{filtering || filter ? (
								<TextField label="Filter" labelWidth={9} value={filter} onChange={setFilter} focus={filtering && mode.kind === 'main'} />
							) : null}
							{catalog.tables.state === 'ready' ? (
								<List
									items={sourceTree.items}
									checked={sourceTree.checked}
									onToggle={(item) => markToggle(item.id)}
									onHighlight={(item) => setSourceAt(item.id)}
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
							<PaneTitle focused={pane === 'target'} text={targetTitle(draft.objects.length, counts.size, catalog.problems.size)} />
							<List
								items={targetTree.items}
								onHighlight={(item) => setTargetAt(item.id)}
								isActive={mode.kind === 'main' && pane === 'target' && !filtering}
								height={listHeight}
								empty="nothing selected yet: mark tables on the left and press >"
							/>
						</Box>
					</Box>
					<Details pane={pane} sourceRow={sourceRow} targetRow={targetRow} marked={marked} topics={topics} problems={catalog.problems} />
				</Screen>
			</Box>
			{dialog}
		</>
	);
}
