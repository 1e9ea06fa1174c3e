/** Turning a RocketMQ response into its body, or into an error that says who has to act. */
import {type CdcError, ConfigError, ConnectionError} from '../errors.js';
import {describePeer, type Peer} from './connection.js';
import type {RemotingCommand} from './frame.js';
import {parseLooseJson} from './loose-json.js';
import {ResponseCode} from './protocol.js';

/** The error for a response whose code is not SUCCESS (and not one the caller handles itself). */
export function responseError(peer: Peer, what: string, response: RemotingCommand): CdcError {
	const remark = remarkSuffix(response);
	const message = `${describePeer(peer)} refused to ${what} (code ${response.code}${remark})`;
	switch (response.code) {
		case ResponseCode.noPermission:
			return new ConfigError(message, {
				hint: 'the cluster has ACL/authentication switched on; obsync reads topics without credentials, so check the topic in the RocketMQ console or dashboard instead',
			});
		case ResponseCode.requestCodeNotSupported:
			return new ConfigError(message, {hint: peer.wrongServiceHint});
		case ResponseCode.systemBusy:
			return new ConnectionError(message, {hint: 'the server is overloaded; try again'});
		default:
			return new ConnectionError(message, {hint: 'see the server log; try again'});
	}
}

/** The body parsed as RocketMQ's JSON (bare keys allowed). Malformed JSON means something else than RocketMQ answered. */
export function jsonBody(peer: Peer, what: string, response: RemotingCommand): unknown {
	try {
		return parseLooseJson(response.body.toString('utf8'));
	} catch (error) {
		throw new ConfigError(`${describePeer(peer)} answered the request to ${what} with a body that is not JSON`, {
			cause: error,
			hint: peer.wrongServiceHint,
		});
	}
}

/** `: <first line of the remark>`, or nothing when the response has none (servers put stack traces there). */
export function remarkSuffix(response: RemotingCommand): string {
	return response.remark ? `: ${response.remark.split('\n', 1)[0]!.trim()}` : '';
}
