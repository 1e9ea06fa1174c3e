/**
 * The "Add data source" form of a RocketMQ destination, as plain values: what the user typed, kept in the draft
 * while the form is away, checked through the project's `destinationSchema` before it is tested or saved. Pure.
 */
import {
	type DestinationSettings,
	destinationSchema,
	destinationTransport,
	type Transport,
} from '../../../../engine/project/project-schema.js';
import type {NamedDestination} from '../../../../store/project-store.js';
import {isEndpointList} from './endpoint-text.js';
import {dataSourceNameProblem} from './source-form.js';

export type DestinationFormValues = {
	/** The saved data source being edited (its name when opened), or null for a new one. */
	readonly editing: string | null;
	readonly name: string;
	readonly transport: Transport;
	readonly endpoints: string;
	readonly nameServer: string;
	readonly accessKey: string;
	readonly secretKey: string;
	readonly namespace: string;
	readonly tls: boolean;
};

export type DestinationField = Exclude<keyof DestinationFormValues, 'editing'>;
export type DestinationTextField = Exclude<DestinationField, 'tls' | 'transport'>;
export type DestinationFormErrors = Partial<Record<DestinationField, string>>;

export function emptyDestinationForm(): DestinationFormValues {
	return {
		editing: null,
		name: '',
		transport: 'remoting',
		endpoints: '',
		nameServer: '',
		accessKey: '',
		secretKey: '',
		namespace: '',
		tls: false,
	};
}

export function destinationFormFrom(destination: NamedDestination): DestinationFormValues {
	return {
		editing: destination.name,
		name: destination.name,
		transport: destinationTransport(destination),
		endpoints: destination.endpoints ?? '',
		nameServer: destination.nameServer ?? '',
		accessKey: destination.accessKey ?? '',
		secretKey: destination.secretKey ?? '',
		namespace: destination.namespace,
		tls: destination.tls,
	};
}

/**
 * The form checked. `settings` are there when every connection field is right (enough to test; the name may still
 * be wrong); saving needs `errors` empty too.
 */
export type DestinationFormCheck = {
	readonly name: string;
	readonly settings: DestinationSettings | null;
	readonly errors: DestinationFormErrors;
};

/** Checks the form; `existing` are the names of the saved destination data sources. */
export function checkDestinationForm(values: DestinationFormValues, existing: readonly string[]): DestinationFormCheck {
	const errors: DestinationFormErrors = {};
	const nameProblem = dataSourceNameProblem(values.name, existing, values.editing);
	if (nameProblem) errors.name = nameProblem;
	const endpoints = values.endpoints.trim();
	if (endpoints !== '' && !isEndpointList(endpoints)) {
		errors.endpoints = 'the proxy endpoint is host:port, port 1-65535 (several: host1:port;host2:port)';
	}
	if (values.transport === 'grpc' && endpoints === '')
		errors.endpoints = 'the gRPC transport needs the proxy endpoint (host:port, usually 8081)';
	const nameServer = values.nameServer.trim();
	if (nameServer !== '' && !isEndpointList(nameServer)) errors.nameServer = 'the name server is host:port, port 1-65535 (usually 9876)';
	if (values.transport === 'remoting' && nameServer === '')
		errors.nameServer = 'the remoting transport needs the name server (host:port, usually 9876)';
	const accessKey = values.accessKey.trim();
	if (accessKey && values.secretKey === '') errors.secretKey = 'give the SecretKey that goes with the AccessKey (or clear both)';
	if (!accessKey && values.secretKey !== '') errors.accessKey = 'give the AccessKey that goes with the SecretKey (or clear both)';
	const parsed = destinationSchema.safeParse({
		transport: values.transport,
		...(endpoints ? {endpoints} : {}),
		...(nameServer ? {nameServer} : {}),
		...(accessKey ? {accessKey} : {}),
		...(values.secretKey ? {secretKey: values.secretKey} : {}),
		namespace: values.namespace.trim(),
		tls: values.tls,
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = issue.path[0] as DestinationField | undefined;
			if (field && !errors[field]) errors[field] = issue.message;
		}
	}
	const connectionErrors = Object.keys(errors).filter((field) => field !== 'name');
	return {name: values.name.trim(), settings: parsed.success && connectionErrors.length === 0 ? parsed.data : null, errors};
}

/** One line about a destination, for lists. Never the SecretKey. */
export function describeDestination(destination: DestinationSettings): string {
	const remoting = destinationTransport(destination) === 'remoting';
	return [
		remoting ? `remoting, name server ${destination.nameServer}` : `proxy ${destination.endpoints}`,
		remoting ? undefined : destination.nameServer ? `name server ${destination.nameServer}` : 'no name server',
		destination.namespace ? `namespace ${destination.namespace}` : undefined,
		destination.accessKey ? `AccessKey ${destination.accessKey}` : undefined,
		destination.tls ? 'TLS' : undefined,
	]
		.filter(Boolean)
		.join(', ');
}
