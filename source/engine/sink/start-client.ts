/**
 * Starts a rocketmq-client-nodejs client (Producer or SimpleConsumer) with a time limit, retrying on a fresh client.
 *
 * Why: in rocketmq-client-nodejs 1.0.8, `startup()` sends its Settings to the proxy while fetching routes and only
 * afterwards installs the callback that the proxy's Settings reply resolves (BaseClient #startup / onSettingsCommand).
 * When the reply arrives in between, it is lost and `startup()` waits for the next sync, five minutes later.
 * Seen here as a 120 s hang on a warm local proxy. A new client gets a new telemetry stream and almost always wins.
 */
import {ConnectionError} from '../errors.js';

export type StartableClient = {
	startup(): Promise<void>;
	shutdown(): Promise<void>;
};

export type StartOptions = {
	/** Time one attempt may take. @default 10_000 */
	readonly timeoutMs?: number;
	/** Attempts before giving up. @default 3 */
	readonly attempts?: number;
	readonly signal?: AbortSignal;
	/** The proxy endpoint(s) the client talks to, named in the error when it cannot be reached. */
	readonly endpoints?: string | undefined;
};

/** Creates clients with `create` until one starts within `timeoutMs`; the losers are shut down. */
export async function startClient<T extends StartableClient>(create: () => T, options: StartOptions = {}): Promise<T> {
	const {timeoutMs = 10_000, attempts = 3, signal, endpoints} = options;
	let lastError: unknown;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		signal?.throwIfAborted();
		const client = create();
		const started = client.startup();
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		try {
			const outcome = await Promise.race([started.then(() => 'started' as const), timeout]);
			if (outcome === 'started') return client;
			lastError = new Error(`startup did not finish within ${timeoutMs} ms`);
		} catch (error) {
			lastError = error;
		} finally {
			clearTimeout(timer);
		}
		// The abandoned startup may still settle later; it must not surface as an unhandled rejection.
		started.catch(() => {});
		await client.shutdown().catch(() => {});
		// Errors that a retry cannot fix (missing topic, bad credentials) are not retried, nor an unreachable proxy:
		// the client has already tried its routes three times.
		if (!isRetriableStartError(lastError) || unreachable(lastError)) break;
	}
	const why = unreachable(lastError);
	if (why) {
		const where = endpoints ?? 'its endpoint';
		throw new ConnectionError(`could not reach the RocketMQ proxy at ${where}: ${why}`, {
			cause: lastError,
			hint: `check destination.endpoints (${where}: host:port of the gRPC proxy, 8081 by default) and that the proxy is running, listens there and is reachable from this machine`,
		});
	}
	throw new ConnectionError(`could not start the RocketMQ client: ${describe(lastError)}`, {cause: lastError});
}

/**
 * Why the proxy could not be reached, when that is why the start failed: somewhere in the cause chain, grpc-js's
 * UNAVAILABLE (code 14) or a socket error, as in "14 UNAVAILABLE: No connection established. Last error: Error:
 * connect ECONNREFUSED 127.0.0.1:8081".
 */
function unreachable(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 10; depth++) {
		const text = `${(current as {details?: unknown}).details ?? ''} ${current instanceof Error ? current.message : ''} ${(current as {code?: unknown}).code ?? ''}`;
		const reasons: Array<[RegExp, string]> = [
			[/ECONNREFUSED/, 'connection refused (nothing listens on that port)'],
			[/ENOTFOUND|EAI_AGAIN/, 'the host name does not resolve'],
			[/EHOSTUNREACH|ENETUNREACH/, 'the host is unreachable'],
			[/ETIMEDOUT|Deadline exceeded/i, 'the connection timed out'],
		];
		for (const [pattern, reason] of reasons) if (pattern.test(text)) return reason;
		if ((current as {code?: unknown}).code === 14) return 'unavailable (no connection could be established)';
		current = (current as {cause?: unknown}).cause;
	}
	return undefined;
}

function isRetriableStartError(error: unknown): boolean {
	const code = (error as {code?: unknown})?.code;
	// 40402 topic not found, 401xx/403xx auth: the same answer comes back on every attempt.
	return !(typeof code === 'number' && (code === 40402 || (code >= 40100 && code < 40400)));
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
