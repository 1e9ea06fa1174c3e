/**
 * The control protocol of a running project: JSON Lines over a Unix domain socket beside the run lock
 * (`checkpoints/NAME.sock`, mode 0600 in the user's 0700 store folder, so only that user can connect and nothing
 * listens on the network). Version 1:
 * - on connect the server says who it is: `{"v":1,"type":"hello","project","pid","obsync"}`;
 * - the client sends one request a line: `{"op":"snapshot"|"pause"|"resume"|"stop"|"events"}`;
 * - each request gets one reply `{"v":1,"type":"reply","op","ok":true,"snapshot"}` (the engine's snapshot after the
 *   operation; for stop, once the run has drained and saved its checkpoint) or `{"v":1,"type":"reply","op","ok":false,
 *   "error"}`; `events` then streams `{"v":1,"type":"event","event"}` lines until the client leaves or the run ends.
 * A client refuses a server whose `v` it does not know, so a later version can change the lines.
 */
import {StringDecoder} from 'node:string_decoder';
import type {EngineEvent, EngineSnapshot} from '../engine-events.js';
import {ConnectionError} from '../errors.js';

export const CONTROL_VERSION = 1;

export const CONTROL_OPS = ['snapshot', 'pause', 'resume', 'stop', 'events'] as const;
export type ControlOp = (typeof CONTROL_OPS)[number];

export type Hello = {v: number; type: 'hello'; project: string; pid: number; obsync: string};
export type Reply =
	| {v: number; type: 'reply'; op: ControlOp; ok: true; snapshot: EngineSnapshot}
	| {v: number; type: 'reply'; op: string; ok: false; error: string};
export type EventLine = {v: number; type: 'event'; event: EngineEvent};
export type ServerLine = Hello | Reply | EventLine;

export function isControlOp(value: unknown): value is ControlOp {
	return typeof value === 'string' && (CONTROL_OPS as readonly string[]).includes(value);
}

/**
 * Splits a stream of chunks into lines, keeping a partial line for the next chunk. A chunk may end inside a UTF-8
 * character (a project or table name, an error quoting the server): the decoder keeps its first bytes for the next one.
 */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer | string) => void {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	return (chunk) => {
		const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) if (line.trim() !== '') onLine(line);
	};
}

/**
 * A client's reader of what the server sends: each line parsed and of this version, or `onBad` told why not (a line
 * that is not JSON, another protocol version), so that every client refuses the same things in the same words.
 */
export function serverLineReader(
	file: string,
	onLine: (line: ServerLine) => void,
	onBad: (error: ConnectionError) => void,
): (chunk: Buffer | string) => void {
	return lineSplitter((text) => {
		let line: ServerLine;
		try {
			line = JSON.parse(text) as ServerLine;
		} catch {
			return onBad(new ConnectionError(`what answers on ${file} is not an obsync run (a line that is not JSON)`));
		}
		if (line.v !== CONTROL_VERSION) {
			return onBad(
				new ConnectionError(`the run behind ${file} speaks control protocol version ${line.v}; this obsync speaks ${CONTROL_VERSION}`, {
					hint: 'use the obsync that started the run',
				}),
			);
		}
		onLine(line);
	});
}
