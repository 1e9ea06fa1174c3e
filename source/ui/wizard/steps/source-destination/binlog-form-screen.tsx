/**
 * The Binlog Service endpoint of a source and its credentials (OMS: More About Data Sources). Each field left blank
 * is the SQL endpoint's: obbinlog behind ODP answers on the same host and port as SQL, as the same user.
 */
import {Box, Text} from 'ink';
import {Form, type FormField} from '../../../components/form.js';
import {useKeys} from '../../../components/keys.js';
import {Screen} from '../../../components/screen.js';
import {theme} from '../../../theme.js';
import {checkSourceForm, type SourceField, type SourceFormValues} from './source-form.js';

export type BinlogFormScreenProps = {
	readonly path: readonly string[];
	readonly values: SourceFormValues;
	readonly existing: readonly string[];
	readonly onChange: (change: (values: SourceFormValues) => SourceFormValues) => void;
	readonly onDone: () => void;
};

const help = [
	'Where obsync reads the binlog. OceanBase CE: the Binlog Service (obbinlog), usually reached through ODP on the',
	'SQL endpoint, so every field can stay blank. MySQL/MariaDB: the server itself (or a replica that keeps binlogs).',
	'Each blank field takes the SQL endpoint’s value; the user needs REPLICATION SLAVE and REPLICATION CLIENT.',
].join('\n');

export function BinlogFormScreen({path, values, existing, onChange, onDone}: BinlogFormScreenProps) {
	const errors = checkSourceForm(values, existing).errors;
	const set = (field: SourceField) => (value: string) => onChange((current) => ({...current, [field]: value}));
	const same = (what: string) => (what.trim() ? `same as SQL: ${what.trim()}` : 'same as the SQL endpoint');
	useKeys((_input, key) => {
		if (key.escape) onDone();
	});
	const fields: FormField[] = [
		{
			kind: 'text',
			id: 'binlogHost',
			label: 'Binlog host',
			value: values.binlogHost,
			onChange: set('binlogHost'),
			placeholder: same(values.host),
		},
		{
			kind: 'text',
			id: 'binlogPort',
			label: 'Binlog port',
			value: values.binlogPort,
			onChange: set('binlogPort'),
			placeholder: same(values.port),
			error: values.binlogPort.trim() ? errors.binlogPort : undefined,
		},
		{
			kind: 'text',
			id: 'binlogUser',
			label: 'Binlog user',
			value: values.binlogUser,
			onChange: set('binlogUser'),
			placeholder: same(values.user),
		},
		{
			kind: 'text',
			id: 'binlogPassword',
			label: 'Binlog password',
			value: values.binlogPassword,
			onChange: set('binlogPassword'),
			secret: true,
			placeholder: 'same as the SQL password',
		},
		{
			kind: 'button',
			id: 'done',
			label: 'Done',
			onPress: onDone,
			help: 'back to the data source (Test Connectivity checks this endpoint too)',
		},
	];
	return (
		<Screen
			path={path}
			hints={[
				{key: '↑↓/Tab', label: 'move'},
				{key: 'Enter', label: 'next field / done'},
				{key: 'Esc', label: 'back (input kept)'},
			]}
			help={help}
		>
			<Box flexDirection="column">
				<Text color={theme.muted}>Binlog Service endpoint: leave a field blank to use the SQL endpoint’s value.</Text>
				<Form fields={fields} labelWidth={20} />
			</Box>
		</Screen>
	);
}
