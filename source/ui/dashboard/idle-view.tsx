/**
 * A project that does not run in this process: whether another process runs it, what it syncs, its last checkpoint
 * (where a resume continues), and its stored precheck results with what to fix.
 */
import {Box, Text} from 'ink';
import type {Checkpoint} from '../../engine/checkpoint/checkpoint-store.js';
import type {ErrorInfo} from '../../engine/engine-events.js';
import type {Project} from '../../engine/project/project-schema.js';
import {theme} from '../theme.js';
import {endpointsText, type Layout, objectsText, type StoredPrecheck, stateLabel} from './dashboard-model.js';
import {formatAge, formatClock, formatPosition} from './format.js';
import {PrecheckTile, Row, toneColor} from './tiles.js';

export type IdleViewProps = {
	readonly project: Project;
	readonly elsewherePid: number | null;
	readonly checkpoint: Checkpoint | null | undefined;
	readonly checkpointError: ErrorInfo | null;
	readonly precheck: StoredPrecheck | null;
	readonly layout: Layout;
	readonly now: number;
};

export function IdleView({project, elsewherePid, checkpoint, checkpointError, precheck, layout, now}: IdleViewProps) {
	const label = stateLabel(elsewherePid === null ? 'not running' : 'elsewhere');
	const clock = (at: Date) => `${formatClock(at, new Date(now))} (${formatAge(at.getTime(), now)})`;
	const start = project.options.startTimestamp;
	return (
		<Box flexDirection="column">
			<Row label="State">
				<Text>
					<Text color={toneColor(label.tone)} bold>
						{label.symbol} {label.word}
					</Text>
					{elsewherePid === null ? ' in this terminal' : ` (pid ${elsewherePid}): obsync run`}
				</Text>
				{elsewherePid !== null ? (
					<Text color={theme.muted}>
						its checkpoint below moves on as it runs; kill -TERM {elsewherePid} stops it (draining, checkpoint saved)
					</Text>
				) : null}
			</Row>
			<Row label="Objects">
				<Text wrap="truncate-end">
					{project.objects.length} {project.objects.length === 1 ? 'table' : 'tables'}: {objectsText(project)}
				</Text>
			</Row>
			<Row label="Endpoints">
				<Text wrap="truncate-end">{endpointsText(project)}</Text>
			</Row>
			<Row label="Checkpoint">
				{checkpointError ? (
					<>
						<Text color={theme.error}>✘ {firstLines(checkpointError.message, 3)}</Text>
						{checkpointError.hint ? <Text color={theme.muted}> → {checkpointError.hint}</Text> : null}
					</>
				) : checkpoint === undefined ? (
					<Text color={theme.muted}>reading…</Text>
				) : checkpoint === null ? (
					<Text wrap="truncate-end">
						none yet: a first start reads from{' '}
						{start === undefined ? 'the moment it starts' : `the start time ${formatClock(new Date(start * 1000), new Date(now))}`}
					</Text>
				) : (
					<>
						<Text wrap="truncate-end">
							{formatPosition(checkpoint)} · saved {clock(new Date(checkpoint.savedAt))}
						</Text>
						<Text wrap="truncate-end" color={theme.muted}>
							last commit {clock(new Date(checkpoint.commitTime * 1000))}
							{checkpoint.gtid ? ` · gtid ${checkpoint.gtid}` : ''}; a resume continues from here
						</Text>
					</>
				)}
			</Row>
			<PrecheckTile precheck={precheck} now={now} rows={layout.precheckRows} detailed />
		</Box>
	);
}

/** The first lines of a long message (a schema error lists every field), with how many more there were. */
function firstLines(text: string, count: number): string {
	const lines = text.split('\n');
	return lines.length <= count ? text : `${lines.slice(0, count).join('\n')}\n(+${lines.length - count} more lines)`;
}
