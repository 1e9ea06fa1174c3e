/**
 * The Objects step's keys on its main screen, each mapped to an action (use-objects-state.ts) or to one of the few
 * things only the step can do: go back, list the tables again, read failed schemas again. The lists' own keys
 * (↑/↓, Space) stay with the lists; dialogs have their own keys, so these listen only while no dialog shows.
 */
import type {Dispatch} from 'react';
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import {useKeys} from '../../../components/keys.js';
import type {SourceTree} from './source-tree.js';
import type {TargetTree} from './target-tree.js';
import type {ObjectsAction, ObjectsState} from './use-objects-state.js';

export type ObjectsKeysOptions = {
	readonly state: ObjectsState;
	readonly dispatch: Dispatch<ObjectsAction>;
	/** The source's tables (empty until listed). */
	readonly tables: readonly CatalogTable[];
	readonly sourceTree: SourceTree;
	readonly targetTree: TargetTree;
	readonly hasSource: boolean;
	/** The tables could not be listed: `r` tries again. */
	readonly tablesFailed: boolean;
	readonly reloadTables: () => void;
	/** Forgets the schemas that could not be read, so Next reads them again. */
	readonly retryFailed: () => void;
	readonly back: () => void;
};

export function useObjectsKeys(options: ObjectsKeysOptions): void {
	const {state, dispatch, sourceTree, targetTree} = options;
	const sourceRow = state.sourceAt ? sourceTree.rows.get(state.sourceAt) : undefined;
	const targetRow = state.targetAt ? targetTree.rows.get(state.targetAt) : undefined;
	useKeys(
		(input, key) => {
			if (state.filtering) {
				if (key.escape) dispatch({type: 'clear-filter'});
				else if (key.return || key.downArrow || key.tab) dispatch({type: 'end-filter'});
				return;
			}
			if (key.escape) return options.back();
			if (key.tab) return dispatch({type: 'switch-pane'});
			if (input === 'n') {
				// Before the check starts, so the check waits for them (a no-op when nothing failed).
				options.retryFailed();
				return dispatch({type: 'next', hasSource: options.hasSource});
			}
			if (input === 'i') return dispatch({type: 'ask-import'});
			if (input === 'x') return dispatch({type: 'ask-export'});
			if (input === 'D') return dispatch({type: 'ask-remove-all'});
			if (input === 'r' && options.tablesFailed) return options.reloadTables();
			if (state.pane === 'source') {
				if (input === '/') return dispatch({type: 'start-filter'});
				if (input === '>') {
					const highlighted = state.sourceAt ? sourceTree.tablesOf(state.sourceAt) : [];
					return dispatch({type: 'open-map', tables: options.tables, highlighted});
				}
				if (sourceRow?.kind === 'database' && (key.rightArrow || key.leftArrow || key.return)) {
					return dispatch({type: 'expand', database: sourceRow.database, open: key.return ? 'toggle' : key.rightArrow});
				}
				if (sourceRow?.kind === 'table' && key.return) return dispatch({type: 'pick-table', table: sourceRow.table});
				return;
			}
			if (!targetRow) {
				if ((input !== '' && 'tsd'.includes(input)) || key.return || key.delete) dispatch({type: 'target-empty'});
				return;
			}
			if (input === 't') return dispatch({type: 'change-topic', row: targetRow});
			if (input === 's' || key.return)
				return dispatch({type: 'open-settings', object: targetRow.kind === 'table' ? targetRow.object : null});
			if (input === 'd' || key.delete || key.backspace) return dispatch({type: 'remove', row: targetRow});
		},
		{isActive: state.mode.kind === 'main'},
	);
}
