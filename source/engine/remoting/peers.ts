/** The name servers and brokers the admin client talks to, with what to tell the user when they cannot be reached. */
import {ConnectionError} from '../errors.js';
import {formatHostPort, type HostPort, parseHostPort, parseNameServerAddresses} from './address.js';
import {type CallOptions, type OpenOptions, type Peer, RemotingConnection} from './connection.js';

export function nameServerPeer(address: HostPort): Peer {
	return {
		role: 'name server',
		address,
		unreachableHint: `check the name server address ${formatHostPort(address)} (host:port of mqnamesrv, port 9876 by default) and that the name server is running and reachable from this machine`,
		wrongServiceHint:
			"give the name server's remoting address (port 9876 by default), not a broker, the proxy (gRPC 8081, remoting 8080) or another service",
	};
}

export function brokerPeer(brokerName: string, address: string): Peer {
	return {
		role: `broker ${brokerName}`,
		address: parseHostPort(address),
		unreachableHint: `the name server gives ${address} as the address of broker ${brokerName} (brokerIP1 and listenPort in its broker.conf); it must be reachable from this machine`,
		wrongServiceHint: `brokerIP1 and listenPort of broker ${brokerName} must be its remoting address`,
	};
}

/** Connects to the first name server of `nameServer` (`host:port[;host:port...]`) that answers. */
export async function openNameServer(nameServer: string, options: OpenOptions): Promise<RemotingConnection> {
	const addresses = parseNameServerAddresses(nameServer);
	const failures: Error[] = [];
	for (const address of addresses) {
		try {
			return await RemotingConnection.open(nameServerPeer(address), options);
		} catch (error) {
			if (options.signal?.aborted) throw error;
			failures.push(error as Error);
		}
	}
	if (failures.length === 1) throw failures[0];
	throw new ConnectionError(`could not connect to any RocketMQ name server: ${failures.map((error) => error.message).join('; ')}`, {
		cause: failures[0],
		hint: `check the name server addresses (${addresses.map(formatHostPort).join(';')}) and that at least one name server is running and reachable from this machine`,
	});
}

/** Broker connections opened on demand and shared, closed together. */
export class BrokerConnections {
	readonly #connections = new Map<string, Promise<RemotingConnection>>();

	get(peer: Peer, options: CallOptions): Promise<RemotingConnection> {
		const key = formatHostPort(peer.address);
		let connection = this.#connections.get(key);
		if (!connection) {
			connection = RemotingConnection.open(peer, options);
			// A failed attempt is not cached: the next topic may try again.
			connection.catch(() => this.#connections.delete(key));
			this.#connections.set(key, connection);
		}
		return connection;
	}

	closeAll(): void {
		for (const connection of this.#connections.values()) connection.then((open) => open.close()).catch(() => {});
		this.#connections.clear();
	}
}
