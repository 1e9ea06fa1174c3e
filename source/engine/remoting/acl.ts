/**
 * Request signing for RocketMQ ACL, as the Java client's AclClientRPCHook does it: the request carries `AccessKey`
 * (and `SecurityToken` when there is one); the values of all header fields, sorted by field name, are concatenated,
 * the body is appended, and `Signature` is the Base64 HmacSHA1 of those bytes under the SecretKey
 * (apache/rocketmq acl/.../AclClientRPCHook.java and AclUtils.combineRequestContent/calSignature; the 5.x broker's
 * ACL 2.0 accepts the same signature from remoting clients). test/engine/remoting/acl.test.ts pins it against
 * signatures computed by the Java code.
 */
import {createHmac} from 'node:crypto';

export type Credentials = {readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string | undefined};

/** The header fields of a request signed with `credentials`: the given fields plus AccessKey, SecurityToken and Signature. */
export function signRequest(
	extFields: Readonly<Record<string, string>>,
	body: Buffer | undefined,
	credentials: Credentials,
): Record<string, string> {
	const fields: Record<string, string> = {...extFields, AccessKey: credentials.accessKey};
	if (credentials.securityToken !== undefined) fields.SecurityToken = credentials.securityToken;
	// Java's TreeMap orders String keys by UTF-16 code units, as Array.prototype.sort does.
	const names = Object.keys(fields)
		.filter((name) => name !== 'Signature')
		.sort();
	const hmac = createHmac('sha1', credentials.secretKey);
	// Java's UTF-8 encoder writes an unpaired surrogate as '?', Node's as U+FFFD: sign what the broker will compute.
	const text = names.map((name) => fields[name]).join('');
	hmac.update(text.replace(/\p{Cs}/gu, '?'), 'utf8');
	if (body && body.length > 0) hmac.update(body);
	fields.Signature = hmac.digest('base64');
	return fields;
}
