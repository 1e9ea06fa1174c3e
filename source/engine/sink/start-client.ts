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
};

/** Creates clients with `create` until one starts within `timeoutMs`; the losers are shut down. */
export async function startClient<T extends StartableClient>(create: () => T, options: StartOptions = {}): Promise<T> {
	const {timeoutMs = 10_000, attempts = 3, signal} = options;
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
		// Errors that a retry cannot fix (missing topic, bad credentials) are not retried.
		if (!isRetriableStartError(lastError)) break;
	}
	throw new ConnectionError(`could not start the RocketMQ client: ${describe(lastError)}`, {cause: lastError});
}

function isRetriableStartError(error: unknown): boolean {
	const code = (error as {code?: unknown})?.code;
	// 40402 topic not found, 401xx/403xx auth: the same answer comes back on every attempt.
	return !(typeof code === 'number' && (code === 40402 || (code >= 40100 && code < 40400)));
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
