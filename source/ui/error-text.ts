/**
 * An error as every screen says it: the message, then in parentheses the engine's `hint` when it has one (what to
 * do, or what there is to choose from), with the secrets it may echo masked.
 */
import {errorInfo} from '../engine/engine-events.js';
import {scrubSecrets} from '../engine/project/secrets.js';

export function errorText(error: unknown, secrets: readonly (string | undefined)[] = []): string {
	const {name, message, hint} = errorInfo(error);
	const said = message || name;
	return scrubSecrets(hint ? `${said} (${hint})` : said, secrets);
}
