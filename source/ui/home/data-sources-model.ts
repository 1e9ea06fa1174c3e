/**
 * The data sources screen's lines, without React: kind, endpoint and user of each saved source and destination.
 * Passwords and secret keys are never part of a line (not even masked: their length is nobody's business).
 */
import {type DestinationSettings, destinationAddress, destinationTransport} from '../../engine/project/project-schema.js';
import {isDestination, type NamedDestination, type NamedSource} from '../../store/project-store.js';

export type DataSourceLine = {
	readonly id: string;
	readonly kind: 'source' | 'destination';
	readonly name: string;
	/** `MariaDB`, `OceanBase CE`, `RocketMQ`… */
	readonly type: string;
	readonly endpoint: string;
	/** Who obsync connects as: a user, an access key (`key AK…`), or `no ACL`. */
	readonly user: string;
	/** The whole of it in one sentence (the list's columns truncate): `db: MariaDB at 10.0.0.5:3306, as sync`. */
	readonly summary: string;
};

const flavorNames = {oceanbase: 'OceanBase CE', mysql: 'MySQL', mariadb: 'MariaDB'} as const;

export function sourceLine(source: NamedSource): DataSourceLine {
	const tenant = [source.tenant, source.cluster].filter(Boolean).join('#');
	const user = tenant ? `${source.user} (${tenant})` : source.user;
	const endpoint = `${source.host}:${source.port}`;
	const binlog =
		source.binlog?.host || source.binlog?.port
			? `; binlog at ${source.binlog.host ?? source.host}:${source.binlog.port ?? source.port}`
			: '';
	return {
		id: `s:${source.name}`,
		kind: 'source',
		name: source.name,
		type: flavorNames[source.flavor],
		endpoint,
		user,
		summary: `${source.name}: ${flavorNames[source.flavor]} at ${endpoint}, as ${user}${binlog}`,
	};
}

export function destinationLine(destination: NamedDestination): DataSourceLine {
	const remoting = destinationTransport(destination) === 'remoting';
	const extras = [
		remoting ? 'remoting' : '',
		!remoting && destination.nameServer ? `name server ${destination.nameServer}` : '',
		destination.tls ? 'TLS' : '',
		destination.namespace ? `namespace ${destination.namespace}` : '',
	].filter(Boolean);
	const address = (remoting ? destination.nameServer : destination.endpoints) ?? '';
	const endpoint = extras.length > 0 ? `${address} (${extras.join(', ')})` : address;
	return {
		id: `d:${destination.name}`,
		kind: 'destination',
		name: destination.name,
		type: 'RocketMQ',
		endpoint,
		user: destination.accessKey ? `key ${destination.accessKey}` : 'no ACL',
		summary: `${destination.name}: RocketMQ ${remoting ? 'name server' : 'proxy'} at ${endpoint}, ${destination.accessKey ? `access key ${destination.accessKey}` : 'without ACL'}`,
	};
}

type ProjectEndpoints = {
	readonly name: string;
	readonly source: {readonly host: string; readonly port: number; readonly user: string};
	readonly destination: Pick<DestinationSettings, 'transport' | 'nameServer' | 'endpoints'>;
};

/** The saved projects that connect where the data source does (same host, port and user; same transport and address). */
export function projectsUsing(target: NamedSource | NamedDestination, projects: readonly ProjectEndpoints[]): string[] {
	return projects
		.filter((project) =>
			isDestination(target)
				? destinationAddress(project.destination) === destinationAddress(target)
				: project.source.host === target.host && project.source.port === target.port && project.source.user === target.user,
		)
		.map((project) => project.name);
}
