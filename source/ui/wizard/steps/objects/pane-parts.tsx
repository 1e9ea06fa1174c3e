/** The pieces of Step 3's main screen: the panes' titles, and the line under the panes about the highlighted row. */
import {Box, Text} from 'ink';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import {theme} from '../../../theme.js';
import {displayName, idOf, objectId, settingsSummary} from './selection.js';
import type {SourceRow} from './source-tree.js';
import type {TargetRow} from './target-tree.js';
import {topicDetail} from './topics.js';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A pane's title; the focused pane's is marked ▶ (and coloured). */
export function PaneTitle({focused, text}: {readonly focused: boolean; readonly text: string}) {
	return (
		<Text bold={focused} color={focused ? theme.focus : theme.muted} wrap="truncate-end">
			{focused ? '▶ ' : '  '}
			{text}
		</Text>
	);
}

/** The source pane's title: how many tables can be selected (after the filter) and how many are marked. */
export function sourceTitle(state: string, selectable: number, marked: number): string {
	if (state !== 'ready') return 'Source tables';
	return `Source tables (${selectable} selectable${marked > 0 ? `, ${marked} marked` : ''})`;
}

/** The selection pane's title: tables, topics, and how many tables cannot run as configured. */
export function targetTitle(tables: number, topics: number, problems: number): string {
	if (tables === 0) return 'Selection: Topic › Database › Table';
	return `Selection: ${plural(tables, 'table')} → ${plural(topics, 'topic')}${problems > 0 ? `, ${problems} ✘` : ''}`;
}

export type DetailsProps = {
	readonly pane: 'source' | 'target';
	readonly sourceRow: SourceRow | undefined;
	readonly targetRow: TargetRow | undefined;
	readonly marked: ReadonlySet<string>;
	readonly topics: readonly TopicInfo[];
	readonly problems: ReadonlyMap<string, string>;
};

/** What the highlighted row is, in full: the reason a table is disabled, a selected table's settings and problem. */
export function Details({pane, sourceRow, targetRow, marked, topics, problems}: DetailsProps) {
	const lines: Array<{text: string; error?: boolean}> = [];
	if (pane === 'source' && sourceRow) {
		if (sourceRow.kind === 'database') lines.push({text: `database ${sourceRow.database}: → opens, Space marks all its tables`});
		else {
			const table = sourceRow.table;
			if (table.disabledReason) lines.push({text: `${displayName(table)} cannot be synchronized: ${table.disabledReason}`, error: true});
			else
				lines.push({
					text: `${displayName(table)}${marked.has(objectId(table.database, table.table)) ? ' (marked)' : ''}: Space marks, > maps to a topic`,
				});
		}
	}
	if (pane === 'target' && targetRow) {
		if (targetRow.kind === 'topic') {
			const info = topics.find((topic) => topic.name === targetRow.topic);
			lines.push({text: `topic ${targetRow.topic}${info ? ` (${topicDetail(info)})` : ''}: ${plural(targetRow.objects.length, 'table')}`});
		} else if (targetRow.kind === 'database') {
			lines.push({text: `${targetRow.database} → ${targetRow.topic}: ${plural(targetRow.objects.length, 'table')}`});
		} else {
			const object = targetRow.object;
			const summary = settingsSummary(object);
			lines.push({
				text: `${displayName(object)} → ${object.topic}${summary ? ` · ${summary}` : ' · all rows, all columns, default sharding'}`,
			});
			const problem = problems.get(idOf(object));
			if (problem) lines.push({text: `✘ ${problem}`, error: true});
		}
	}
	// A fixed height, so the panes do not jump: a line for what the row is, two for its problem (in full under Next).
	return (
		<Box flexDirection="column" marginTop={1} height={3} overflowY="hidden">
			{lines.map((line, i) => (
				<Text key={line.text} color={line.error ? theme.error : theme.muted} wrap={i === 0 ? 'truncate-end' : 'wrap'}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
