import {describe, expect, it} from 'vitest';
import {ConnectionError} from '../../source/engine/errors.js';
import {type StartableClient, startClient} from '../../source/engine/sink/start-client.js';

/** A client whose startup hangs, fails or succeeds as scripted (the real client is exercised in the smoke tests). */
function scripted(outcomes: Array<'hang' | 'ok' | Error>) {
	const made: Array<StartableClient & {shutDown: boolean}> = [];
	const create = () => {
		const outcome = outcomes[made.length] ?? 'ok';
		const client = {
			shutDown: false,
			startup: () => (outcome === 'hang' ? new Promise<void>(() => {}) : outcome === 'ok' ? Promise.resolve() : Promise.reject(outcome)),
			shutdown: async () => {
				client.shutDown = true;
			},
		};
		made.push(client);
		return client;
	};
	return {create, made};
}

describe('startClient', () => {
	it('replaces a client whose startup hangs with a fresh one, and shuts the stuck one down', async () => {
		const {create, made} = scripted(['hang', 'ok']);
		const client = await startClient(create, {timeoutMs: 50});
		expect(made).toHaveLength(2);
		expect(client).toBe(made[1]);
		expect(made[0]!.shutDown).toBe(true);
		expect(made[1]!.shutDown).toBe(false);
	});

	it('gives up after the last attempt with a ConnectionError that says why', async () => {
		const {create, made} = scripted(['hang', 'hang']);
		await expect(startClient(create, {timeoutMs: 20, attempts: 2})).rejects.toThrow(
			new ConnectionError('could not start the RocketMQ client: startup did not finish within 20 ms'),
		);
		expect(made).toHaveLength(2);
	});

	it('does not retry a missing topic', async () => {
		const notFound = Object.assign(new Error('No topic route info in name server for the topic: t'), {code: 40402});
		const {create, made} = scripted([notFound, 'ok']);
		await expect(startClient(create)).rejects.toThrow(/No topic route info/);
		expect(made).toHaveLength(1);
	});
});
