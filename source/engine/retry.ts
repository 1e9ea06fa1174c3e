/** Which failures are worth retrying, decided in one place by walking the cause chain, and the backoff between tries. */
import {setTimeout as sleep} from 'node:timers/promises';
import {CdcError, ConnectionError} from './errors.js';
import {isFatalServerError} from './server-errors.js';

const transientCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'PROTOCOL_CONNECTION_LOST',
	'ER_SERVER_SHUTDOWN',
]);

/**
 * Whether a retry may fix it: a ConnectionError or a transient socket error is retried; any other obsync error is
 * not, nor is a server error that a retry cannot fix wherever it sits in the chain (a wrong password, a missing
 * privilege, MySQL error 1236 "impossible position"), even wrapped in a ConnectionError.
 */
export function isRetriable(error: unknown): boolean {
	if (isFatalServerError(error)) return false;
	for (let current = error, depth = 0; current && depth < 10; depth++) {
		if (current instanceof ConnectionError) return true;
		if (current instanceof CdcError) return false;
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && transientCodes.has(code)) return true;
		current = (current as {cause?: unknown}).cause;
	}
	return false;
}

export type Backoff = {readonly initialMs: number; readonly maxMs: number};

/** Exponential backoff with full jitter: attempt 1 waits up to initialMs, doubling up to maxMs. */
export function backoffDelay(attempt: number, {initialMs, maxMs}: Backoff): number {
	const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export async function waitBackoff(attempt: number, backoff: Backoff, signal?: AbortSignal): Promise<void> {
	await sleep(backoffDelay(attempt, backoff), undefined, {signal});
}
