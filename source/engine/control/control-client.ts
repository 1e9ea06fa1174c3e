/**
 * The client side of the control protocol (protocol.ts): one request to a running project's socket, its reply, and
 * the server's hello (who answered). Used by `obsync status`, `stop`, `pause` and `resume`.
 */
import {connect} from 'node:net';
import {ConnectionError} from '../errors.js';
import {type ControlOp, type Hello, type Reply, serverLineReader} from './protocol.js';

export type ControlAnswer = {hello: Hello; reply: Reply};

/**
 * Sends `op` and resolves with the reply. `stop` waits for the run to drain and save its checkpoint, so it gets no
 * time limit by default; the others answer at once.
 */
export function controlRequest(
	file: string,
	op: Exclude<ControlOp, 'events'>,
	timeoutMs = op === 'stop' ? 0 : 5000,
): Promise<ControlAnswer> {
	return new Promise((resolve, reject) => {
		const socket = connect(file);
		let hello: Hello | undefined;
		const fail = (error: Error) => {
			socket.destroy();
			reject(error);
		};
		if (timeoutMs > 0) {
			socket.setTimeout(timeoutMs, () => fail(new ConnectionError(`the run behind ${file} did not answer "${op}" within ${timeoutMs} ms`)));
		}
		socket.on('error', (error: NodeJS.ErrnoException) => fail(describeConnectError(file, error)));
		socket.on('close', () => fail(new ConnectionError(`the run behind ${file} closed the connection before answering "${op}"`)));
		socket.on(
			'data',
			serverLineReader(
				file,
				(line) => {
					if (line.type === 'hello') {
						hello = line;
						socket.write(`${JSON.stringify({op})}\n`);
					} else if (line.type === 'reply' && hello) {
						socket.removeAllListeners('close');
						socket.end();
						resolve({hello, reply: line});
					}
				},
				fail,
			),
		);
	});
}

function describeConnectError(file: string, error: NodeJS.ErrnoException): Error {
	if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
		return new ConnectionError(`nothing answers on ${file}: the run has stopped, or was started by an obsync without a control socket`);
	}
	if (error.code === 'EACCES') return new ConnectionError(`${file}: permission denied (the run belongs to another user)`);
	return new ConnectionError(`${file}: ${error.message}`);
}
