/**
 * What the Objects step can be showing (its modes) and the actions that change its state: plain data objects, never
 * functions, so the keys, the dialogs and the tests all speak the same small language (see use-objects-state.ts).
 */
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {SettingsInput} from './object-check.js';
import type {TargetRow} from './target-tree.js';

export type Table = {readonly database: string; readonly table: string};

/** What shows over the two panes: nothing (`main`), or one dialog. */
export type Mode =
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

export type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;

export type Pane = 'source' | 'target';

export type ObjectsAction =
	| {readonly type: 'highlight'; readonly pane: Pane; readonly id: string}
	| {readonly type: 'switch-pane'}
	| {readonly type: 'start-filter'}
	| {readonly type: 'filter'; readonly text: string}
	| {readonly type: 'end-filter'}
	| {readonly type: 'clear-filter'}
	/** Opens or closes a database on the left; `toggle` does what it is not. */
	| {readonly type: 'expand'; readonly database: string; readonly open: boolean | 'toggle'}
	/** Marks the tables (a table, or a database's shown ones), or unmarks them when all are marked; never a disabled one. */
	| {readonly type: 'mark'; readonly tables: readonly CatalogTable[]}
	/** Enter on a table on the left: marks it, or says why it cannot be synchronized. */
	| {readonly type: 'pick-table'; readonly table: CatalogTable}
	/** `>`: maps the marked tables of `tables` (the catalog), else the tables of the highlighted row. */
	| {readonly type: 'open-map'; readonly tables: readonly CatalogTable[]; readonly highlighted: readonly CatalogTable[]}
	| {readonly type: 'change-topic'; readonly row: TargetRow}
	| {readonly type: 'pick-topic'; readonly topic: TopicInfo}
	| {readonly type: 'confirm-merge'}
	| {readonly type: 'cancel-merge'}
	| {readonly type: 'remove'; readonly row: TargetRow}
	| {readonly type: 'confirm-remove'}
	| {readonly type: 'ask-remove-all'}
	| {readonly type: 'confirm-remove-all'}
	/** `s` or Enter on the right; `object` null when the highlighted row is not a table. */
	| {readonly type: 'open-settings'; readonly object: ProjectObject | null}
	| {readonly type: 'save-settings'; readonly object: ProjectObject}
	| {readonly type: 'cancel-settings'; readonly unsaved: SettingsInput | null}
	| {readonly type: 'ask-import'}
	| {readonly type: 'confirm-import'}
	| {readonly type: 'import-text'; readonly text: string}
	| {readonly type: 'import'; readonly objects: readonly ProjectObject[]}
	| {readonly type: 'cancel-import'}
	| {readonly type: 'ask-export'}
	/** The selection was written to `file` (an absolute path). */
	| {readonly type: 'exported'; readonly file: string}
	/** A key for the right pane's rows while it has none. */
	| {readonly type: 'target-empty'}
	| {readonly type: 'next'; readonly hasSource: boolean}
	/** The schemas Next waited for are read: `problems` tables cannot run as configured. */
	| {readonly type: 'checked'; readonly problems: number}
	| {readonly type: 'close-problems'}
	/** Leaves a dialog, the status line as it was. */
	| {readonly type: 'close'};
