/**
 * The dashboard of an engine of this process: state, lag and rates with sparklines, totals, the busiest tables and
 * topics, position and checkpoint, the stored precheck, and the last errors. A stopped or failed engine keeps
 * showing its final numbers.
 */
import {Box, Text} from 'ink';
import type {EngineSnapshot} from '../../engine/engine-events.js';
import {sparkline} from '../components/sparkline.js';
import {theme} from '../theme.js';
import {type Layout, type StoredPrecheck, stateLabel, tableCountsText, tableWeight, topEntries} from './dashboard-model.js';
import {formatAge, formatClock, formatCount, formatDuration, formatLag, formatPosition, formatRate} from './format.js';
import {type Sample, seriesOf} from './history.js';
import {ErrorsTile, FailureBox, PrecheckTile, Row, toneColor} from './tiles.js';

export type LiveViewProps = {
	readonly snapshot: EngineSnapshot;
	readonly history: readonly Sample[];
	readonly layout: Layout;
	readonly now: number;
	readonly precheck: StoredPrecheck | null;
};

export function LiveView({snapshot, history, layout, now, precheck}: LiveViewProps) {
	const label = stateLabel(snapshot.state);
	const failure = snapshot.state === 'failed' ? snapshot.errors.at(-1) : undefined;
	const errors = failure ? snapshot.errors.slice(0, -1) : snapshot.errors;
	const started = snapshot.startedAt ? new Date(snapshot.startedAt) : null;
	const reading = snapshot.state === 'running' || snapshot.state === 'paused';
	// A stopped or failed engine has no lag or rate any more; its totals, position and checkpoint stay.
	const over = snapshot.state === 'stopped' || snapshot.state === 'failed';
	const {totals} = snapshot;
	const tables = topEntries(snapshot.tables, layout.tableRows, tableWeight);
	const nameWidth = Math.min(40, Math.max(0, ...tables.shown.map(([name]) => name.length)));
	const topics = topEntries(snapshot.topics, layout.topicRows, (acked) => acked);
	const topicWidth = Math.min(40, Math.max(0, ...topics.shown.map(([name]) => name.length)));
	const spark = (metric: Parameters<typeof seriesOf>[1]) => (
		<Text color={theme.accent}>{sparkline(seriesOf(history, metric), layout.sparkWidth).padEnd(layout.sparkWidth)}</Text>
	);
	return (
		<Box flexDirection="column">
			{failure ? <FailureBox error={failure} project={snapshot.project} /> : null}
			<Row label="State">
				<Text wrap="truncate-end">
					<Text color={toneColor(label.tone)} bold>
						{label.symbol} {label.word}
					</Text>
					{started && reading
						? ` · up ${formatDuration((now - started.getTime()) / 1000)} (since ${formatClock(started, new Date(now))})`
						: ''}
					{snapshot.state === 'starting'
						? ` · connecting to the source${snapshot.checkpoint ? `, resuming from ${formatPosition(snapshot.checkpoint)}` : ''}…`
						: ''}
					{snapshot.state === 'paused' ? ' · reading held; r resumes' : ''}
					{snapshot.state === 'stopping' ? ' · draining in-flight messages, saving the checkpoint…' : ''}
				</Text>
			</Row>
			{over ? null : (
				<>
					<Row label="Lag">
						<Text>
							{formatLag(snapshot.lagSeconds).padEnd(16)} {spark('lagSeconds')}
						</Text>
					</Row>
					<Row label="Rate">
						<Text wrap="truncate-end">
							rows/s {formatRate(snapshot.rates.rowsPerSecond).padStart(6)} {spark('rowsPerSecond')} msgs/s{' '}
							{formatRate(snapshot.rates.messagesPerSecond).padStart(6)} {spark('messagesPerSecond')}
						</Text>
					</Row>
				</>
			)}
			<Row label="Rows">
				<Text>
					insert {formatCount(totals.insert)} · update {formatCount(totals.update)} · delete {formatCount(totals.delete)} · ddl{' '}
					{formatCount(totals.ddl)} · filtered {formatCount(totals.filtered)}
				</Text>
			</Row>
			<Row label="Delivery">
				<Text>
					transactions {formatCount(totals.transactions)} · messages {formatCount(totals.messages)} · acked {formatCount(totals.acked)} · in
					flight {formatCount(snapshot.inFlight)}
				</Text>
			</Row>
			<Row label="Tables">
				{tables.shown.length === 0 ? <Text color={theme.muted}>no changes yet</Text> : null}
				{tables.shown.map(([name, counts], i) => (
					<Text key={name} wrap="truncate-end">
						{name.padEnd(nameWidth)} {tableCountsText(counts)}
						{layout.compact && i === tables.shown.length - 1 ? <More count={tables.more} inline /> : null}
					</Text>
				))}
				{layout.compact ? null : <More count={tables.more} />}
			</Row>
			<Row label="Topics">
				{topics.shown.length === 0 ? <Text color={theme.muted}>nothing acked yet</Text> : null}
				{topics.shown.map(([name, acked], i) => (
					<Text key={name} wrap="truncate-end">
						{name.padEnd(topicWidth)} {formatCount(acked)} acked
						{layout.compact && i === topics.shown.length - 1 ? <More count={topics.more} inline /> : null}
					</Text>
				))}
				{layout.compact ? null : <More count={topics.more} />}
			</Row>
			<Row label="Position">
				<Text wrap="truncate-end">{formatPosition(snapshot.position)} (last read)</Text>
			</Row>
			<Row label="Checkpoint">
				<Text wrap="truncate-end">
					{snapshot.checkpoint
						? `${formatPosition(snapshot.checkpoint)} · saved ${formatClock(new Date(snapshot.checkpoint.savedAt), new Date(now))} (${formatAge(Date.parse(snapshot.checkpoint.savedAt), now)})`
						: 'none yet'}
				</Text>
			</Row>
			<PrecheckTile precheck={precheck} now={now} rows={0} detailed={false} />
			<ErrorsTile
				errors={errors}
				retries={snapshot.retries}
				reconnects={snapshot.reconnects}
				rows={layout.errorRows}
				now={now}
				project={snapshot.project}
			/>
		</Box>
	);
}

/** "+k more" of a list cut short, on a line of its own or at the end of the last line shown. */
function More({count, inline = false}: {readonly count: number; readonly inline?: boolean}) {
	if (count <= 0) return null;
	return <Text color={theme.muted}>{inline ? ` · +${count} more` : `+${count} more`}</Text>;
}
