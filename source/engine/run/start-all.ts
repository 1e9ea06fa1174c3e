/**
 * Starts the parts of a run at once: where reading starts, the check of the project against the live source and
 * destination, and the sink. Each costs round trips to a server; one after the other they added up (issue 13's
 * note has the figures). When one fails, the others are waited for and a started sink is closed, so nothing is
 * left connected. The error reported is a configuration problem when one part found one, the check's first (it
 * lists every problem and its fix); else the first failure in the order start, sink, check, as a run reported it
 * before the check existed (the start position's connection error names the server and what to do).
 */
import type {BinlogPosition} from '../binlog/transactions.js';
import {ConfigError} from '../errors.js';
import type {Logger, Sink} from '../sink/sink.js';

export type StartParts = {
	readonly start: () => Promise<BinlogPosition>;
	readonly check: () => Promise<void>;
	readonly sink: () => Promise<Sink>;
};

export async function startAll(parts: StartParts, logger: Logger): Promise<{start: BinlogPosition; sink: Sink}> {
	const began = performance.now();
	const timed = <T>(name: string, run: () => Promise<T>) =>
		run().then((value) => {
			logger.debug({ms: Math.round(performance.now() - began)}, `start: ${name} ready`);
			return value;
		});
	const [start, check, sink] = await Promise.allSettled([
		timed('position', parts.start),
		timed('checks', parts.check),
		timed('sink', parts.sink),
	]);
	if (start.status === 'fulfilled' && check.status === 'fulfilled' && sink.status === 'fulfilled') {
		logger.debug({ms: Math.round(performance.now() - began)}, 'start: all parts ready');
		return {start: start.value, sink: sink.value};
	}
	if (sink.status === 'fulfilled') await sink.value.close().catch(() => {});
	const reasons = (outcomes: ReadonlyArray<PromiseSettledResult<unknown>>): unknown[] =>
		outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
	throw reasons([check, start, sink]).find((error) => error instanceof ConfigError) ?? reasons([start, sink, check])[0];
}
