/**
 * What a broker's refusal of a send means for obsync: retry (ConnectionError: busy, a system error, not available
 * now) or stop and tell the user what to do (SinkError). Codes from apache/rocketmq ResponseCode.java; a 4.x broker
 * reports an ACL failure as SYSTEM_ERROR with the reason in the remark, so the remark is read too.
 */
import {type CdcError, ConnectionError, SinkError} from '../errors.js';
import {describePeer, type Peer} from './connection.js';
import type {RemotingCommand} from './frame.js';
import {ResponseCode} from './protocol.js';
import {remarkSuffix} from './responses.js';
import type {QueueRef} from './route.js';

const aclRemark = /accessKey|signature|permission|acl|authenticat|authoriz|not allowed/i;

export function refusalError(peer: Peer, queue: QueueRef, response: RemotingCommand): CdcError {
	const remark = remarkSuffix(response);
	const refused = `${describePeer(peer)} refused messages for topic ${queue.topic} (code ${response.code}${remark})`;
	switch (response.code) {
		case ResponseCode.topicNotExist:
			return new SinkError(refused, {hint: 'create the topic on that broker, or map the table to an existing topic'});
		case ResponseCode.noPermission:
			return new SinkError(refused, {
				hint: 'check the topic permission (perm 6 or 2) and, with ACL, that the AccessKey may publish to it (and to the trace topic)',
			});
		case ResponseCode.messageIllegal:
			return new SinkError(refused, {
				hint: 'a message is larger than the broker accepts (maxMessageSize, 4 MiB by default) or malformed: raise maxMessageSize, lower the batch size limit, or select fewer columns',
			});
		case ResponseCode.requestCodeNotSupported:
			return new SinkError(refused, {hint: peer.wrongServiceHint});
		case ResponseCode.systemError:
			if (aclRemark.test(response.remark ?? '')) {
				return new SinkError(refused, {hint: 'check the AccessKey/SecretKey and the ACL (plain_acl.yml) of the broker'});
			}
			return new ConnectionError(refused, {hint: 'see the broker log; obsync retries'});
		case ResponseCode.systemBusy:
		case ResponseCode.serviceNotAvailable:
			return new ConnectionError(refused, {hint: 'the broker is busy, full or shutting down; obsync retries'});
		default:
			return new SinkError(refused, {hint: 'see the broker log'});
	}
}
