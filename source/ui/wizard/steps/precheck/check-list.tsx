/**
 * The live precheck list: one line per check (symbol, title, what was found), scrolled to keep the selected check in
 * view, a `… running` line while checks remain, and under it the selected check in full: what was found and how to
 * fix it. The parent owns the selection, so a finished run can jump to the first failure.
 */
import {Box, Text} from 'ink';
import type {CheckResult} from '../../../../engine/precheck/prechecks.js';
import {symbols, theme} from '../../../theme.js';
import {STATUS_SYMBOL, STATUS_WORD, windowStart} from './precheck-model.js';

export type CheckListProps = {
	readonly results: readonly CheckResult[];
	readonly running: boolean;
	readonly selected: number;
	/** Rows for the list itself (the `more` markers and the running line included). */
	readonly height: number;
};

const colour = (status: CheckResult['status']) =>
	status === 'pass' ? theme.ok : status === 'fail' ? theme.error : status === 'warn' ? theme.warn : theme.muted;

export function CheckList({results, running, selected, height}: CheckListProps) {
	const rows = Math.max(1, height - (running ? 1 : 0) - 2);
	const start = windowStart(selected, results.length, rows);
	const shown = results.slice(start, start + rows);
	const current = results[selected];
	return (
		<Box flexDirection="column">
			{start > 0 ? <Text color={theme.muted}> ↑ {start} more</Text> : null}
			{shown.map((result, i) => {
				const focused = start + i === selected;
				return (
					<Text key={result.id} wrap="truncate-end" bold={focused}>
						{focused ? `${symbols.pointer} ` : '  '}
						<Text color={colour(result.status)}>{STATUS_SYMBOL[result.status]}</Text> {result.title}
						<Text color={theme.muted}> {result.detail}</Text>
					</Text>
				);
			})}
			{start + rows < results.length ? <Text color={theme.muted}> ↓ {results.length - start - rows} more</Text> : null}
			{running ? <Text color={theme.muted}> {symbols.running} running the next check</Text> : null}
			{current ? (
				<Box flexDirection="column" marginTop={1}>
					<Text wrap="truncate-end">
						<Text color={colour(current.status)} bold>
							{STATUS_SYMBOL[current.status]} {STATUS_WORD[current.status]}
						</Text>{' '}
						<Text bold>{current.title}</Text>
						<Text color={theme.muted}> ({current.durationMs} ms)</Text>
					</Text>
					<Text>{current.detail}</Text>
					{current.hint ? (
						<Text>
							<Text bold>How to fix: </Text>
							{current.hint}
						</Text>
					) : null}
				</Box>
			) : null}
		</Box>
	);
}
