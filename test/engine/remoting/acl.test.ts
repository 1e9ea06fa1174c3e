/**
 * Requests the remoting producer signs must carry exactly the fields the Java client's AclClientRPCHook adds
 * (AccessKey, SecurityToken, Signature). The expected fields come from the hook itself, applied to a RemotingCommand
 * with the same ext fields and body (test/java/RemotingVectors.java, run through test/helpers/java-tools.ts).
 */
import {describe, expect, it} from 'vitest';
import {signRequest} from '../../../source/engine/remoting/acl.js';
import {remotingVectors, type SignatureVector} from '../../helpers/java-tools.js';

const {signatures} = await remotingVectors();

function sign(vector: SignatureVector): Record<string, string> {
	const body = vector.body === null ? undefined : Buffer.from(vector.body, 'base64');
	return signRequest(vector.extFields, body, {
		accessKey: vector.accessKey,
		secretKey: vector.secretKey,
		securityToken: vector.securityToken ?? undefined,
	});
}

describe('signRequest', () => {
	it('is checked against at least 10 signatures from AclClientRPCHook, with and without a security token', () => {
		expect(signatures.length).toBeGreaterThanOrEqual(10);
		expect(signatures.some((v) => v.securityToken)).toBe(true);
		expect(signatures.some((v) => v.securityToken === null)).toBe(true);
	});

	// Among them: an empty security token (Java sends `SecurityToken: ""`) and an unpaired surrogate in a value (Java's
	// UTF-8 encoder signs it as '?', Node's would write U+FFFD).
	for (const vector of signatures) {
		it(`adds the fields AclClientRPCHook adds for "${vector.name}"`, () => {
			expect(sign(vector)).toEqual(vector.expected);
		});
	}

	it('leaves the caller’s fields untouched', () => {
		const fields = {topic: 't'};
		signRequest(fields, undefined, {accessKey: 'AK', secretKey: 'SK'});
		expect(fields).toEqual({topic: 't'});
	});
});
