/**
 * The dialog the Objects step shows over its panes, by mode: map to or change a topic, merge into one, a table's
 * settings, import, export, remove, and the tables that stop Next. Each dialog's outcome is dispatched as an action;
 * only what reaches outside the step (the services, the catalog's schema cache, the file's full path) is done here.
 */
import path from 'node:path';
import type {Dispatch} from 'react';
import {useServices} from '../../../services.js';
import type {Draft} from '../../draft.js';
import {ConfirmScreen} from './confirm-screen.js';
import {ExportDialog} from './export-dialog.js';
import {ImportDialog} from './import-dialog.js';
import {plural} from './pane-parts.js';
import {ProblemsScreen} from './problems-screen.js';
import {idOf} from './selection.js';
import {SettingsDialog} from './settings-dialog.js';
import {TopicDialog} from './topic-dialog.js';
import type {ObjectsCatalog} from './use-objects-catalog.js';
import type {ObjectsAction, ObjectsState} from './use-objects-state.js';

export type ObjectsDialogProps = {
	readonly state: ObjectsState;
	readonly dispatch: Dispatch<ObjectsAction>;
	readonly draft: Draft;
	readonly catalog: ObjectsCatalog;
	/** The step's title path; each dialog adds its own name. */
	readonly path: readonly string[];
	/** The topic of each selected table, by objectId. */
	readonly mapped: ReadonlyMap<string, string>;
	/** Selected tables per topic. */
	readonly counts: ReadonlyMap<string, number>;
	/** The file export offers and import reads by default. */
	readonly exportFile: string;
	readonly rows: number;
	readonly width: number;
	readonly listHeight: number;
};

export function ObjectsDialog({
	state,
	dispatch,
	draft,
	catalog,
	mapped,
	counts,
	exportFile,
	rows,
	width,
	listHeight,
	...props
}: ObjectsDialogProps) {
	const services = useServices();
	const {mode, objects} = state;
	const dialogPath = (name: string) => [...props.path, name];
	const close = () => dispatch({type: 'close'});
	/** A dialog's size: the terminal's rows but for `chrome` (its title, hints and status lines), at least 3. */
	const size = (chrome: number) => ({height: Math.max(3, rows - chrome), width});
	const checkTopic = (name: string, missing: string) =>
		draft.destination ? services.checkTopic(draft.destination, name) : Promise.reject(new Error(missing));
	const describeTable = (database: string, table: string) =>
		draft.source ? services.describeTable(draft.source, database, table) : Promise.reject(new Error('there is no source yet'));
	const question = questionOf(state);
	if (question) {
		return (
			<ConfirmScreen
				path={dialogPath(questionNames[mode.kind] ?? '')}
				title={question.title}
				message={question.message}
				onConfirm={() => dispatch(question.yes)}
				onCancel={() => dispatch(question.no ?? {type: 'close'})}
			/>
		);
	}
	switch (mode.kind) {
		case 'main':
		case 'merge':
		case 'import-confirm':
		case 'remove':
		case 'remove-all':
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
					checkTopic={(name) => checkTopic(name, 'there is no destination yet: go back to step 1')}
					onPick={(topic) => dispatch({type: 'pick-topic', topic})}
					onCancel={close}
					height={Math.max(3, rows - 16)}
				/>
			);
		case 'settings':
			return (
				<SettingsDialog
					path={dialogPath('Settings')}
					object={mode.object}
					describeTable={describeTable}
					unsaved={state.unsavedSettings.get(idOf(mode.object))}
					onSave={(object, schema) => {
						// The dialog read a fresh schema: the check of this table uses it from now on.
						catalog.setSchema(idOf(object), schema);
						dispatch({type: 'save-settings', object});
					}}
					onCancel={(unsaved) => dispatch({type: 'cancel-settings', unsaved})}
					{...size(17)}
				/>
			);
		case 'import':
			return (
				<ImportDialog
					path={dialogPath('Import objects')}
					tables={catalog.tables}
					topics={catalog.topics}
					checkTopic={(name) => checkTopic(name, 'there is no destination yet')}
					describeTable={describeTable}
					selected={objects.length}
					defaultFile={exportFile}
					{...(state.importText === undefined ? {} : {text: state.importText})}
					onTextChange={(text) => dispatch({type: 'import-text', text})}
					onImport={(imported) => dispatch({type: 'import', objects: imported})}
					onCancel={() => dispatch({type: 'cancel-import'})}
					{...size(18)}
				/>
			);
		case 'export':
			return (
				<ExportDialog
					path={dialogPath('Export objects')}
					objects={objects}
					defaultFile={exportFile}
					onExported={(file) => dispatch({type: 'exported', file: path.resolve(file)})}
					onCancel={close}
				/>
			);
		case 'problems':
			return (
				<ProblemsScreen
					path={dialogPath('Cannot go on')}
					objects={objects}
					problems={catalog.problems}
					onSettings={(object) => dispatch({type: 'open-settings', object})}
					onClose={() => dispatch({type: 'close-problems'})}
					height={listHeight}
				/>
			);
	}
}

type Question = {
	readonly title: string;
	readonly message: string;
	readonly yes: ObjectsAction;
	/** @default leaves the dialog */
	readonly no?: ObjectsAction;
};

/** Each question's name in the title path. */
const questionNames: Partial<Record<ObjectsState['mode']['kind'], string>> = {
	merge: 'Change topic',
	'import-confirm': 'Import objects',
	remove: 'Remove',
	'remove-all': 'Remove all',
};

/** The yes/no question a mode asks, if it is one: what it says and the action each answer dispatches. */
function questionOf({mode, objects}: ObjectsState): Question | null {
	switch (mode.kind) {
		case 'merge':
			return {
				title: `Merge into ${mode.topic.name}?`,
				message: `The selected tables will be merged into topic ${mode.topic.name}, which already has ${plural(mode.others, 'table')}: their messages will share one topic.`,
				yes: {type: 'confirm-merge'},
				no: {type: 'cancel-merge'},
			};
		case 'import-confirm':
			return {
				title: 'Import objects?',
				message: `This will overwrite the current selection${objects.length > 0 ? ` (${plural(objects.length, 'table')})` : ''} once the imported lines are valid. Proceed with caution.`,
				yes: {type: 'confirm-import'},
			};
		case 'remove':
			return {
				title: `Remove ${plural(mode.tables.length, 'table')}?`,
				message: `The ${plural(mode.tables.length, 'table')} of ${mode.what} will leave the selection, with their settings.`,
				yes: {type: 'confirm-remove'},
			};
		case 'remove-all':
			return {
				title: 'Remove all objects?',
				message: `All ${plural(objects.length, 'table')} will leave the selection, with their settings.`,
				yes: {type: 'confirm-remove-all'},
			};
		default:
			return null;
	}
}
