/**
 * Map Object to Topic (also Change Topic): the destination's topics, searched as you type, each with its type and
 * queues; or the name of a topic the list lacks, checked with a route query on Enter. Only a FIFO topic keeps
 * per-key order, so any other type is refused with the reason.
 */
import {Box, Text} from 'ink';
import {useState} from 'react';
import {objectSchema} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {errorText} from '../../../error-text.js';
import {theme} from '../../../theme.js';
import {searchTopics, topicDetail, topicRefusal} from './topics.js';
import type {Loadable} from './use-objects-catalog.js';

export type TopicDialogProps = {
	readonly path: readonly string[];
	/** `Map 3 tables to a topic`. */
	readonly title: string;
	readonly topics: Loadable<TopicInfo[]>;
	/** Tables already selected per topic, shown beside each. */
	readonly counts: ReadonlyMap<string, number>;
	/** Asks the destination about a typed name (a route query); rejects when there is no such topic. */
	readonly checkTopic: (name: string) => Promise<TopicInfo>;
	readonly onPick: (topic: TopicInfo) => void;
	readonly onCancel: () => void;
	readonly height: number;
};

const help =
	'Choose the topic the tables are sent to. Type to search the listed topics (↑/↓ move, Enter chooses); to use a topic the list lacks, type its full name and press Enter: obsync asks the destination whether it exists. obsync sends every change as a FIFO message grouped by the row key, so only FIFO topics can be chosen.';

export function TopicDialog({path, title, topics, counts, checkTopic, onPick, onCancel, height}: TopicDialogProps) {
	const [query, setQuery] = useState('');
	const [highlighted, setHighlighted] = useState<string | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [checking, setChecking] = useState<string | null>(null);
	const listed = topics.state === 'ready' ? topics.value : [];
	const found = searchTopics(listed, query);
	const current = found.find((topic) => topic.name === highlighted) ?? found[0];
	const choose = (topic: TopicInfo) => {
		const refusal = topicRefusal(topic);
		if (refusal) setError(`${topic.name} ${refusal}`);
		else onPick(topic);
	};
	const lookUp = async (name: string) => {
		const parsed = objectSchema.shape.topic.safeParse(name);
		if (!parsed.success) {
			setError(`"${name}": ${parsed.error.issues[0]?.message ?? 'not a valid topic name'}`);
			return;
		}
		setChecking(name);
		try {
			const topic = await checkTopic(name);
			setChecking(null);
			choose(topic);
		} catch (failure) {
			setChecking(null);
			setError(errorText(failure));
		}
	};
	useKeys((_input, key) => {
		if (checking) return;
		if (key.escape) return onCancel();
		if (!key.return) return;
		if (current) return choose(current);
		const name = query.trim();
		if (!name) return setError('type the name of a topic, or wait for the list of topics');
		void lookUp(name);
	});
	return (
		<Screen
			path={path}
			help={help}
			hints={[
				{key: 'type', label: 'search or name a topic'},
				{key: '↑/↓', label: 'move'},
				{key: 'Enter', label: 'choose'},
				{key: 'Esc', label: 'cancel'},
			]}
			status={
				checking ? {kind: 'info', text: `Checking topic ${checking} with the destination…`} : error ? {kind: 'error', text: error} : null
			}
		>
			<Text bold>{title}</Text>
			<TextField
				label="Topic"
				labelWidth={8}
				value={query}
				focus={!checking}
				placeholder="type to search, or a topic name"
				onChange={(value) => {
					setQuery(value);
					setError(null);
				}}
			/>
			{topics.state === 'loading' ? <Text color={theme.muted}>Listing the destination's topics…</Text> : null}
			{topics.state === 'failed' ? (
				<Text color={theme.warn} wrap="wrap">
					! The topics cannot be listed ({topics.error}). Type a topic name and press Enter to check it.
				</Text>
			) : null}
			{topics.state === 'ready' ? (
				<Box flexDirection="column" marginTop={1}>
					<List
						items={found.map((topic) => {
							const count = counts.get(topic.name) ?? 0;
							const refusal = topicRefusal(topic);
							return {
								id: topic.name,
								label: topic.name,
								detail: `${topicDetail(topic)}${count > 0 ? ` · ${count} table${count === 1 ? '' : 's'} mapped` : ''}`,
								disabled: refusal ? `${topic.messageType}: not FIFO` : undefined,
							};
						})}
						height={height}
						isActive={!checking}
						onHighlight={(item) => setHighlighted(item.id)}
						empty={
							query.trim()
								? `No listed topic contains "${query.trim()}": Enter asks the destination for a topic named so.`
								: 'The destination lists no topics: type a topic name.'
						}
					/>
				</Box>
			) : null}
			{current && topicRefusal(current) && !error ? (
				<Text color={theme.muted} wrap="wrap">
					{current.name} {topicRefusal(current)}
				</Text>
			) : null}
		</Screen>
	);
}
