/**
 * Adding (or editing) a RocketMQ 5 destination data source: the gRPC proxy endpoint(s) obsync sends through, the
 * name server it lists topics from, AccessKey/SecretKey, namespace and TLS. What is typed lives in the draft.
 * [Test Connectivity] starts a producer against the proxy and lists the topics; [Save] keeps it in the store.
 */
import {useState} from 'react';
import {Confirm} from '../../../components/confirm.js';
import {Form, type FormField} from '../../../components/form.js';
import {useKeys} from '../../../components/keys.js';
import {Screen} from '../../../components/screen.js';
import {errorText} from '../../../error-text.js';
import {useServices} from '../../../services.js';
import {checkDestinationForm, type DestinationField, type DestinationFormValues} from './destination-form.js';
import type {Status} from './source-form-screen.js';

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
	const [attempted, setAttempted] = useState(false);
	const [testing, setTesting] = useState(false);
	const [status, setStatus] = useState<Status | null>(null);
	const [testedOk, setTestedOk] = useState<string | null>(null);
	const [discarding, setDiscarding] = useState(false);
	const existing = services.store.destinations().map((destination) => destination.name);
	const check = checkDestinationForm(values, existing);
	const errors = attempted ? check.errors : {};
	const secrets = [values.secretKey];
	const change = (update: (current: DestinationFormValues) => DestinationFormValues) => {
		props.onChange(update);
		if (!testing) setStatus(null);
	};
	const set = (field: Exclude<DestinationField, 'tls'>) => (value: string) => change((current) => ({...current, [field]: value}));

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
		setStatus({kind: 'info', text: `Testing the proxy at ${settings.endpoints}…`});
		try {
			const info = await services.testDestination(settings);
			setTestedOk(JSON.stringify(settings));
			setStatus({
				kind: 'ok',
				text:
					info.topicCount === null
						? `Connected: the proxy at ${info.endpoints} answers (no name server given: Step 3 cannot list topics, only check typed names).`
						: `Connected: the proxy at ${info.endpoints} answers; the name server lists ${info.topicCount} topic${info.topicCount === 1 ? '' : 's'}.`,
			});
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
			if (values.editing && values.editing !== check.name) services.store.removeDestination(values.editing);
			services.store.saveDestination(check.name, check.settings);
		} catch (error) {
			setStatus({kind: 'error', text: `Not saved: ${errorText(error, secrets)}`});
			return;
		}
		const tested = testedOk === JSON.stringify(check.settings);
		props.onSaved(check.name, check.settings, {
			kind: 'ok',
			text: `Saved data source ${check.name} and chose it as the destination${tested ? '' : ' (not tested: Test Connectivity in its form checks it)'}.`,
		});
	};

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
		{
			kind: 'button',
			id: 'test',
			label: testing ? 'Testing…' : 'Test Connectivity',
			onPress: () => void test(),
			disabled: testing ? 'a test is running' : undefined,
			help: 'starts a producer against the proxy and lists the topics',
		},
		{kind: 'button', id: 'save', label: 'Save', onPress: save, help: 'keeps the data source on this machine and uses it here'},
		{kind: 'button', id: 'discard', label: 'Discard', onPress: () => setDiscarding(true), help: 'throws away what was typed here'},
	];
	return (
		<Screen
			path={props.path}
			hints={[
				{key: '↑↓/Tab', label: 'move'},
				{key: 'Space', label: 'toggle'},
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
				<Form fields={fields} labelWidth={20} initialFocus={props.focus} onFocus={props.onFocus} />
			)}
		</Screen>
	);
}
