/**
 * Settings of one selected table: a row filter (a WHERE condition), the names its messages carry, the sharding
 * columns (default: the primary key, else a unique key on NOT NULL columns) and the columns sent (none or all: all).
 * OK asks the engine to compile the table's plan against its current schema and shows the engine's reason if not.
 */
import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import type {TableSchema} from '../../../../engine/schema/table-schema.js';
import {useKeys} from '../../../components/keys.js';
import {List} from '../../../components/list.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {errorText} from '../../../error-text.js';
import {theme} from '../../../theme.js';
import {applySettings, defaultSharding, type SettingsField, type SettingsInput, settingsOf} from './object-check.js';
import {displayName} from './selection.js';

export type SettingsDialogProps = {
	readonly path: readonly string[];
	readonly object: ProjectObject;
	readonly describeTable: (database: string, table: string) => Promise<TableSchema>;
	readonly onSave: (object: ProjectObject, schema: TableSchema) => void;
	/** Esc: told what was entered and not saved, so the next opening shows it again (nothing typed is lost). */
	readonly onCancel: (unsaved: SettingsInput | null) => void;
	/** What was entered the last time the dialog was closed with Esc. */
	readonly unsaved?: SettingsInput | undefined;
	/** Rows of each column list. */
	readonly height: number;
	readonly width: number;
};

const sections = ['where', 'renameDatabase', 'renameTable', 'shardingColumns', 'columns', 'ok'] as const;
type Section = (typeof sections)[number];

const help = [
	'Row filter: a SQL condition as after WHERE (MySQL syntax; quote reserved words with backticks); only rows for which',
	'it is TRUE are sent. Send database/table as: the names the messages carry (empty: the source names).',
	'Sharding columns: rows with equal values keep their order (one FIFO message group); the default is the primary key,',
	'else a unique key on NOT NULL columns. A table with neither needs them chosen. Columns: none or all checked sends',
	'all columns; sharding columns must be among those sent. Tab moves between parts, Space checks, a checks all/none.',
].join('\n');

export function SettingsDialog({path, object, describeTable, onSave, onCancel, unsaved, height, width}: SettingsDialogProps) {
	const [schema, setSchema] = useState<TableSchema | {error: string} | null>(null);
	const [attempt, setAttempt] = useState(0);
	const [input, setInput] = useState<SettingsInput | null>(unsaved ?? null);
	const [focus, setFocus] = useState<Section>('where');
	const [error, setError] = useState<{field: SettingsField; message: string} | null>(null);
	// biome-ignore lint/correctness/useExhaustiveDependencies: reads the schema once per attempt (r retries).
	useEffect(() => {
		let alive = true;
		setSchema(null);
		describeTable(object.database, object.table).then(
			(loaded) => {
				if (!alive) return;
				setSchema(loaded);
				setInput((current) => current ?? settingsOf(object, loaded));
			},
			(failure: unknown) => alive && setSchema({error: errorText(failure)}),
		);
		return () => {
			alive = false;
		};
	}, [attempt]);
	const loaded = schema && !('error' in schema) ? schema : null;
	const move = (by: number) => setFocus((current) => sections[(sections.indexOf(current) + by + sections.length) % sections.length]!);
	const save = () => {
		if (!loaded || !input) return;
		const result = applySettings(object, input, loaded);
		if (result.ok) return onSave(result.object, loaded);
		setError({field: result.field, message: result.message});
		setFocus(result.field);
	};
	const change = (patch: Partial<SettingsInput>) => {
		setInput((current) => (current ? {...current, ...patch} : current));
		setError(null);
	};
	const toggle = (field: 'shardingColumns' | 'columns', name: string) => {
		if (!input) return;
		const list = input[field];
		change({[field]: list.includes(name) ? list.filter((item) => item !== name) : [...list, name]});
	};
	useKeys((typed, key) => {
		if (key.escape) return onCancel(input);
		if (!loaded) {
			if (typed === 'r' && schema && 'error' in schema) setAttempt((n) => n + 1);
			return;
		}
		if (key.tab) return move(key.shift ? -1 : 1);
		const inList = focus === 'shardingColumns' || focus === 'columns';
		if (!inList && key.upArrow) return move(-1);
		if (!inList && key.downArrow) return move(1);
		if (key.return) return focus === 'ok' ? save() : move(1);
		if (inList && typed === 'a' && input) {
			const all = loaded.columns.map((column) => column.name);
			change({[focus]: input[focus].length === all.length ? [] : all});
		}
	});
	const title = `Settings of ${displayName(object)} → ${object.topic}`;
	const hints = loaded
		? [
				{key: 'Tab/↑↓', label: 'move'},
				{key: 'Space', label: 'check'},
				{key: 'a', label: 'all/none'},
				{key: 'Enter', label: focus === 'ok' ? 'save' : 'next'},
				{key: 'Esc', label: 'cancel'},
			]
		: [...(schema && 'error' in schema ? [{key: 'r', label: 'retry'}] : []), {key: 'Esc', label: 'close'}];
	if (!loaded || !input) {
		return (
			<Screen path={path} help={help} hints={hints}>
				<Text bold>{title}</Text>
				{schema && 'error' in schema ? (
					<Text color={theme.error}>
						✘ the columns of {displayName(object)} cannot be read: {schema.error}
					</Text>
				) : (
					<Text color={theme.muted}>Reading the columns of {displayName(object)}…</Text>
				)}
			</Screen>
		);
	}
	const fallback = defaultSharding(loaded);
	const pane = Math.floor((width - 2) / 2);
	const columnItems = loaded.columns.map((column) => ({
		id: column.name,
		label: column.name,
		detail: `${column.dataType}${loaded.primaryKey.includes(column.name) ? ' PK' : ''}`,
	}));
	const heading = (section: Section, text: string) => (
		<Text bold={focus === section} color={focus === section ? theme.focus : undefined} wrap="truncate-end">
			{focus === section ? '› ' : '  '}
			{text}
		</Text>
	);
	return (
		<Screen path={path} help={help} hints={hints} status={error && error.field !== 'where' ? {kind: 'error', text: error.message} : null}>
			<Text bold wrap="truncate-end">
				{title}
			</Text>
			<TextField
				label="Row filter (WHERE)"
				value={input.where}
				onChange={(where) => change({where})}
				focus={focus === 'where'}
				placeholder="none: every row is sent"
				help="e.g. status = 'paid' AND amount > 100"
				error={error?.field === 'where' ? error.message : undefined}
			/>
			<TextField
				label="Send database as"
				value={input.renameDatabase}
				onChange={(renameDatabase) => change({renameDatabase})}
				focus={focus === 'renameDatabase'}
				placeholder={`${object.database} (the source's name)`}
			/>
			<TextField
				label="Send table as"
				value={input.renameTable}
				onChange={(renameTable) => change({renameTable})}
				focus={focus === 'renameTable'}
				placeholder={`${object.table} (the source's name)`}
			/>
			<Box marginTop={1}>
				<Box width={pane} flexDirection="column">
					{heading('shardingColumns', fallback ? `Sharding (default: ${fallback.from})` : 'Sharding (no key: choose some)')}
					<List
						items={columnItems}
						checked={new Set(input.shardingColumns)}
						onToggle={(item) => toggle('shardingColumns', item.id)}
						isActive={focus === 'shardingColumns'}
						height={height}
					/>
				</Box>
				<Box width={pane} flexDirection="column" marginLeft={2}>
					{heading(
						'columns',
						`Columns (${input.columns.length === 0 ? `none checked = all ${loaded.columns.length}` : `${input.columns.length} of ${loaded.columns.length} sent`})`,
					)}
					<List
						items={columnItems}
						checked={new Set(input.columns)}
						onToggle={(item) => toggle('columns', item.id)}
						isActive={focus === 'columns'}
						height={height}
					/>
				</Box>
			</Box>
			<Text bold={focus === 'ok'} inverse={focus === 'ok'} color={focus === 'ok' ? theme.focus : undefined}>
				{focus === 'ok' ? '› ' : '  '}[ OK ]
			</Text>
		</Screen>
	);
}
