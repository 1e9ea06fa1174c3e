/**
 * Adding (or editing) a RocketMQ 5 destination data source: the gRPC proxy endpoint(s) obsync sends through, the
 * name server it lists topics from, AccessKey/SecretKey, namespace and TLS. What is typed lives in the draft.
 * [Test Connectivity] starts a producer against the proxy and lists the topics; [Save] keeps it in the store.
 */
import type {DestinationSettings} from '../../../../engine/project/project-schema.js';
import type {FormField} from '../../../components/form.js';
import {useServices} from '../../../services.js';
import {DataSourceFormView, type Status, useDataSourceForm} from './data-source-form.js';
import {checkDestinationForm, type DestinationField, type DestinationFormValues} from './destination-form.js';

export type DestinationFormScreenProps = {
	readonly path: readonly string[];
	readonly values: DestinationFormValues;
	readonly onChange: (change: (values: DestinationFormValues) => DestinationFormValues) => void;
	readonly onSaved: (name: string, settings: NonNullable<ReturnType<typeof checkDestinationForm>['settings']>, status: Status) => void;
	readonly onBack: () => void;
	readonly onDiscard: () => void;
	readonly focus: string;
	readonly onFocus: (id: string) => void;
};

const help = [
	'A destination data source: the RocketMQ 5 instance rows are sent to.',
	'Proxy endpoint: the gRPC proxy (default port 8081); several as host1:port;host2:port.',
	'Name server: host:9876, used to list topics and their message type in Step 3 (optional: without it, Step 3',
	'checks typed topic names through the proxy). AccessKey and SecretKey: both or neither (ACL).',
	`Namespace: the instance namespace, when it has one. The SecretKey is never shown; \${ENV_VAR} reads it at run time.`,
].join('\n');

export function DestinationFormScreen(props: DestinationFormScreenProps) {
	const services = useServices();
	const {values} = props;
	const existing = services.store.destinations().map((destination) => destination.name);
	const form = useDataSourceForm<DestinationFormValues, DestinationSettings>({
		role: 'destination',
		check: checkDestinationForm(values, existing),
		secrets: [values.secretKey],
		onChange: props.onChange,
		onBack: props.onBack,
		testing: (settings) => `Testing the proxy at ${settings.endpoints}…`,
		test: async (settings) => {
			const info = await services.testDestination(settings);
			return {
				ok: true,
				text:
					info.topicCount === null
						? `Connected: the proxy at ${info.endpoints} answers (no name server given: Step 3 cannot list topics, only check typed names).`
						: `Connected: the proxy at ${info.endpoints} answers; the name server lists ${info.topicCount} topic${info.topicCount === 1 ? '' : 's'}.`,
			};
		},
		save: (name, settings) => {
			if (values.editing && values.editing !== name) services.store.removeDestination(values.editing);
			services.store.saveDestination(name, settings);
		},
		onSaved: props.onSaved,
		testHelp: 'starts a producer against the proxy and lists the topics',
	});
	const {errors, change} = form;
	const set = (field: Exclude<DestinationField, 'tls'>) => (value: string) => change((current) => ({...current, [field]: value}));

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
			kind: 'text',
			id: 'endpoints',
			label: 'Proxy endpoint',
			value: values.endpoints,
			onChange: set('endpoints'),
			error: errors.endpoints,
			placeholder: 'host:8081',
			help: 'the gRPC proxy, host:port; several: host1:port;host2:port',
		},
		{
			kind: 'text',
			id: 'nameServer',
			label: 'Name server',
			value: values.nameServer,
			onChange: set('nameServer'),
			error: errors.nameServer,
			placeholder: 'host:9876 (to list topics)',
			help: 'lists the topics and their type in Step 3; optional',
		},
		{
			kind: 'text',
			id: 'accessKey',
			label: 'AccessKey',
			value: values.accessKey,
			onChange: set('accessKey'),
			error: errors.accessKey,
			help: 'with ACL on; blank when the instance has none',
		},
		{
			kind: 'text',
			id: 'secretKey',
			label: 'SecretKey',
			value: values.secretKey,
			onChange: set('secretKey'),
			secret: true,
			error: errors.secretKey,
			help: `never shown; or \${ENV_VAR} to read it from the environment at run time`,
		},
		{
			kind: 'text',
			id: 'namespace',
			label: 'Namespace',
			value: values.namespace,
			onChange: set('namespace'),
			error: errors.namespace,
			help: 'the instance namespace; blank for none',
		},
		{
			kind: 'toggle',
			id: 'tls',
			label: 'TLS',
			value: values.tls,
			onChange: (tls) => change((current) => ({...current, tls})),
			help: 'Space: the proxy speaks TLS',
		},
	];
	return (
		<DataSourceFormView
			path={props.path}
			help={help}
			fieldHint={{key: 'Space', label: 'toggle'}}
			form={form}
			fields={fields}
			editing={values.editing}
			focus={props.focus}
			onFocus={props.onFocus}
			onDiscard={props.onDiscard}
		/>
	);
}
