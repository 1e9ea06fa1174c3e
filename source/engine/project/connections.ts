/** How a project's settings become connections: the SQL endpoint (schemas, prechecks) and the binlog endpoint. */
import {crc32} from '../binlog/checksum.js';
import type {ServerOptions} from '../binlog/start-position.js';
import type {Project, SourceSettings} from './project-schema.js';

export type SqlEndpoint = {readonly host: string; readonly port: number; readonly user: string; readonly password: string};

/** OceanBase through ODP: `user@tenant#cluster`, unless the user is already written that way. */
export function qualifiedUser(source: Pick<SourceSettings, 'user' | 'tenant' | 'cluster'>): string {
	if (!source.tenant || source.user.includes('@')) return source.user;
	return `${source.user}@${source.tenant}${source.cluster ? `#${source.cluster}` : ''}`;
}

export function sqlEndpoint(source: SourceSettings): SqlEndpoint {
	return {host: source.host, port: source.port, user: qualifiedUser(source), password: source.password};
}

/** The Binlog Service endpoint: each field the project leaves out is the SQL endpoint's. */
export function binlogEndpoint(source: SourceSettings): SqlEndpoint {
	const sql = sqlEndpoint(source);
	const binlog = source.binlog ?? {};
	return {
		host: binlog.host ?? sql.host,
		port: binlog.port ?? sql.port,
		user: binlog.user ? qualifiedUser({...source, user: binlog.user}) : sql.user,
		password: binlog.password ?? sql.password,
	};
}

/** A server id of the project's own, stable across runs: 1,000,000 and up, clear of the ids people give servers. */
export function defaultServerId(projectName: string): number {
	return 1_000_000 + (crc32(Buffer.from(projectName, 'utf8')) % 1_000_000_000);
}

export function replicationOptions(project: Project): ServerOptions {
	return {...binlogEndpoint(project.source), serverId: project.source.serverId ?? defaultServerId(project.name)};
}
