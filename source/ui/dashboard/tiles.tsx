/** The pieces of the dashboard: a labelled row, the precheck summary, the error list and the failure box. */
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {ErrorInfo} from '../../engine/engine-events.js';
import {symbols, theme} from '../theme.js';
import {adviceFor, type StoredPrecheck, summarizePrecheck, type Tone} from './dashboard-model.js';
import {formatAge, formatClock} from './format.js';

export const LABEL_WIDTH = 12;

/** The colour of a tone (undefined under NO_COLOR: the word or symbol next to it carries the meaning). */
export function toneColor(tone: Tone): string | undefined {
	return tone === 'muted' ? theme.muted : theme[tone];
}

/** A label in a fixed-width column, then the content. */
export function Row({label, children}: {readonly label: string; readonly children: ReactNode}) {
	return (
		<Box>
			<Box width={LABEL_WIDTH} flexShrink={0}>
				<Text color={theme.muted}>{label}</Text>
			</Box>
			<Box flexDirection="column" flexGrow={1}>
				{children}
			</Box>
		</Box>
	);
}

/** The stored precheck run: counts and when; `detailed` also lists what failed or warned, with what to do. */
export function PrecheckTile(props: {
	readonly precheck: StoredPrecheck | null;
	readonly now: number;
	readonly rows: number;
	readonly detailed: boolean;
}) {
	const {precheck, now, rows, detailed} = props;
	if (!precheck) {
		return (
			<Row label="Precheck">
				<Text color={theme.muted}>never run for this project (the wizard runs it before saving; e edits the project)</Text>
			</Row>
		);
	}
	const summary = summarizePrecheck(precheck.results);
	const at = new Date(precheck.at);
	const when = Number.isNaN(at.getTime()) ? '' : ` · run ${formatClock(at, new Date(now))} (${formatAge(at.getTime(), now)})`;
	const failedTitles = summary.problems.filter((result) => result.status === 'fail').map((result) => result.title);
	const shown = summary.problems.slice(0, rows);
	return (
		<Row label="Precheck">
			<Text wrap="truncate-end">
				<Text color={summary.failed > 0 ? theme.error : summary.warned > 0 ? theme.warn : theme.ok}>
					{summary.failed > 0 ? symbols.fail : summary.warned > 0 ? symbols.warn : symbols.pass} {summary.text}
				</Text>
				{/* One line when compact: what failed matters more than when it ran. */}
				{!detailed && failedTitles.length > 0 ? ` · failed: ${failedTitles.join(', ')}` : when}
			</Text>
			{detailed
				? shown.map((result) => (
						<Box key={result.id ?? result.title} flexDirection="column">
							<Text wrap="truncate-end" color={result.status === 'fail' ? theme.error : theme.warn}>
								{result.status === 'fail' ? symbols.fail : symbols.warn} {result.title}: {result.detail}
							</Text>
							{result.hint ? (
								<Text wrap="truncate-end" color={theme.muted}>
									{'  '}→ {result.hint}
								</Text>
							) : null}
						</Box>
					))
				: null}
			{detailed && summary.problems.length > shown.length ? (
				<Text color={theme.muted}>+{summary.problems.length - shown.length} more (obsync precheck lists them all)</Text>
			) : null}
		</Row>
	);
}

/** The last errors, newest first, each with what to do; and the retry and reconnect counts. */
export function ErrorsTile(props: {
	readonly errors: readonly ErrorInfo[];
	readonly retries: number;
	readonly reconnects: number;
	readonly rows: number;
	readonly now: number;
	readonly project: string;
}) {
	const {errors, retries, reconnects, rows, now, project} = props;
	const newest = [...errors].reverse().slice(0, rows);
	const counts = `retries ${retries} · reconnects ${reconnects}`;
	return (
		<Row label="Errors">
			<Text wrap="truncate-end">
				{errors.length === 0 ? 'none' : `${errors.length} (newest first)`} · {counts}
			</Text>
			{newest.map((error) => (
				<Box key={`${error.at}-${error.message}`} flexDirection="column">
					<Text wrap="truncate-end" color={theme.error}>
						{symbols.fail} {formatClock(new Date(error.at), new Date(now))} {error.name}: {error.message}
					</Text>
					<Text wrap="truncate-end" color={theme.muted}>
						{'  '}→ {adviceFor(error, project)}
					</Text>
				</Box>
			))}
		</Row>
	);
}

/** The error that stopped the project, prominently, with what to do about it. */
export function FailureBox({error, project}: {readonly error: ErrorInfo; readonly project: string}) {
	return (
		<Box borderStyle="round" borderColor={theme.error} flexDirection="column" paddingX={1}>
			<Text color={theme.error} bold>
				{symbols.fail} {project} failed: {error.name}: {error.message}
			</Text>
			<Text>What to do: {adviceFor(error, project)}</Text>
		</Box>
	);
}
