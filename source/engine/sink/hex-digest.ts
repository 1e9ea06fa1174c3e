/**
 * sha256 of a text as hex, through Node's one-shot `crypto.hash` where it exists (Node 20.12+): it costs less than
 * createHash().update().digest() per row (two digests a row: the event id and the message group). Older Node 20
 * releases take the long way; the digest is the same.
 */
import crypto from 'node:crypto';

export const sha256Hex: (text: string) => string =
	typeof crypto.hash === 'function'
		? (text) => crypto.hash('sha256', text, 'hex')
		: (text) => crypto.createHash('sha256').update(text).digest('hex');
