/** The project's tags (OMS: the Tag drop-down): Space picks any number of the saved tags; `m` manages them. */
import {Text} from 'ink';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {useTyping} from '../../../components/typing.js';
import {theme} from '../../../theme.js';

export type TagPickerProps = {
	readonly path: readonly string[];
	/** The saved tags. */
	readonly tags: readonly string[];
	/** The tags the project carries. */
	readonly chosen: readonly string[];
	/** Picks or drops a tag (applied to the draft as it is then, so quick presses all count). */
	readonly onToggle: (tag: string) => void;
	readonly onManage: () => void;
	readonly onDone: () => void;
	readonly status?: ScreenProps['status'];
};

export function TagPicker({path, tags, chosen, onToggle, onManage, onDone, status}: TagPickerProps) {
	const typing = useTyping();
	// A tag the draft carries that the list no longer has still shows, so it can be taken off.
	const all = [...tags, ...chosen.filter((tag) => !tags.includes(tag))];
	useKeys((input, key) => {
		if (key.escape || key.return) return onDone();
		if (input === 'm' && !typing) onManage();
	});
	return (
		<Screen
			path={path}
			hints={[
				{key: '↑↓', label: 'move'},
				{key: 'Space', label: 'pick / drop'},
				{key: 'm', label: 'manage tags'},
				{key: 'Enter/Esc', label: 'done'},
			]}
			help="Tags group projects in the project list. Space picks or drops the highlighted tag; a project carries any number. m opens Manage tags: create, rename and delete tags."
			status={status ?? null}
		>
			<Text color={theme.muted}>Tags of this project: {chosen.length ? chosen.join(', ') : 'none'}</Text>
			<List
				items={all.map((tag) => ({id: tag, label: tag, detail: tags.includes(tag) ? undefined : '(no longer in the tag list)'}))}
				checked={new Set(chosen)}
				onToggle={(item) => onToggle(item.id)}
				height={12}
				empty="No tags yet: press m to create one."
			/>
		</Screen>
	);
}
