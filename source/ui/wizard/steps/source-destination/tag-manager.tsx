/**
 * Manage tags (OMS: Manage Tags): create, rename and delete the tags projects carry. A rename or a delete reaches
 * every saved project and draft carrying the tag, and this project too; a delete asks first and names them.
 */
import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {Confirm} from '../../../components/confirm.js';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {useTyping} from '../../../components/typing.js';
import {useServices} from '../../../services.js';
import {theme} from '../../../theme.js';
import {removeFromList, renameInList, tagNameProblem} from './tag-rules.js';
import {createTag, deleteTag, projectsWithTag, renameTag, type TagChange} from './tag-store.js';

export type TagManagerProps = {
	readonly path: readonly string[];
	/** The draft on screen: its own tags are changed through `onDraftTags`, not in the store. */
	readonly draftId: string;
	readonly draftTags: readonly string[];
	readonly onDraftTags: (tags: string[]) => void;
	readonly onBack: () => void;
};

type Input = {readonly kind: 'create'; readonly value: string} | {readonly kind: 'rename'; readonly from: string; readonly value: string};

const help = [
	'Manage tags: n creates a tag, r renames the highlighted one, d deletes it (after asking).',
	'Renaming or deleting a tag changes every saved project and unfinished wizard draft that carries it.',
].join('\n');

function reach(change: TagChange): string {
	const projects = change.projects.length
		? ` in ${change.projects.length} saved project${change.projects.length === 1 ? '' : 's'} (${change.projects.join(', ')})`
		: '';
	const failed = change.failed.length ? `; not changed (unreadable): ${change.failed.join('; ')}` : '';
	return `${projects}${failed}`;
}

export function TagManager({path, draftId, draftTags, onDraftTags, onBack}: TagManagerProps) {
	const {store} = useServices();
	const typing = useTyping();
	const [version, setVersion] = useState(0);
	const [highlighted, setHighlighted] = useState<string | null>(null);
	const [input, setInput] = useState<Input | null>(null);
	const [inputError, setInputError] = useState<string | undefined>(undefined);
	const [deleting, setDeleting] = useState<string | null>(null);
	const [status, setStatus] = useState<ScreenProps['status']>(null);
	// biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when the store's tags do.
	const tags = useMemo(() => store.tags(), [store, version]);
	// biome-ignore lint/correctness/useExhaustiveDependencies: as above.
	const usage = useMemo(() => new Map(tags.map((tag) => [tag, projectsWithTag(store, tag)])), [store, tags, version]);
	const current = highlighted && tags.includes(highlighted) ? highlighted : (tags[0] ?? null);

	const submit = () => {
		if (!input) return;
		const problem = tagNameProblem(input.value, tags, input.kind === 'rename' ? input.from : undefined);
		if (problem) return setInputError(problem);
		const name = input.value.trim();
		if (input.kind === 'create') {
			createTag(store, name);
			setStatus({kind: 'ok', text: `Created tag ${name}.`});
		} else if (name !== input.from) {
			const change = renameTag(store, input.from, name, {skipDraft: draftId});
			if (draftTags.includes(input.from)) onDraftTags(renameInList(draftTags, input.from, name));
			setStatus({kind: change.failed.length ? 'error' : 'ok', text: `Renamed tag ${input.from} to ${name}${reach(change)}.`});
		}
		setHighlighted(name);
		setInput(null);
		setInputError(undefined);
		setVersion((at) => at + 1);
	};

	const remove = (tag: string) => {
		const change = deleteTag(store, tag, {skipDraft: draftId});
		if (draftTags.includes(tag)) onDraftTags(removeFromList(draftTags, tag));
		setStatus({
			kind: change.failed.length ? 'error' : 'ok',
			text: `Deleted tag ${tag}${change.projects.length ? `; taken off${reach(change)}` : ''}.`,
		});
		setDeleting(null);
		setVersion((at) => at + 1);
	};

	useKeys(
		(pressed, key) => {
			if (input) {
				if (key.escape) {
					setInput(null);
					setInputError(undefined);
				} else if (key.return) submit();
				return;
			}
			if (key.escape) return onBack();
			if (typing) return;
			if (pressed === 'n') {
				setStatus(null);
				return setInput({kind: 'create', value: ''});
			}
			if (pressed === 'r' && current) {
				setStatus(null);
				return setInput({kind: 'rename', from: current, value: current});
			}
			if (pressed === 'd' && current) {
				setStatus(null);
				setDeleting(current);
			}
		},
		{isActive: deleting === null},
	);

	const carrying = deleting ? (usage.get(deleting) ?? []) : [];
	return (
		<Screen
			path={path}
			hints={
				input
					? [
							{key: 'Enter', label: input.kind === 'create' ? 'create' : 'rename'},
							{key: 'Esc', label: 'cancel'},
						]
					: [
							{key: '↑↓', label: 'move'},
							{key: 'n', label: 'new tag'},
							{key: 'r', label: 'rename'},
							{key: 'd', label: 'delete'},
							{key: 'Esc', label: 'back to the tags'},
						]
			}
			help={help}
			status={deleting ? null : status}
		>
			{deleting ? (
				<Confirm
					title={`Delete tag ${deleting}?`}
					message={[
						carrying.length
							? `It is taken off ${carrying.length} saved project${carrying.length === 1 ? '' : 's'} (${carrying.join(', ')})`
							: 'No saved project carries it',
						draftTags.includes(deleting) ? ' and off this project.' : '.',
					].join('')}
					onConfirm={() => remove(deleting)}
					onCancel={() => setDeleting(null)}
				/>
			) : (
				<Box flexDirection="column">
					<Text color={theme.muted}>Tags ({tags.length})</Text>
					<List
						items={tags.map((tag) => {
							const count = usage.get(tag)?.length ?? 0;
							return {id: tag, label: tag, detail: `${count} project${count === 1 ? '' : 's'}`};
						})}
						isActive={!input}
						height={10}
						onHighlight={(item) => setHighlighted(item.id)}
						empty="No tags yet: press n to create one."
					/>
					{input ? (
						<Box marginTop={1}>
							<TextField
								label={input.kind === 'create' ? 'New tag' : `Rename ${input.from} to`}
								value={input.value}
								onChange={(value) => {
									setInput({...input, value});
									setInputError(undefined);
								}}
								focus
								error={inputError}
								labelWidth={Math.min(40, Math.max(12, (input.kind === 'rename' ? input.from.length + 12 : 0) + 2))}
								help="at most 64 characters; Enter to keep it"
							/>
						</Box>
					) : null}
				</Box>
			)}
		</Screen>
	);
}
