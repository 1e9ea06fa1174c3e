/** Why Next was refused: each selected table that cannot run as configured, and why; Enter opens its settings. */
import {Text} from 'ink';
import {useState} from 'react';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen} from '../../../components/screen.js';
import {theme} from '../../../theme.js';
import {displayName, idOf} from './selection.js';

export type ProblemsScreenProps = {
	readonly path: readonly string[];
	readonly objects: readonly ProjectObject[];
	readonly problems: ReadonlyMap<string, string>;
	readonly onSettings: (object: ProjectObject) => void;
	readonly onClose: () => void;
	readonly height: number;
};

export function ProblemsScreen({path, objects, problems, onSettings, onClose, height}: ProblemsScreenProps) {
	const failing = objects.filter((object) => problems.has(idOf(object)));
	const [highlighted, setHighlighted] = useState<string | null>(null);
	const current = failing.find((object) => idOf(object) === highlighted) ?? failing[0];
	useKeys((_input, key) => {
		if (key.escape) onClose();
	});
	return (
		<Screen
			path={path}
			help="These tables cannot run as configured. Enter opens a table's settings (row filter, sharding columns, columns); Esc goes back to the selection, where d removes a table."
			hints={[
				{key: '↑/↓', label: 'move'},
				{key: 'Enter', label: 'settings'},
				{key: 'Esc', label: 'back to the selection'},
			]}
		>
			<Text bold color={theme.error}>
				✘ {failing.length} of {objects.length} selected table{objects.length === 1 ? '' : 's'} cannot run as configured; fix or remove{' '}
				{failing.length === 1 ? 'it' : 'them'} to go on:
			</Text>
			<List
				items={failing.map((object) => ({id: idOf(object), label: `✘ ${displayName(object)}`, detail: problems.get(idOf(object))}))}
				height={height}
				onHighlight={(item) => setHighlighted(item.id)}
				onSubmit={(item) => {
					const object = failing.find((candidate) => idOf(candidate) === item.id);
					if (object) onSettings(object);
				}}
			/>
			{current ? (
				<Text wrap="wrap">
					{displayName(current)}: {problems.get(idOf(current))}
				</Text>
			) : (
				<Text color={theme.ok}>✔ every table is fine now: Esc, then n to go on.</Text>
			)}
		</Screen>
	);
}
