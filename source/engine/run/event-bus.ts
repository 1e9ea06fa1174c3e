/**
 * The engine's voice: its state, the events it tells subscribers (dashboard, headless reporters, metrics) and the
 * last errors, with the project's literal secrets scrubbed out of every message (drivers echo what they were given).
 */
import {type EngineEvent, type EngineListener, type EngineState, type ErrorInfo, errorInfo} from '../engine-events.js';
import {scrubSecrets} from '../project/secrets.js';
import type {Logger} from '../sink/sink.js';

export class EventBus {
	private readonly listeners = new Set<EngineListener>();
	readonly errors: ErrorInfo[] = [];
	state: EngineState = 'starting';
	/** Literal secrets of the project, known once they are resolved. */
	secrets: readonly string[] = [];

	constructor(private readonly logger: Logger) {}

	subscribe(listener: EngineListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(event: EngineEvent): void {
		for (const listener of this.listeners) {
			try {
				listener(event);
			} catch (error) {
				this.logger.error({err: error}, 'an engine listener threw');
			}
		}
	}

	setState(next: EngineState): void {
		if (next === this.state) return;
		const previous = this.state;
		this.state = next;
		this.logger.info({state: next, previous}, `engine ${next}`);
		this.emit({type: 'state', state: next, previous});
	}

	/** The error as subscribers see it: secrets scrubbed. */
	info(error: unknown): ErrorInfo {
		const info = errorInfo(error);
		const clean = (text: string) => scrubSecrets(text, this.secrets);
		return {...info, message: clean(info.message), ...(info.hint ? {hint: clean(info.hint)} : {})};
	}

	/** Logs, keeps (the last 10) and tells an error. */
	recordError(error: unknown, fatal: boolean): ErrorInfo {
		const info = this.info(error);
		this.errors.push(info);
		if (this.errors.length > 10) this.errors.shift();
		this.logger[fatal ? 'error' : 'warn']({error: info}, info.message);
		this.emit({type: 'error', error: info, fatal});
		return info;
	}
}
