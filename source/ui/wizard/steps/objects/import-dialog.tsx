/**
 * Import Objects: CSV typed or pasted into a text area (or loaded from a file), validated against the source's
 * tables and the destination's topics with every problem on its line, and only when every line is valid, after a
 * last yes, put in place of the selection.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Box, Text} from 'ink';
import {useState} from 'react';
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import {ConfigError} from '../../../../engine/errors.js';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {TableSchema} from '../../../../engine/schema/table-schema.js';
import {Confirm} from '../../../components/confirm.js';
import {useKeys} from '../../../components/keys.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {errorText} from '../../../error-text.js';
import {theme} from '../../../theme.js';
import {CsvEditor} from './csv-editor.js';
import {type ImportResult, tablesWithRowFilters, topicsNamed, validateImport} from './import-objects.js';
import {CSV_HEADER} from './objects-csv.js';
import {groupByTopic, objectId} from './selection.js';
import {bufferText, type TextBuffer, textBuffer} from './text-buffer.js';
import type {Loadable} from './use-objects-catalog.js';

export type ImportDialogProps = {
	readonly path: readonly string[];
	readonly tables: Loadable<CatalogTable[]>;
	readonly topics: Loadable<TopicInfo[]>;
	readonly checkTopic: (name: string) => Promise<TopicInfo>;
	readonly describeTable: (database: string, table: string) => Promise<TableSchema>;
	/** Tables selected now (the import replaces them). */
	readonly selected: number;
	/** The file Ctrl+O offers first. */
	readonly defaultFile: string;
	readonly onImport: (objects: ProjectObject[]) => void;
	readonly onCancel: () => void;
	/** The text left in the box when the dialog was last closed (Esc loses nothing); told of every change. */
	readonly text?: string;
	readonly onTextChange?: (text: string) => void;
	readonly height: number;
	readonly width: number;
};

type Phase = 'edit' | 'validating' | 'open' | 'valid';

const help = [
	'One table a line: database,table,topic, optionally followed by the renamed database, the renamed table and a row',
	'filter (a WHERE condition without WHERE). A header line is optional; blank lines and lines starting with # are',
	'skipped. Put a field that holds commas in double quotes, and double a quote inside it: "a = 1, b = ""x""".',
	'Ctrl+D validates every line; when all are valid, y replaces the selection. Ctrl+O loads a file (an exported one).',
].join('\n');

const errorRows = 5;

export function ImportDialog(props: ImportDialogProps) {
	const [buffer, setBufferState] = useState<TextBuffer>(() => textBuffer(props.text ?? `${CSV_HEADER}\n\n`));
	const setBuffer = (next: TextBuffer) => {
		setBufferState(next);
		props.onTextChange?.(bufferText(next));
	};
	const [phase, setPhase] = useState<Phase>('edit');
	const [result, setResult] = useState<ImportResult | null>(null);
	const [status, setStatus] = useState<{kind: 'info' | 'ok' | 'error'; text: string} | null>(null);
	const [file, setFile] = useState(props.defaultFile);

	const validate = async () => {
		if (props.tables.state !== 'ready') {
			setStatus({
				kind: 'error',
				text:
					props.tables.state === 'loading'
						? "the source's tables are still being listed: validate again in a moment"
						: `the source's tables cannot be listed (${props.tables.error}), so nothing can be validated`,
			});
			return;
		}
		const text = bufferText(buffer);
		setPhase('validating');
		setStatus({kind: 'info', text: 'Validating: checking the tables, the topics and the row filters…'});
		const listed = props.topics.state === 'ready' ? props.topics.value : [];
		const found: TopicInfo[] = [];
		const topicErrors = new Map<string, string>();
		for (const name of topicsNamed(text).filter((name) => !listed.some((topic) => topic.name === name))) {
			try {
				found.push(await props.checkTopic(name));
			} catch (error) {
				if (!(error instanceof ConfigError)) topicErrors.set(name, errorText(error));
			}
		}
		const catalog = new Map(props.tables.value.map((table) => [objectId(table.database, table.table), table]));
		const schemas = new Map<string, TableSchema>();
		for (const table of tablesWithRowFilters(text)) {
			const id = objectId(table.database, table.table);
			if (schemas.has(id) || !catalog.has(id) || catalog.get(id)!.disabledReason) continue;
			try {
				schemas.set(id, await props.describeTable(table.database, table.table));
			} catch {
				// Not readable now: the filter is checked for syntax only.
			}
		}
		const validated = validateImport(text, {tables: props.tables.value, topics: [...listed, ...found], schemas, topicErrors});
		setResult(validated);
		if (validated.errors.length > 0) {
			const lines = new Set(validated.errors.map((error) => error.line)).size;
			setStatus({
				kind: 'error',
				text: `${lines} line${lines === 1 ? ' has' : 's have'} problems, nothing was imported: fix ${lines === 1 ? 'it' : 'them'} and press Ctrl+D again`,
			});
			setPhase('edit');
		} else {
			setStatus(null);
			setPhase('valid');
		}
	};

	const open = () => {
		const resolved = path.resolve(file.trim());
		try {
			const content = readFileSync(resolved, 'utf8');
			const loaded = textBuffer(content);
			setBuffer(loaded);
			setResult(null);
			setStatus({kind: 'ok', text: `Loaded ${loaded.lines.length} lines from ${resolved}: press Ctrl+D to validate them`});
			setPhase('edit');
		} catch (error) {
			setStatus({kind: 'error', text: `cannot read ${resolved}: ${errorText(error)}`});
		}
	};

	useKeys(
		(input, key) => {
			if (phase === 'open') {
				if (key.escape) {
					setStatus(null);
					setPhase('edit');
				}
				return;
			}
			if (key.escape) return props.onCancel();
			if (key.ctrl && input === 'd') return void validate();
			if (key.ctrl && input === 'o') {
				setStatus(null);
				setPhase('open');
			}
		},
		{isActive: phase === 'edit' || phase === 'open'},
	);

	const errorLines = new Set(result?.errors.map((error) => error.line));
	const errors = result?.errors ?? [];
	// The problems from the cursor's line on, each in full, as many as fit in a few rows.
	const atCursor = errors.findIndex((error) => error.line >= buffer.row + 1);
	const visible: typeof errors = [];
	let used = 0;
	for (const error of [...errors.slice(atCursor < 0 ? 0 : atCursor), ...errors.slice(0, atCursor < 0 ? 0 : atCursor)]) {
		const rows = Math.ceil(`line ${error.line}: ${error.message}`.length / Math.max(20, props.width - 1));
		if (used + rows > errorRows && visible.length > 0) break;
		visible.push(error);
		used += rows;
	}
	const imported = result && result.errors.length === 0 ? result.objects : [];
	const topicCount = groupByTopic(imported).length;
	const hints =
		phase === 'open'
			? [
					{key: 'Enter', label: 'load the file'},
					{key: 'Esc', label: 'back to the text'},
				]
			: phase === 'valid'
				? [
						{key: 'y', label: 'replace the selection'},
						{key: 'n/Esc', label: 'keep editing'},
					]
				: [
						{key: 'Ctrl+D', label: 'validate'},
						{key: 'Ctrl+O', label: 'load a file'},
						{key: 'Enter', label: 'new line'},
						{key: 'Esc', label: 'cancel'},
					];
	return (
		<Screen path={props.path} help={help} hints={hints} status={status}>
			<Text bold>Import objects (this replaces the current selection)</Text>
			<Text color={theme.muted} wrap="truncate-end">
				Columns: database,table,topic[,renamed database,renamed table,row filter]
			</Text>
			<Text color={theme.muted} wrap="truncate-end">
				A line per table · header optional · "quote fields, with commas" · # comments
			</Text>
			<CsvEditor
				buffer={buffer}
				onChange={(changed) => {
					setBuffer(changed);
					if (status?.kind !== 'error') setStatus(null);
				}}
				height={props.height}
				width={props.width - 8}
				isActive={phase === 'edit'}
				errorLines={errorLines}
			/>
			{phase === 'edit' && visible.length > 0 ? (
				<Box flexDirection="column">
					{visible.map((error) => (
						<Text key={`${error.line}-${error.message}`} color={theme.error} wrap="wrap">
							line {error.line}: {error.message}
						</Text>
					))}
					{errors.length > visible.length ? (
						<Text color={theme.muted}>{errors.length} problems in all: the list starts at the cursor's line (move to see the others)</Text>
					) : null}
				</Box>
			) : null}
			{phase === 'open' ? (
				<TextField
					label="Load file"
					labelWidth={12}
					value={file}
					onChange={setFile}
					onSubmit={open}
					focus
					help="The CSV file to load into the text (relative to the current directory)"
				/>
			) : null}
			{phase === 'valid' ? (
				<Confirm
					title={`All ${imported.length} line${imported.length === 1 ? ' is' : 's are'} valid: import ${imported.length} table${imported.length === 1 ? '' : 's'} into ${topicCount} topic${topicCount === 1 ? '' : 's'}?`}
					message={
						props.selected > 0
							? `The current selection (${props.selected} table${props.selected === 1 ? '' : 's'}, with their settings) will be replaced.`
							: 'They become the selection.'
					}
					onConfirm={() => props.onImport(imported)}
					onCancel={() => setPhase('edit')}
				/>
			) : null}
		</Screen>
	);
}
