/**
 * Drives a terminal program as a person would: in a detached tmux session of a given size, with send-keys, and reads
 * the screen with capture-pane. Each session uses its own tmux server socket, so tests never touch the user's tmux.
 */
import {execFileSync} from 'node:child_process';

export type TmuxOptions = {
	readonly columns?: number;
	readonly rows?: number;
	readonly env?: Record<string, string>;
	readonly cwd?: string;
};

export class TmuxSession {
	readonly socket: string;
	private closed = false;

	private constructor(readonly name: string) {
		this.socket = `obsync-test-${process.pid}-${name}`;
	}

	/** Starts `command` (a shell command line) in a new detached session of `columns` x `rows`. */
	static start(name: string, command: string, options: TmuxOptions = {}): TmuxSession {
		const session = new TmuxSession(name);
		const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${shellQuote(value)}`);
		// `remain-on-exit` keeps the pane (and its last screen) when the program exits, so a test can read why.
		session.tmux(
			'new-session',
			'-d',
			'-s',
			name,
			'-x',
			String(options.columns ?? 80),
			'-y',
			String(options.rows ?? 24),
			...(options.cwd ? ['-c', options.cwd] : []),
			`env ${env.join(' ')} ${command}`,
		);
		session.tmux('set-option', '-t', name, 'remain-on-exit', 'on');
		return session;
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	}

	/** Sends keys in tmux's names (`Enter`, `Escape`, `Down`, `Tab`, `Space`, `C-c`, `BSpace`). */
	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', this.name, ...keys);
	}

	/** Types text literally. */
	type(text: string): void {
		this.tmux('send-keys', '-t', this.name, '-l', text);
	}

	/** The visible screen as text. */
	capture(): string {
		return this.tmux('capture-pane', '-p', '-t', this.name);
	}

	/** The visible screen with its colour and style escape sequences (capture-pane -e). */
	captureWithEscapes(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
	}

	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
	}

	/** Whether the program in the pane has exited. */
	exited(): boolean {
		return this.tmux('display-message', '-p', '-t', this.name, '#{pane_dead}').trim() === '1';
	}

	/** Waits until the screen contains `text` (or the predicate holds); fails with the screen. */
	async waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs = 20_000): Promise<string> {
		const matches = (screen: string) =>
			typeof expected === 'string' ? screen.includes(expected) : expected instanceof RegExp ? expected.test(screen) : expected(screen);
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.capture();
			if (matches(screen)) return screen;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(expected)}; the screen:\n${screen}`);
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.tmux('kill-server');
		} catch {
			// already gone
		}
	}
}

function shellQuote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
}
