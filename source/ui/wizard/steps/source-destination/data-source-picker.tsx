/**
 * The list of saved data sources of one kind (OMS: the Source or Destination drop-down): Enter picks one for the
 * project, `e` edits it, and the first line adds a new one (or goes back to the one being typed).
 */
import {Text} from 'ink';
import {useState} from 'react';
import {useKeys} from '../../../components/keys.js';
import {List, type ListItem} from '../../../components/list.js';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {useTyping} from '../../../components/typing.js';
import {theme} from '../../../theme.js';

export type PickerEntry = {readonly name: string; readonly detail: string};

export type DataSourcePickerProps = {
	readonly path: readonly string[];
	/** What the list holds, one line above it. */
	readonly title: string;
	readonly entries: readonly PickerEntry[];
	/** The entry the draft holds now, marked in the list. */
	readonly selected: string | null;
	/** Unsaved input of an "Add data source" form is waiting. */
	readonly keptInput: 'new' | {readonly editing: string} | null;
	readonly onPick: (name: string) => void;
	readonly onAdd: () => void;
	readonly onEdit: (name: string) => void;
	readonly onBack: () => void;
	readonly help: string;
	readonly status?: ScreenProps['status'];
};

const addId = 'add';
const entryId = (name: string) => `entry:${name}`;

export function DataSourcePicker(props: DataSourcePickerProps) {
	const typing = useTyping();
	const [highlighted, setHighlighted] = useState<string>(addId);
	const kept = props.keptInput;
	const items: ListItem[] = [
		{
			id: addId,
			label: '+ Add data source',
			detail: kept === 'new' ? '(your unsaved input is kept)' : undefined,
		},
		...props.entries.map((entry) => ({
			id: entryId(entry.name),
			label: `${entry.name === props.selected ? '● ' : '  '}${entry.name}`,
			detail: `${entry.detail}${kept && kept !== 'new' && kept.editing === entry.name ? ' (unsaved edits kept)' : ''}`,
		})),
	];
	const nameOf = (id: string) => (id.startsWith('entry:') ? id.slice('entry:'.length) : null);
	useKeys((input, key) => {
		if (key.escape) return props.onBack();
		if (input === 'e' && !typing) {
			const name = nameOf(highlighted);
			if (name) props.onEdit(name);
		}
	});
	return (
		<Screen
			path={props.path}
			hints={[
				{key: '↑↓', label: 'move'},
				{key: 'Enter', label: highlighted === addId ? 'add data source' : 'use this one'},
				{key: 'e', label: 'edit'},
				{key: 'Esc', label: 'back'},
			]}
			help={props.help}
			status={props.status ?? null}
		>
			<Text color={theme.muted}>
				{props.title}
				{props.selected ? ' (● in use)' : ''}
			</Text>
			<List
				items={items}
				height={12}
				onHighlight={(item) => setHighlighted(item.id)}
				onSubmit={(item) => {
					const name = nameOf(item.id);
					if (name) props.onPick(name);
					else props.onAdd();
				}}
			/>
			{props.entries.length === 0 ? <Text color={theme.muted}>No saved data sources yet: add one.</Text> : null}
		</Screen>
	);
}
