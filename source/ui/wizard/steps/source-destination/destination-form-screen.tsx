/**
 * Adding (or editing) a RocketMQ 5 destination data source: the gRPC proxy endpoint(s) obsync sends through, the
 * name server it lists topics from, AccessKey/SecretKey, namespace and TLS. What is typed lives in the draft.
 * [Test Connectivity] starts a producer against the proxy and lists the topics; [Save] keeps it in the store.
 */
import {type DestinationSettings, destinationAddress, TRANSPORTS, type Transport} from '../../../../engine/project/project-schema.js';
import type {FormField} from '../../../components/form.js';
import {destinationStatus} from '../../../destination-status.js';
import {useServices} from '../../../services.js';
import {DataSourceFormView, type Status, useDataSourceForm} from './data-source-form.js';
import {checkDestinationForm, type DestinationFormValues, type DestinationTextField} from './destination-form.js';

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
	'A destination data source: the RocketMQ instance rows are sent to (4.x or 5.x).',
	'Transport remoting: obsync talks to the name server (default port 9876) and the brokers, as the Java producer does.',
	'Transport grpc: through the 5.x gRPC proxy (default port 8081); the name server then only lists topics in Step 3',
	'(optional: without it, Step 3 checks typed topic names through the proxy). AccessKey and SecretKey: both or neither (ACL).',
	`Namespace: the instance namespace, when it has one. The SecretKey is never shown; \${ENV_VAR} reads it at run time.`,
].join('\n');

export function DestinationFormScreen(props: DestinationFormScreenProps) {
	const services = useServices();
	const {values} = props;
	const existing = services.store.dataSources('destination').map((destination) => destination.name);
	const form = useDataSourceForm<DestinationFormValues, DestinationSettings>({
		role: 'destination',
		check: checkDestinationForm(values, existing),
		secrets: [values.secretKey],
		onChange: props.onChange,
		onBack: props.onBack,
		testing: (settings) => `Testing the ${destinationAddress(settings)}…`,
		test: async (settings) => {
			return {ok: true, text: `Connected: ${destinationStatus(await services.testDestination(settings))}`};
		},
		save: (name, settings) => {
			if (values.editing && values.editing !== name) services.store.removeDataSource('destination', values.editing);
			services.store.saveDataSource('destination', name, settings);
		},
		onSaved: props.onSaved,
		testHelp:
			values.transport === 'remoting'
				? 'asks the name server for its topics and brokers, and connects to each broker'
				: 'starts a producer against the proxy and lists the topics',
	});
	const {errors, change} = form;
	const set = (field: DestinationTextField) => (value: string) => change((current) => ({...current, [field]: value}));

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
			id: 'transport',
			label: 'Transport',
			value: values.transport,
			options: TRANSPORTS,
			onChange: (transport) => change((current) => ({...current, transport: transport as Transport})),
			error: errors.transport,
			help: 'remoting: through the name server to the brokers (RocketMQ 4.x and 5.x); grpc: through the 5.x proxy',
		},
		{
			kind: 'text',
			id: 'nameServer',
			label: 'Name server',
			value: values.nameServer,
			onChange: set('nameServer'),
			error: errors.nameServer,
			placeholder: values.transport === 'remoting' ? 'host:9876' : 'host:9876 (to list topics)',
			help:
				values.transport === 'remoting'
					? 'host:port of the name server; several: host1:port;host2:port'
					: 'lists the topics and their type in Step 3; optional',
		},
		{
			kind: 'text',
			id: 'endpoints',
			label: 'Proxy endpoint',
			value: values.endpoints,
			onChange: set('endpoints'),
			error: errors.endpoints,
			placeholder: values.transport === 'grpc' ? 'host:8081' : 'not used by remoting',
			help: 'the gRPC proxy, host:port; several: host1:port;host2:port',
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
			help: values.transport === 'remoting' ? 'Space: the name server and brokers speak TLS' : 'Space: the proxy speaks TLS',
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
