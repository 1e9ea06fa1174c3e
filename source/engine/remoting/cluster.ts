/**
 * The brokers a name server knows (GET_BROKER_CLUSTER_INFO), and whether this host reaches their masters: what Test
 * Connectivity of a remoting destination checks besides the name server itself, since a producer talks to the
 * brokers at the addresses they registered (brokerIP1), which a name server can list and this host still not reach.
 */

import {type OpenOptions, RemotingConnection} from './connection.js';
import {brokerPeer, openNameServer} from './peers.js';
import {RequestCode, ResponseCode} from './protocol.js';
import {jsonBody, responseError} from './responses.js';

export type BrokerMaster = {readonly brokerName: string; readonly address: string};

/** The master of every broker group the name server lists, sorted by name. */
export async function brokerMasters(nameServer: string, options: OpenOptions): Promise<BrokerMaster[]> {
	const connection = await openNameServer(nameServer, options);
	try {
		const response = await connection.request(RequestCode.getBrokerClusterInfo, {}, options);
		if (response.code !== ResponseCode.success) throw responseError(connection.peer, 'list its brokers', response);
		const body = jsonBody(connection.peer, 'list its brokers', response) as {
			brokerAddrTable?: Record<string, {brokerAddrs?: Record<string, string>}>;
		};
		const masters: BrokerMaster[] = [];
		for (const [brokerName, data] of Object.entries(body.brokerAddrTable ?? {})) {
			const address = data.brokerAddrs?.['0'];
			if (typeof address === 'string' && address) masters.push({brokerName, address});
		}
		return masters.sort((a, b) => (a.brokerName < b.brokerName ? -1 : 1));
	} finally {
		connection.close();
	}
}

/** Opens (and closes) a connection to each master; fails with the first that cannot be reached. */
export async function reachBrokers(masters: readonly BrokerMaster[], options: OpenOptions): Promise<void> {
	await Promise.all(
		masters.map(async ({brokerName, address}) => {
			const connection = await RemotingConnection.open(brokerPeer(brokerName, address), options);
			connection.close();
		}),
	);
}
