/** Which error a failed start reports, and that nothing it started stays open. */
import {describe, expect, it} from 'vitest';
import {ConfigError, ConnectionError} from '../../../source/engine/errors.js';
import {startAll} from '../../../source/engine/run/start-all.js';

const quiet = {debug() {}, info() {}, warn() {}, error() {}};
const at = {file: 'bin.000001', position: 4};

describe('startAll', () => {
	it('reports the start position’s connection error over the check’s, and closes the sink it started', async () => {
		let closed = false;
		const refused = new ConnectionError('SHOW MASTER STATUS failed: Access denied', {hint: 'check the user and password'});
		const attempt = startAll(
			{
				start: async () => Promise.reject(refused),
				check: async () => Promise.reject(new Error('Access denied for user')),
				sink: async () => ({
					send: async () => ({messageId: '1'}),
					close: async () => {
						closed = true;
					},
				}),
			},
			quiet,
		);
		await expect(attempt).rejects.toBe(refused);
		expect(closed).toBe(true);
	});

	it('reports a configuration problem over a connection error, the check’s first', async () => {
		const problem = new ConfigError('project p cannot start: topic t is NORMAL, not FIFO');
		const attempt = startAll(
			{
				start: async () => Promise.reject(new ConnectionError('refused')),
				check: async () => Promise.reject(problem),
				sink: async () => Promise.reject(new ConfigError('the topic t is not FIFO')),
			},
			quiet,
		);
		await expect(attempt).rejects.toBe(problem);
	});

	it('gives the start position and the sink when every part starts', async () => {
		const sink = {send: async () => ({messageId: '1'}), close: async () => {}};
		await expect(startAll({start: async () => at, check: async () => {}, sink: async () => sink}, quiet)).resolves.toEqual({
			start: at,
			sink,
		});
	});
});
