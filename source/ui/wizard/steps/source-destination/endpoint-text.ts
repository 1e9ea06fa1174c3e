/** Host and port as typed in a form: parsed and checked, with messages that say what to type. Pure. */

/** A port typed as text: a number from 1 to 65535, or an error message. Blank is `null` (the caller decides). */
export function parsePort(text: string): {port: number} | {error: string} | null {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	if (!/^\d{1,5}$/.test(trimmed)) return {error: 'the port is a number from 1 to 65535'};
	const port = Number(trimmed);
	if (port < 1 || port > 65_535) return {error: 'the port is a number from 1 to 65535'};
	return {port};
}

const hostPort = /^(\[[^\]\s]+\]|[^\s:;[\]]+):(\d{1,5})$/;

/** Whether `text` is `host:port[;host:port…]` with every port from 1 to 65535. */
export function isEndpointList(text: string): boolean {
	const parts = text.split(';').map((part) => part.trim());
	return (
		parts.length > 0 &&
		parts.every((part) => {
			const match = hostPort.exec(part);
			if (!match) return false;
			const port = Number(match[2]);
			return port >= 1 && port <= 65_535;
		})
	);
}
