/** One TCP connection to a RocketMQ name server or broker, carrying any number of concurrent requests matched by opaque. */
import net from 'node:net';
import tls from 'node:tls';
import {type CdcError, ConfigError, ConnectionError} from '../errors.js';
import {formatHostPort, type HostPort} from './address.js';
import {encodeRequestHead, FrameReader, isResponse, type RemotingCommand} from './frame.js';

/** Who is at the other end, for messages: what it is, where, and what to check when it cannot be reached. */
export type Peer = {
	/** `name server` or `broker broker-a`. */
	readonly role: string;
	readonly address: HostPort;
	/** What to do when it cannot be reached. */
	readonly unreachableHint: string;
	/** What to do when something else than RocketMQ answers there. */
	readonly wrongServiceHint: string;
};

export type CallOptions = {readonly timeoutMs: number; readonly signal?: AbortSignal | undefined};
/** How to open a connection: plain TCP, or TLS verified against the system's CAs (as the gRPC client does). */
export type OpenOptions = CallOptions & {readonly tls?: boolean | undefined};

type Pending = {resolve: (command: RemotingCommand) => void; reject: (error: unknown) => void};

export class RemotingConnection {
	readonly peer: Peer;
	readonly #socket: net.Socket;
	readonly #reader = new FrameReader();
	readonly #pending = new Map<number, Pending>();
	#nextOpaque = 1;
	#answered = false;
	#corked = false;
	/** Why the connection is unusable, once it is. */
	#failure: Error | undefined;

	private constructor(peer: Peer, socket: net.Socket) {
		this.peer = peer;
		this.#socket = socket;
		socket.on('data', (chunk: Buffer) => this.#receive(chunk));
		socket.on('error', (error) => this.#fail(connectionLost(peer, error)));
		socket.on('close', () => this.#fail(this.#closedError()));
	}

	/** Connects; fails with ConnectionError (refused, unreachable, timed out) or ConfigError (unknown host). */
	static open(peer: Peer, {timeoutMs, signal, tls: secure}: OpenOptions): Promise<RemotingConnection> {
		signal?.throwIfAborted();
		return new Promise((resolve, reject) => {
			const {host, port} = peer.address;
			const socket = secure ? tls.connect({host, port, servername: net.isIP(host) ? undefined : host}) : net.connect({host, port});
			socket.setNoDelay(true);
			const settle = (error: unknown) => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				socket.off('error', onError);
				socket.off('connect', onConnect);
				if (error === undefined) {
					resolve(new RemotingConnection(peer, socket));
				} else {
					socket.on('error', () => {}); // a late error of the abandoned socket has no one to tell
					socket.destroy();
					reject(error);
				}
			};
			const onConnect = () => settle(undefined);
			const onError = (error: Error) => settle(connectFailed(peer, error));
			const onAbort = () => settle(signal?.reason);
			const timer = setTimeout(
				() =>
					settle(new ConnectionError(`could not connect to ${describePeer(peer)} within ${timeoutMs} ms`, {hint: peer.unreachableHint})),
				timeoutMs,
			);
			socket.once(secure ? 'secureConnect' : 'connect', onConnect);
			socket.once('error', onError);
			signal?.addEventListener('abort', onAbort, {once: true});
		});
	}

	/** False once the connection failed or was closed; a new one must be opened. */
	get usable(): boolean {
		return this.#failure === undefined;
	}

	/** Sends a request and waits for its response, whatever its code. */
	request(code: number, extFields: Record<string, string>, {timeoutMs, signal}: CallOptions, body?: Buffer): Promise<RemotingCommand> {
		signal?.throwIfAborted();
		if (this.#failure) return Promise.reject(this.#failure);
		const opaque = this.#nextOpaque++;
		return new Promise<RemotingCommand>((resolve, reject) => {
			const done = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				this.#pending.delete(opaque);
			};
			const onAbort = () => {
				done();
				reject(signal?.reason);
			};
			const timer = setTimeout(() => {
				done();
				reject(
					new ConnectionError(`${describePeer(this.peer)} did not answer request code ${code} within ${timeoutMs} ms`, {
						hint: this.peer.unreachableHint,
					}),
				);
			}, timeoutMs);
			signal?.addEventListener('abort', onAbort, {once: true});
			this.#pending.set(opaque, {
				resolve: (command) => {
					done();
					resolve(command);
				},
				reject: (error) => {
					done();
					reject(error);
				},
			});
			this.#write(encodeRequestHead({code, opaque, extFields, body}), body);
		});
	}

	/**
	 * Requests written in one tick leave in one writev: the socket is corked at the first and uncorked on the next
	 * tick. Why: the remoting sink sends a batch per queue as acks come back, often several in the same tick, and a
	 * syscall per request cost about a fifth of the sink's CPU (`writev` on top of the profile, 100,000 messages).
	 */
	#write(head: Buffer, body: Buffer | undefined): void {
		if (!this.#corked) {
			this.#corked = true;
			this.#socket.cork();
			process.nextTick(() => {
				this.#corked = false;
				this.#socket.uncork();
			});
		}
		this.#socket.write(head);
		if (body && body.length > 0) this.#socket.write(body);
	}

	close(): void {
		this.#fail(new ConnectionError(`the connection to ${describePeer(this.peer)} was closed`));
	}

	#receive(chunk: Buffer): void {
		let commands: RemotingCommand[];
		try {
			commands = this.#reader.push(chunk);
		} catch (error) {
			this.#fail(
				new ConfigError(`${describePeer(this.peer)} does not speak RocketMQ's remoting protocol (${(error as Error).message})`, {
					cause: error,
					hint: this.peer.wrongServiceHint,
				}),
			);
			return;
		}
		for (const command of commands) {
			this.#answered = true;
			if (isResponse(command)) this.#pending.get(command.opaque)?.resolve(command);
		}
	}

	/** Closed by the peer. Before any answer that mostly means another protocol listens there (gRPC, HTTP). */
	#closedError(): Error {
		if (this.#answered) return new ConnectionError(`${describePeer(this.peer)} closed the connection`, {hint: this.peer.unreachableHint});
		return new ConnectionError(`${describePeer(this.peer)} closed the connection without answering`, {
			hint: `${this.peer.wrongServiceHint}; if it is, see its log`,
		});
	}

	#fail(error: Error): void {
		this.#failure ??= error;
		this.#socket.destroy();
		for (const pending of [...this.#pending.values()]) pending.reject(this.#failure);
		this.#pending.clear();
	}
}

export function describePeer(peer: Peer): string {
	return `the RocketMQ ${peer.role} at ${formatHostPort(peer.address)}`;
}

/** OpenSSL's verdicts on a certificate (Node's error codes): the user must act, so these are not retried. */
const certificateCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function connectFailed(peer: Peer, error: NodeJS.ErrnoException): CdcError {
	const where = describePeer(peer);
	if (typeof error.code === 'string' && certificateCodes.test(error.code)) {
		return new ConfigError(`could not connect to ${where} over TLS: ${error.message}`, {
			cause: error,
			hint: "obsync checks the server's certificate against the system's CAs: add yours with NODE_EXTRA_CA_CERTS=/path/ca.pem, or switch TLS off if the server does not require it",
		});
	}
	if (error.code === 'ENOTFOUND') {
		return new ConfigError(`could not connect to ${where}: unknown host ${peer.address.host}`, {cause: error, hint: peer.unreachableHint});
	}
	const reason = error.code === 'ECONNREFUSED' ? 'connection refused' : error.message;
	return new ConnectionError(`could not connect to ${where}: ${reason}`, {cause: error, hint: peer.unreachableHint});
}

function connectionLost(peer: Peer, error: NodeJS.ErrnoException): CdcError {
	return new ConnectionError(`lost the connection to ${describePeer(peer)}: ${error.message}`, {cause: error, hint: peer.unreachableHint});
}
