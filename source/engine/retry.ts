/** Which failures are worth retrying, decided in one place by walking the cause chain, and the backoff between tries. */
import {setTimeout as sleep} from 'node:timers/promises';
import {CdcError, ConnectionError} from './errors.js';

const transientCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'PROTOCOL_CONNECTION_LOST',
	'ER_SERVER_SHUTDOWN',
]);

export function isRetriable(error: unknown): boolean {
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
