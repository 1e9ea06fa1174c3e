/**
 * Adding (or editing) a source data source: OceanBase CE through ODP, MySQL or MariaDB. What is typed lives in the
 * draft, so Esc, help or a dropped session lose nothing. [Test Connectivity] connects with the typed settings and
 * says what answered or the server's own error; [Save] keeps the data source in the store and uses it here.
 */
import {useState} from 'react';
import {Confirm} from '../../../components/confirm.js';
import {Form, type FormField} from '../../../components/form.js';
import {useKeys} from '../../../components/keys.js';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {errorText} from '../../../error-text.js';
import {useServices} from '../../../services.js';
import {
	binlogProbe,
	binlogSummary,
	checkSourceForm,
	SOURCE_FLAVORS,
	type SourceField,
	type SourceFlavor,
	type SourceFormValues,
	withFlavor,
} from './source-form.js';

export type Status = NonNullable<ScreenProps['status']>;

export type SourceFormScreenProps = {
	readonly path: readonly string[];
	readonly values: SourceFormValues;
	readonly onChange: (change: (values: SourceFormValues) => SourceFormValues) => void;
	/** Saved: the step selects it and goes back to its screen with this message. */
	readonly onSaved: (name: string, settings: NonNullable<ReturnType<typeof checkSourceForm>['settings']>, status: Status) => void;
	readonly onBinlog: () => void;
	/** Esc: back to the list, the input kept. */
	readonly onBack: () => void;
	readonly onDiscard: () => void;
	/** The field focused when the form opens (the one left last). */
	readonly focus: string;
	readonly onFocus: (id: string) => void;
};

const help = [
	'A source data source: where obsync reads row changes (the binlog) and table definitions (SQL).',
	'OceanBase CE: connect through ODP (default port 2883) as user@tenant#cluster, or give tenant and cluster apart;',
	'obconfig_url is the config server URL of the cluster. The Binlog Service (obbinlog) answers through ODP on the',
	'same endpoint by default; give its own host, port, user or password only where they differ.',
	'Privileges: SELECT on the databases to sync (database-level access is enough), and for MySQL/MariaDB',
	'REPLICATION SLAVE and REPLICATION CLIENT (global) to read the binlog.',
	`Passwords: type them (kept in the store, mode 0600) or write \${ENV_VAR} to read them from the environment.`,
].join('\n');

const grants: Record<SourceFlavor, string> = {
	oceanbase: 'user, or user@tenant#cluster; needs SELECT on the databases to sync (database-level access is enough)',
	mysql: 'needs SELECT on the databases to sync (database-level is enough) and REPLICATION SLAVE, REPLICATION CLIENT',
	mariadb: 'needs SELECT on the databases to sync (database-level is enough) and REPLICATION SLAVE, REPLICATION CLIENT',
};

export function SourceFormScreen(props: SourceFormScreenProps) {
	const services = useServices();
	const {values} = props;
	const [attempted, setAttempted] = useState(false);
	const [testing, setTesting] = useState(false);
	const [status, setStatus] = useState<Status | null>(null);
	const [testedOk, setTestedOk] = useState<string | null>(null);
	const [discarding, setDiscarding] = useState(false);
	const existing = services.store.sources().map((source) => source.name);
	const check = checkSourceForm(values, existing);
	const errors = attempted ? check.errors : {};
	const secrets = [values.password, values.binlogPassword];
	/** A change makes the last test's result stale. */
	const change = (update: (current: SourceFormValues) => SourceFormValues) => {
		props.onChange(update);
		if (!testing) setStatus(null);
	};
	const set = (field: SourceField) => (value: string) => change((current) => ({...current, [field]: value}));
	const oceanbase = values.flavor === 'oceanbase';

	useKeys(
		(_input, key) => {
			if (key.escape) props.onBack();
		},
		{isActive: !discarding},
	);

	const test = async () => {
		if (!check.settings) {
			setAttempted(true);
			setStatus({kind: 'error', text: 'Cannot test yet: fix the fields marked ✘ first.'});
			return;
		}
		const settings = check.settings;
		setTesting(true);
		setStatus({kind: 'info', text: `Testing the connection to ${settings.host}:${settings.port}…`});
		try {
			const info = await services.testSource(settings);
			let text = `Connected: ${info.flavour} ${info.version} at ${info.endpoint}`;
			if (info.flavour !== settings.flavor) text += ` (the type says ${settings.flavor}: set it to ${info.flavour})`;
			const probe = binlogProbe(settings);
			if (probe) {
				try {
					const binlog = await services.testSource(probe);
					text += `; the Binlog Service endpoint answers at ${binlog.endpoint}`;
				} catch (error) {
					setStatus({kind: 'error', text: `${text}, but the Binlog Service endpoint fails: ${errorText(error, secrets)}`});
					return;
				}
			}
			setTestedOk(JSON.stringify(settings));
			setStatus({kind: 'ok', text});
		} catch (error) {
			setTestedOk(null);
			setStatus({kind: 'error', text: `Connection failed: ${errorText(error, secrets)}`});
		} finally {
			setTesting(false);
		}
	};

	const save = () => {
		const problems = Object.keys(check.errors).length;
		if (problems > 0 || !check.settings) {
			setAttempted(true);
			setStatus({kind: 'error', text: `Not saved: ${problems === 1 ? 'one field needs' : `${problems} fields need`} fixing (marked ✘).`});
			return;
		}
		try {
			if (values.editing && values.editing !== check.name) services.store.removeSource(values.editing);
			services.store.saveSource(check.name, check.settings);
		} catch (error) {
			setStatus({kind: 'error', text: `Not saved: ${errorText(error, secrets)}`});
			return;
		}
		const tested = testedOk === JSON.stringify(check.settings);
		props.onSaved(check.name, check.settings, {
			kind: 'ok',
			text: `Saved data source ${check.name} and chose it as the source${tested ? '' : ' (not tested: Test Connectivity in its form checks it)'}.`,
		});
	};

	const binlogError = errors.binlogPort ?? errors.binlogHost ?? errors.binlogUser ?? errors.binlogPassword;
	const fields: FormField[] = [
		{
			kind: 'text',
			id: 'name',
			label: 'Data source name',
			value: values.name,
			onChange: set('name'),
			error: errors.name,
			help: 'projects pick it by this name (letters, digits, _, - and .)',
		},
		{
			kind: 'choice',
			id: 'flavor',
			label: 'Type',
			value: values.flavor,
			options: SOURCE_FLAVORS,
			onChange: (flavor) => change((current) => withFlavor(current, flavor as SourceFlavor)),
			help: '←/→: oceanbase (CE, MySQL mode, through ODP), mysql or mariadb',
		},
		{
			kind: 'text',
			id: 'host',
			label: 'Host',
			value: values.host,
			onChange: set('host'),
			error: errors.host,
			help: oceanbase ? 'the ODP (obproxy) address' : 'the server address',
		},
		{
			kind: 'text',
			id: 'port',
			label: 'Port',
			value: values.port,
			onChange: set('port'),
			error: errors.port,
			help: 'ODP: 2883; MySQL/MariaDB: 3306',
		},
		{kind: 'text', id: 'user', label: 'User', value: values.user, onChange: set('user'), error: errors.user, help: grants[values.flavor]},
		{
			kind: 'text',
			id: 'password',
			label: 'Password',
			value: values.password,
			onChange: set('password'),
			secret: true,
			error: errors.password,
			help: `never shown; or \${ENV_VAR} to read it from the environment at run time`,
		},
		...(oceanbase
			? ([
					{
						kind: 'text',
						id: 'tenant',
						label: 'Tenant',
						value: values.tenant,
						onChange: set('tenant'),
						error: errors.tenant,
						help: 'blank when the user is written user@tenant#cluster',
					},
					{
						kind: 'text',
						id: 'cluster',
						label: 'Cluster',
						value: values.cluster,
						onChange: set('cluster'),
						error: errors.cluster,
						help: 'the cluster name ODP routes to',
					},
					{
						kind: 'text',
						id: 'obconfigUrl',
						label: 'obconfig_url',
						value: values.obconfigUrl,
						onChange: set('obconfigUrl'),
						error: errors.obconfigUrl,
						help: 'the config server URL of the cluster (OMS asks it for incremental sync)',
					},
				] satisfies FormField[])
			: []),
		{
			kind: 'button',
			id: 'binlog',
			label: `Binlog Service: ${binlogSummary(values)}`,
			onPress: props.onBinlog,
			error: binlogError ? `Binlog Service: ${binlogError}` : undefined,
			help: 'Enter: its own endpoint and credentials; each blank field is the SQL endpoint’s',
		},
		{
			kind: 'button',
			id: 'test',
			label: testing ? 'Testing…' : 'Test Connectivity',
			onPress: () => void test(),
			disabled: testing ? 'a test is running' : undefined,
			help: 'connects with these settings and says what answered',
		},
		{kind: 'button', id: 'save', label: 'Save', onPress: save, help: 'keeps the data source on this machine and uses it here'},
		{kind: 'button', id: 'discard', label: 'Discard', onPress: () => setDiscarding(true), help: 'throws away what was typed here'},
	];
	return (
		<Screen
			path={props.path}
			hints={[
				{key: '↑↓/Tab', label: 'move'},
				{key: '←→', label: 'type'},
				{key: 'Enter', label: 'next / press'},
				{key: 'Esc', label: 'back (input kept)'},
			]}
			help={help}
			status={discarding ? null : status}
		>
			{discarding ? (
				<Confirm
					title="Discard this data source?"
					message={
						values.editing
							? `Your changes to ${values.editing} are thrown away; the saved data source stays as it was.`
							: 'What you typed in this form is thrown away; nothing was saved.'
					}
					onConfirm={props.onDiscard}
					onCancel={() => setDiscarding(false)}
				/>
			) : (
				<Form fields={fields} labelWidth={20} initialFocus={props.focus} onFocus={props.onFocus} isActive={!discarding} />
			)}
		</Screen>
	);
}
