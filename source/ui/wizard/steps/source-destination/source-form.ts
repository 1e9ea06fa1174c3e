/**
 * The "Add data source" form of a source (OceanBase CE, MySQL, MariaDB), as plain text values: what the user typed,
 * kept in the draft while the form is away, checked through the project's `sourceSchema` before it is tested or
 * saved. Pure; no React.
 */
import {qualifiedUser} from '../../../../engine/project/connections.js';
import {type SourceSettings, sourceSchema} from '../../../../engine/project/project-schema.js';
import type {NamedSource} from '../../../../store/project-store.js';
import {parsePort} from './endpoint-text.js';

export const SOURCE_FLAVORS = ['oceanbase', 'mysql', 'mariadb'] as const;
export type SourceFlavor = (typeof SOURCE_FLAVORS)[number];

/** The port each flavour usually answers on: ODP for OceanBase CE, the server for MySQL and MariaDB. */
export const DEFAULT_PORTS: Record<SourceFlavor, string> = {oceanbase: '2883', mysql: '3306', mariadb: '3306'};

export type SourceFormValues = {
	/** The saved data source being edited (its name when opened), or null for a new one. */
	readonly editing: string | null;
	readonly name: string;
	readonly flavor: SourceFlavor;
	readonly host: string;
	readonly port: string;
	readonly user: string;
	readonly password: string;
	readonly tenant: string;
	readonly cluster: string;
	readonly obconfigUrl: string;
	readonly binlogHost: string;
	readonly binlogPort: string;
	readonly binlogUser: string;
	readonly binlogPassword: string;
	/** Kept from an edited data source (the form does not show it). */
	readonly serverId: number | null;
};

export type SourceField = Exclude<keyof SourceFormValues, 'editing' | 'serverId'>;
export type SourceFormErrors = Partial<Record<SourceField, string>>;

export function emptySourceForm(): SourceFormValues {
	return {
		editing: null,
		name: '',
		flavor: 'oceanbase',
		host: '',
		port: DEFAULT_PORTS.oceanbase,
		user: '',
		password: '',
		tenant: '',
		cluster: '',
		obconfigUrl: '',
		binlogHost: '',
		binlogPort: '',
		binlogUser: '',
		binlogPassword: '',
		serverId: null,
	};
}

/** A saved data source, opened for editing. */
export function sourceFormFrom(source: NamedSource): SourceFormValues {
	return {
		editing: source.name,
		name: source.name,
		flavor: source.flavor,
		host: source.host,
		port: String(source.port),
		user: source.user,
		password: source.password,
		tenant: source.tenant ?? '',
		cluster: source.cluster ?? '',
		obconfigUrl: source.obconfigUrl ?? '',
		binlogHost: source.binlog?.host ?? '',
		binlogPort: source.binlog?.port === undefined ? '' : String(source.binlog.port),
		binlogUser: source.binlog?.user ?? '',
		binlogPassword: source.binlog?.password ?? '',
		serverId: source.serverId ?? null,
	};
}

/** Another flavour; the port follows when it still holds the old flavour's default. */
export function withFlavor(values: SourceFormValues, flavor: SourceFlavor): SourceFormValues {
	const port = values.port.trim() === '' || values.port === DEFAULT_PORTS[values.flavor] ? DEFAULT_PORTS[flavor] : values.port;
	return {...values, flavor, port};
}

/** A data source name: the key it is saved under and picked by. */
export function dataSourceNameProblem(name: string, existing: readonly string[], editing: string | null): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'a data source name is required';
	if ([...trimmed].length > 64) return 'a data source name has at most 64 characters';
	if (!/^[\p{L}\p{N}_.-]+$/u.test(trimmed)) return 'a data source name may hold letters, digits, _, - and . only';
	if (trimmed !== editing && existing.includes(trimmed)) {
		return `a data source named "${trimmed}" already exists: pick it from the list (e edits it) or choose another name`;
	}
	return undefined;
}

const blank = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/**
 * The form checked. `settings` are there when every connection field is right (enough to test the connection; the
 * name may still be wrong); saving needs `errors` empty too.
 */
export type SourceFormCheck = {
	readonly name: string;
	readonly settings: SourceSettings | null;
	readonly errors: SourceFormErrors;
};

/** Checks the form; `existing` are the names of the saved source data sources (a new one must not take one). */
export function checkSourceForm(values: SourceFormValues, existing: readonly string[]): SourceFormCheck {
	const errors: SourceFormErrors = {};
	const nameProblem = dataSourceNameProblem(values.name, existing, values.editing);
	if (nameProblem) errors.name = nameProblem;
	const port = parsePort(values.port);
	if (port === null) errors.port = 'a port is required';
	else if ('error' in port) errors.port = port.error;
	const binlogPort = parsePort(values.binlogPort);
	if (binlogPort && 'error' in binlogPort) errors.binlogPort = binlogPort.error;
	const oceanbase = values.flavor === 'oceanbase';
	if (oceanbase && blank(values.cluster) && !blank(values.tenant) && !values.user.includes('@')) {
		errors.tenant = 'give the tenant too (the user becomes user@tenant#cluster), or write the user that way';
	}
	const binlog = {
		host: blank(values.binlogHost),
		port: binlogPort && 'port' in binlogPort ? binlogPort.port : undefined,
		user: blank(values.binlogUser),
		password: values.binlogPassword === '' ? undefined : values.binlogPassword,
	};
	const hasBinlog = Object.values(binlog).some((value) => value !== undefined);
	const candidate = {
		flavor: values.flavor,
		host: values.host.trim(),
		port: port && 'port' in port ? port.port : 0,
		user: values.user.trim(),
		password: values.password,
		...(oceanbase && blank(values.tenant) ? {tenant: blank(values.tenant)} : {}),
		...(oceanbase && blank(values.cluster) ? {cluster: blank(values.cluster)} : {}),
		...(oceanbase && blank(values.obconfigUrl) ? {obconfigUrl: blank(values.obconfigUrl)} : {}),
		...(hasBinlog ? {binlog: Object.fromEntries(Object.entries(binlog).filter(([, value]) => value !== undefined))} : {}),
		...(values.serverId === null ? {} : {serverId: values.serverId}),
	};
	const parsed = sourceSchema.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = fieldOf(issue.path);
			if (!field || errors[field]) continue;
			errors[field] =
				field === 'obconfigUrl'
					? 'obconfig_url is a URL (http://HOST:PORT/services?Action=ObRootServiceInfo&ObCluster=NAME)'
					: issue.message;
		}
	}
	const connectionErrors = Object.keys(errors).filter((field) => field !== 'name');
	return {name: values.name.trim(), settings: parsed.success && connectionErrors.length === 0 ? parsed.data : null, errors};
}

function fieldOf(path: readonly PropertyKey[]): SourceField | undefined {
	const [first, second] = path;
	if (first === 'binlog') {
		const sub = String(second ?? 'host');
		return `binlog${sub[0]!.toUpperCase()}${sub.slice(1)}` as SourceField;
	}
	if (first === 'serverId') return undefined;
	return first as SourceField;
}

/** One line about a source, for lists: `mariadb 127.0.0.1:3306 as obsync`. Never the password. */
export function describeSource(source: SourceSettings): string {
	return `${source.flavor} ${source.host}:${source.port} as ${qualifiedUser(source)}`;
}

/** Where the Binlog Service is, as the form's summary line says it. */
export function binlogSummary(values: SourceFormValues): string {
	const host = values.binlogHost.trim();
	const port = values.binlogPort.trim();
	const user = values.binlogUser.trim();
	if (!host && !port && !user && values.binlogPassword === '') return 'same as the SQL endpoint';
	return `${host || values.host.trim() || '(host)'}:${port || values.port.trim() || '(port)'} as ${user || values.user.trim() || '(user)'}${values.binlogPassword ? ', own password' : ''}`;
}

/** The Binlog Service endpoint as a source of its own (for Test Connectivity), or null when it is the SQL endpoint. */
export function binlogProbe(settings: SourceSettings): SourceSettings | null {
	const binlog = settings.binlog;
	if (!binlog || Object.values(binlog).every((value) => value === undefined)) return null;
	return {
		flavor: settings.flavor,
		host: binlog.host ?? settings.host,
		port: binlog.port ?? settings.port,
		user: binlog.user ? qualifiedUser({...settings, user: binlog.user}) : qualifiedUser(settings),
		password: binlog.password ?? settings.password,
	};
}
