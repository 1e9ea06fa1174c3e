/**
 * The change stream obsync consumes: a replication connection, transaction assembly, and reconnection. When the
 * connection drops (server restart, network), it waits with backoff and reads again from the last committed
 * position, so nothing is lost; a transaction that was being streamed is announced as restarting, and its rows come
 * again (at-least-once).
 */
import {isRetriable, waitBackoff} from '../retry.js';
import {type BinlogStart, type BinlogStreamOptions, streamBinlog} from './binlog-stream.js';
import {type AssemblerOptions, type BinlogPosition, type SourceItem, TransactionAssembler} from './transactions.js';

export type SourceOptions = Omit<BinlogStreamOptions, 'start'> &
	AssemblerOptions & {
		readonly start: BinlogStart;
		/** Reconnect attempts in a row before giving up (-1: forever). @default -1 */
		readonly maxRetries?: number;
		readonly backoff?: {initialMs: number; maxMs: number};
		/** Told about each reconnection, for logs and metrics. */
		readonly onReconnect?: (info: {attempt: number; error: unknown; resumeFrom: BinlogStart}) => void;
	};

export type SourceOutput = SourceItem | {readonly kind: 'restart'; readonly resumeFrom: BinlogStart};

export async function* readChanges(options: SourceOptions): AsyncGenerator<SourceOutput> {
	let start: BinlogStart = options.start;
	let attempt = 0;
	for (;;) {
		const assembler = new TransactionAssembler(options);
		let inTransaction = false;
		try {
			for await (const {file, event} of streamBinlog({...options, start})) {
				for (const item of assembler.push(file, event)) {
					if (item.kind === 'begin') inTransaction = true;
					if (item.kind === 'commit' || item.kind === 'rollback' || item.kind === 'ddl') {
						inTransaction = false;
						start = resumePoint(item.resume);
					}
					// Between transactions, a heartbeat or an unused event also moves the resume point.
					if (item.kind === 'progress' && !inTransaction && item.at.position > 0) start = resumePoint(item.at);
					attempt = 0;
					yield item;
				}
			}
			return;
		} catch (error) {
			if (options.signal?.aborted) return;
			attempt += 1;
			if (!isRetriable(error) || (options.maxRetries !== undefined && options.maxRetries >= 0 && attempt > options.maxRetries)) throw error;
			options.onReconnect?.({attempt, error, resumeFrom: start});
			if (inTransaction) yield {kind: 'restart', resumeFrom: start};
			try {
				await waitBackoff(attempt, options.backoff ?? {initialMs: 500, maxMs: 30_000}, options.signal);
			} catch {
				return; // aborted while waiting
			}
		}
	}
}

function resumePoint(position: BinlogPosition): BinlogStart {
	return {file: position.file, position: position.position};
}
