/** How commands print errors: the message, then what to do; and which exit code each kind of error means. */
import {CdcError, ConfigError} from '../engine/errors.js';

/** Exit codes shared by the commands (README: Exit codes). */
export const EXIT = {ok: 0, failed: 1, usage: 2, config: 3, interrupted: 130} as const;

export function describeError(error: unknown): string {
	if (error instanceof CdcError) return error.hint ? `${error.message}\n  hint: ${error.hint}` : error.message;
	return error instanceof Error ? error.message : String(error);
}

export function exitCodeOf(error: unknown): number {
	return error instanceof ConfigError || (error as {name?: string})?.name === 'ConfigError' ? EXIT.config : EXIT.failed;
}
