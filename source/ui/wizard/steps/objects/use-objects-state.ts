/**
 * The Objects step's state and everything that changes it, as a reducer: each change is an action, a plain data
 * object like `{type: 'mark', tables}` (objects-actions.ts), and `objectsReducer` is a pure function of the state and
 * the action, so it is tested without a terminal or a database. Keys (use-objects-keys.ts) and dialogs dispatch
 * actions; what the outside world must do (go back, re-read a schema, write the draft) stays with the step.
 */
import {type Dispatch, useEffect, useReducer} from 'react';
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {Draft} from '../../draft.js';
import type {SettingsInput} from './object-check.js';
import type {Mode, ObjectsAction, Pane, Status, Table} from './objects-actions.js';
import {plural} from './pane-parts.js';
import {displayName, idOf, mapToTopic, objectId, othersInTopic, removeObjects, replaceObject} from './selection.js';
import type {TargetRow} from './target-tree.js';

export type {Mode, ObjectsAction, Pane, Status} from './objects-actions.js';

export type ObjectsState = {
	/** The selection: the draft's objects, changed here and written back to the draft by `useObjectsState`. */
	readonly objects: Draft['objects'];
	readonly mode: Mode;
	readonly pane: Pane;
	/** Databases open in the left pane. */
	readonly expanded: ReadonlySet<string>;
	readonly filter: string;
	/** The filter field has the keys. */
	readonly filtering: boolean;
	/** Tables marked on the left, by objectId. */
	readonly marked: ReadonlySet<string>;
	/** The item under the cursor in each pane. */
	readonly sourceAt: string | null;
	readonly targetAt: string | null;
	readonly status: Status;
	/** The import box's text outlives the dialog: Esc (or a cancelled confirmation) loses nothing typed or pasted. */
	readonly importText: string | undefined;
	/** Settings entered and left with Esc, by table: shown again when its settings are reopened. */
	readonly unsavedSettings: ReadonlyMap<string, SettingsInput>;
	/** Next was pressed: waiting for the schemas of the selected tables before going on. */
	readonly checking: boolean;
};

export function initialObjectsState(objects: Draft['objects']): ObjectsState {
	return {
		objects,
		mode: {kind: 'main'},
		pane: objects.length > 0 ? 'target' : 'source',
		expanded: new Set(),
		filter: '',
		filtering: false,
		marked: new Set(),
		sourceAt: null,
		targetAt: null,
		status: null,
		importText: undefined,
		unsavedSettings: new Map(),
		checking: false,
	};
}

const main = (state: ObjectsState, status: Status = state.status): ObjectsState => ({...state, mode: {kind: 'main'}, status});
const say = (state: ObjectsState, kind: NonNullable<Status>['kind'], text: string): ObjectsState => ({...state, status: {kind, text}});

/** The tables' ids, all marked or all unmarked: marked unless every one of them already is. */
function toggleMarks(marked: ReadonlySet<string>, tables: readonly CatalogTable[]): ReadonlySet<string> {
	const ids = tables.filter((table) => !table.disabledReason).map((table) => objectId(table.database, table.table));
	if (ids.length === 0) return marked;
	const all = ids.every((id) => marked.has(id));
	const changed = new Set(marked);
	for (const id of ids) {
		if (all) changed.delete(id);
		else changed.add(id);
	}
	return changed;
}

/** Maps (or, with `change`, moves) tables to a topic, back on the main screen saying what happened. */
function applyMap(state: ObjectsState, tables: readonly Table[], topic: TopicInfo, change: boolean): ObjectsState {
	const result = mapToTopic(state.objects, tables, topic.name);
	const unknownType = topic.messageType === null ? `; its type is unknown (no name server): make sure ${topic.name} is FIFO` : '';
	if (change) {
		return main(
			{...state, objects: result.objects},
			{kind: 'ok', text: `Moved ${plural(tables.length, 'table')} to ${topic.name}${unknownType}`},
		);
	}
	const moved = result.moved > 0 ? ` (${result.moved} moved from another topic)` : '';
	return main(
		{...state, objects: result.objects, marked: new Set(), pane: 'target'},
		{kind: 'ok', text: `Mapped ${plural(tables.length, 'table')} to ${topic.name}${moved}${unknownType}`},
	);
}

function pickTopic(state: ObjectsState, topic: TopicInfo): ObjectsState {
	const {mode} = state;
	if (mode.kind !== 'map') return state;
	if (!mode.change) return applyMap(state, mode.tables, topic, false);
	const ids = new Set(mode.tables.map(idOf));
	if (state.objects.filter((object) => ids.has(idOf(object))).every((object) => object.topic === topic.name)) {
		return main(state, {kind: 'info', text: `Already in ${topic.name}: nothing changed`});
	}
	const others = othersInTopic(state.objects, ids, topic.name);
	if (others > 0) return {...state, mode: {kind: 'merge', tables: mode.tables, topic, others}};
	return applyMap(state, mode.tables, topic, true);
}

function openMap(state: ObjectsState, tables: readonly CatalogTable[], highlighted: readonly CatalogTable[]): ObjectsState {
	const marked = tables.filter((table) => !table.disabledReason && state.marked.has(objectId(table.database, table.table)));
	const chosen = marked.length > 0 ? marked : highlighted.filter((table) => !table.disabledReason);
	if (chosen.length === 0) {
		return say(state, 'error', 'mark the tables to map first (Space), or move to a table that can be synchronized, then press >');
	}
	return {...state, mode: {kind: 'map', tables: chosen, change: false}};
}

function remove(state: ObjectsState, row: TargetRow): ObjectsState {
	if (row.kind === 'table') {
		return say(
			{...state, objects: removeObjects(state.objects, new Set([idOf(row.object)]))},
			'ok',
			`Removed ${displayName(row.object)} from the selection`,
		);
	}
	const what = row.kind === 'topic' ? `topic ${row.topic}` : `${row.database} in topic ${row.topic}`;
	return {...state, mode: {kind: 'remove', tables: row.objects, what}};
}

function settings(state: ObjectsState, action: Extract<ObjectsAction, {type: 'save-settings' | 'cancel-settings'}>): ObjectsState {
	if (action.type === 'save-settings') {
		const unsavedSettings = new Map(state.unsavedSettings);
		unsavedSettings.delete(idOf(action.object));
		return main(
			{...state, unsavedSettings, objects: replaceObject(state.objects, action.object)},
			{kind: 'ok', text: `Saved the settings of ${displayName(action.object)}`},
		);
	}
	const {mode} = state;
	if (!action.unsaved || mode.kind !== 'settings') return main(state);
	return main(
		{...state, unsavedSettings: new Map(state.unsavedSettings).set(idOf(mode.object), action.unsaved)},
		{kind: 'info', text: 'Settings not saved; what you entered is kept for the next time you open them'},
	);
}

export function objectsReducer(state: ObjectsState, action: ObjectsAction): ObjectsState {
	switch (action.type) {
		case 'highlight':
			return action.pane === 'source' ? {...state, sourceAt: action.id} : {...state, targetAt: action.id};
		case 'switch-pane':
			return {...state, pane: state.pane === 'source' ? 'target' : 'source'};
		case 'start-filter':
			return {...state, filtering: true};
		case 'filter':
			return {...state, filter: action.text};
		case 'end-filter':
			return {...state, filtering: false};
		case 'clear-filter':
			return {...state, filter: '', filtering: false};
		case 'expand': {
			const open = action.open === 'toggle' ? !state.expanded.has(action.database) : action.open;
			const expanded = new Set(state.expanded);
			if (open) expanded.add(action.database);
			else expanded.delete(action.database);
			return {...state, expanded};
		}
		case 'mark':
			return {...state, marked: toggleMarks(state.marked, action.tables)};
		case 'pick-table':
			if (action.table.disabledReason) {
				return say(state, 'error', `${displayName(action.table)} cannot be synchronized: ${action.table.disabledReason}`);
			}
			return {...state, marked: toggleMarks(state.marked, [action.table])};
		case 'open-map':
			return openMap(state, action.tables, action.highlighted);
		case 'change-topic':
			return {...state, mode: {kind: 'map', tables: action.row.objects, change: true}};
		case 'pick-topic':
			return pickTopic(state, action.topic);
		case 'confirm-merge':
			return state.mode.kind === 'merge' ? applyMap(state, state.mode.tables, state.mode.topic, true) : state;
		case 'cancel-merge':
			return main(state, {kind: 'info', text: 'Topic not changed'});
		case 'remove':
			return remove(state, action.row);
		case 'confirm-remove': {
			const {mode} = state;
			if (mode.kind !== 'remove') return state;
			return main(
				{...state, objects: removeObjects(state.objects, new Set(mode.tables.map(idOf)))},
				{kind: 'ok', text: `Removed ${plural(mode.tables.length, 'table')} (${mode.what})`},
			);
		}
		case 'ask-remove-all':
			if (state.objects.length === 0) return say(state, 'info', 'the selection is already empty');
			return {...state, mode: {kind: 'remove-all'}};
		case 'confirm-remove-all':
			return main({...state, objects: []}, {kind: 'ok', text: 'Removed all tables from the selection'});
		case 'open-settings':
			if (!action.object) {
				return say(state, 'error', 'settings belong to one table: move to a table (the rows under a database) and press s');
			}
			return {...state, mode: {kind: 'settings', object: action.object}};
		case 'save-settings':
		case 'cancel-settings':
			return settings(state, action);
		case 'ask-import':
			return {...state, mode: {kind: 'import-confirm'}};
		case 'confirm-import':
			return {...state, mode: {kind: 'import'}};
		case 'import-text':
			return {...state, importText: action.text};
		case 'import': {
			const topics = new Set(action.objects.map((object) => object.topic)).size;
			return main(
				{...state, importText: undefined, objects: action.objects, marked: new Set(), pane: 'target'},
				{kind: 'ok', text: `Imported ${plural(action.objects.length, 'table')} into ${plural(topics, 'topic')}`},
			);
		}
		case 'cancel-import':
			return main(state, {kind: 'info', text: 'Import cancelled: the selection is unchanged (the text is kept for next time)'});
		case 'ask-export':
			if (state.objects.length === 0) return say(state, 'error', 'nothing to export: the selection is empty');
			return {...state, mode: {kind: 'export'}};
		case 'exported':
			return main(state, {kind: 'ok', text: `Exported ${plural(state.objects.length, 'table')} to ${action.file}`});
		case 'target-empty':
			return say(state, 'error', 'the selection is empty: map tables to a topic first');
		case 'next':
			if (!action.hasSource) return say(state, 'error', 'there is no source yet: go back to step 1 (Esc) and choose one');
			if (state.objects.length === 0) {
				return say(state, 'error', 'select at least one table: mark tables on the left (Space) and map them to a topic (>)');
			}
			return {
				...say(state, 'info', `Checking the ${plural(state.objects.length, 'selected table')} against their schemas…`),
				checking: true,
			};
		case 'checked':
			if (!state.checking) return state;
			if (action.problems === 0) return {...state, checking: false};
			return {
				...say(state, 'error', `${plural(action.problems, 'table')} cannot run as configured: fix or remove them to go on`),
				checking: false,
				mode: {kind: 'problems'},
			};
		case 'close-problems':
			return main({...state, pane: 'target'});
		case 'close':
			return main(state);
	}
}

/**
 * The step's state over the draft's objects. The selection is the draft's: each change the reducer makes to it is
 * written back through `update`, so the wizard saves it as before.
 */
export function useObjectsState(
	objects: Draft['objects'],
	update: (change: (draft: Draft) => Draft) => void,
): [ObjectsState, Dispatch<ObjectsAction>] {
	const [state, dispatch] = useReducer(objectsReducer, objects, initialObjectsState);
	// biome-ignore lint/correctness/useExhaustiveDependencies: writes back when the reducer changed the selection, only.
	useEffect(() => {
		if (state.objects !== objects) update((current) => ({...current, objects: state.objects}));
	}, [state.objects]);
	return [state, dispatch];
}
