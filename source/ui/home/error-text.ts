/** An error as one line for a status bar: its message, then what to do about it when the error says. */
import {errorInfo} from '../../engine/engine-events.js';

export function errorText(error: unknown, secrets: readonly string[] = []): string {
	const info = errorInfo(error);
	const text = info.hint ? `${info.message} — ${info.hint}` : info.message;
	return secrets.filter((secret) => secret.length > 0).reduce((out, secret) => out.split(secret).join('******'), text);
}
