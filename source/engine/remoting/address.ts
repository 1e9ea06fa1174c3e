/** Name server addresses as RocketMQ writes them: `host:port`, several separated by `;` (namesrvAddr). */
import {ConfigError} from '../errors.js';
import {defaultNameServerPort} from './protocol.js';

export type HostPort = {readonly host: string; readonly port: number};

const addressHint = 'write the name server as host:port, for example 127.0.0.1:9876; separate several with ";"';

/** Parses `host:port[;host:port...]` (also `,`-separated); a missing port means 9876. */
export function parseNameServerAddresses(text: string): HostPort[] {
	const parts = text
		.split(/[;,]/)
		.map((part) => part.trim())
		.filter(Boolean);
	if (parts.length === 0) throw new ConfigError('no RocketMQ name server address given', {hint: addressHint});
	return parts.map((part) => parseHostPort(part, defaultNameServerPort));
}

/** Parses `host:port`, `[v6]:port` or a bare host (then `defaultPort`). */
export function parseHostPort(text: string, defaultPort?: number): HostPort {
	const match = /^(?:\[([^\]]+)\]|([^:/\s]+))(?::(\d{1,5}))?$/.exec(text.trim());
	const host = match?.[1] ?? match?.[2];
	const port = match?.[3] === undefined ? defaultPort : Number(match[3]);
	if (!match || host === undefined || port === undefined || port < 1 || port > 65535) {
		throw new ConfigError(`"${text}" is not a RocketMQ address (host:port)`, {hint: addressHint});
	}
	return {host, port};
}

export function formatHostPort({host, port}: HostPort): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
