/**
 * Export Objects: the selection written as the objects CSV (the format Import Objects reads) to a file the user
 * names; an existing file is overwritten only after a yes.
 */
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Text} from 'ink';
import {useState} from 'react';
import type {ProjectObject} from '../../../../engine/project/project-schema.js';
import {Confirm} from '../../../components/confirm.js';
import {useKeys} from '../../../components/keys.js';
import {Screen} from '../../../components/screen.js';
import {TextField} from '../../../components/text-field.js';
import {errorText} from '../../../error-text.js';
import {theme} from '../../../theme.js';
import {serializeObjectsCsv} from './objects-csv.js';

export type ExportDialogProps = {
	readonly path: readonly string[];
	readonly objects: readonly ProjectObject[];
	readonly defaultFile: string;
	/** Told the file written. */
	readonly onExported: (file: string) => void;
	readonly onCancel: () => void;
};

export function ExportDialog(props: ExportDialogProps) {
	const [file, setFile] = useState(props.defaultFile);
	const [overwrite, setOverwrite] = useState<string | null>(null);
	const [error, setError] = useState<string | null>(null);
	const write = (target: string) => {
		try {
			writeFileSync(target, serializeObjectsCsv(props.objects), 'utf8');
			props.onExported(target);
		} catch (failure) {
			setOverwrite(null);
			const code = (failure as NodeJS.ErrnoException).code;
			const hint =
				code === 'ENOENT'
					? ' (its directory does not exist)'
					: code === 'EACCES'
						? ' (no permission to write there)'
						: code === 'EISDIR'
							? ' (a directory: add a file name)'
							: '';
			setError(`cannot write ${target}: ${errorText(failure)}${hint}`);
		}
	};
	const submit = () => {
		if (!file.trim()) return setError('type the path of the file to write');
		const target = path.resolve(file.trim());
		if (existsSync(target)) return setOverwrite(target);
		write(target);
	};
	useKeys(
		(_input, key) => {
			if (key.escape) props.onCancel();
		},
		{isActive: overwrite === null},
	);
	const count = props.objects.length;
	return (
		<Screen
			path={props.path}
			help="Writes the selection as CSV (database,table,topic,renamed database,renamed table,row filter), the format Import Objects reads. A relative path is taken from the current directory. Sharding and column choices are not part of the CSV."
			hints={
				overwrite
					? [
							{key: 'y', label: 'overwrite'},
							{key: 'n/Esc', label: 'choose another file'},
						]
					: [
							{key: 'Enter', label: 'export'},
							{key: 'Esc', label: 'cancel'},
						]
			}
			status={error ? {kind: 'error', text: error} : null}
		>
			<Text bold>
				Export the selection ({count} table{count === 1 ? '' : 's'}) as CSV
			</Text>
			<Text color={theme.muted}>Sharding and column choices are not part of the CSV; renames and row filters are.</Text>
			<TextField
				label="File"
				labelWidth={8}
				value={file}
				focus={overwrite === null}
				onChange={(value) => {
					setFile(value);
					setError(null);
				}}
				onSubmit={submit}
			/>
			{overwrite ? (
				<Confirm
					title={`${overwrite} exists`}
					message="Overwrite it with the selection?"
					onConfirm={() => write(overwrite)}
					onCancel={() => setOverwrite(null)}
				/>
			) : null}
		</Screen>
	);
}
