/**
 * Adding (or editing) a source data source: OceanBase CE through ODP, MySQL or MariaDB. What is typed lives in the
 * draft, so Esc, help or a dropped session lose nothing. [Test Connectivity] connects with the typed settings and
 * says what answered or the server's own error; [Save] keeps the data source in the store and uses it here.
 */
import type {SourceSettings} from '../../../../engine/project/project-schema.js';
import type {FormField} from '../../../components/form.js';
import {errorText} from '../../../error-text.js';
import {useServices} from '../../../services.js';
import {DataSourceFormView, type Status, useDataSourceForm} from './data-source-form.js';
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
	const existing = services.store.dataSources('source').map((source) => source.name);
	const form = useDataSourceForm<SourceFormValues, SourceSettings>({
		role: 'source',
		check: checkSourceForm(values, existing),
		secrets: [values.password, values.binlogPassword],
		onChange: props.onChange,
		onBack: props.onBack,
		testing: (settings) => `Testing the connection to ${settings.host}:${settings.port}…`,
		test: async (settings, secrets) => {
			const info = await services.testSource(settings);
			let text = `Connected: ${info.flavour} ${info.version} at ${info.endpoint}`;
			if (info.flavour !== settings.flavor) text += ` (the type says ${settings.flavor}: set it to ${info.flavour})`;
			const probe = binlogProbe(settings);
			if (probe) {
				try {
					const binlog = await services.testSource(probe);
					text += `; the Binlog Service endpoint answers at ${binlog.endpoint}`;
				} catch (error) {
					return {ok: false, text: `${text}, but the Binlog Service endpoint fails: ${errorText(error, secrets)}`};
				}
			}
			return {ok: true, text};
		},
		save: (name, settings) => {
			if (values.editing && values.editing !== name) services.store.removeDataSource('source', values.editing);
			services.store.saveDataSource('source', name, settings);
		},
		onSaved: props.onSaved,
		testHelp: 'connects with these settings and says what answered',
	});
	const {errors, change} = form;
	const set = (field: SourceField) => (value: string) => change((current) => ({...current, [field]: value}));
	const oceanbase = values.flavor === 'oceanbase';

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
	];
	return (
		<DataSourceFormView
			path={props.path}
			help={help}
			fieldHint={{key: '←→', label: 'type'}}
			form={form}
			fields={fields}
			editing={values.editing}
			focus={props.focus}
			onFocus={props.onFocus}
			onDiscard={props.onDiscard}
		/>
	);
}
