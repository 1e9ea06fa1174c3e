/**
 * The incremental start timestamp as the user types it (OMS: "select a point in time or enter a timestamp"): empty
 * (or `now`) for the time of the first run, `YYYY-MM-DD HH:mm:ss` in this machine's time zone, ISO 8601 with a zone,
 * or a Unix timestamp in seconds. Pure: the clock and nothing else comes in as an argument.
 */

export type StartParse =
	/** `at` (seconds) absent: start now, at the end of the binlog when the project first runs. */
	{readonly ok: true; readonly at: number | undefined} | {readonly ok: false; readonly message: string};

/** How far ahead of this clock a time may be (the engine allows the same, for clocks that differ a little). */
export const FUTURE_TOLERANCE_SECONDS = 60;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** This machine's time zone, as the field's help names it: `Asia/Shanghai (UTC+08:00)`. */
export function localZone(at: Date = new Date()): string {
	const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const offset = `UTC${utcOffset(at)}`;
	if (name === 'UTC' || name === 'Etc/UTC') return offset;
	return `${name ?? 'local time'} (${offset})`;
}

/** `+08:00` for a date in this machine's time zone. */
export function utcOffset(at: Date): string {
	const minutes = -at.getTimezoneOffset();
	const sign = minutes < 0 ? '-' : '+';
	const absolute = Math.abs(minutes);
	return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

/** `2024-05-01 10:00:00` in this machine's time zone: the form the field accepts back. */
export function formatLocal(at: number): string {
	const date = new Date(at * 1000);
	return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The instant said three ways: `2024-05-01 10:00:00 UTC+08:00 · 2024-05-01T02:00:00Z · Unix 1714528800`. */
export function describeInstant(at: number): string {
	const date = new Date(at * 1000);
	return `${formatLocal(at)} UTC${utcOffset(date)} · ${date.toISOString().replace('.000Z', 'Z')} · Unix ${at}`;
}

const examples = (now: number) => `${formatLocal(now)}, ${new Date(now * 1000).toISOString().replace('.000Z', 'Z')} or ${now}`;

/** `Z`, `+08`, `+0800` or `-05:30` in seconds east of UTC. */
function offsetSeconds(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
	return (sign === '-' ? -1 : 1) * (Number(hours) * 3600 + Number(minutes ?? 0) * 60);
}

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads what was typed. A time more than a minute ahead of `now` is refused (the binlog has nothing there yet);
 * whether a past time is still in the source's binlog is the server's to say (services.checkStart).
 */
export function parseStartTimestamp(text: string, now: number = Date.now()): StartParse {
	const input = text.trim();
	const nowSeconds = Math.floor(now / 1000);
	if (input === '' || input.toLowerCase() === 'now') return {ok: true, at: undefined};
	let at: number | undefined;
	if (/^\d+$/.test(input)) {
		if (input.length >= 13) {
			return {
				ok: false,
				message: `${input} looks like milliseconds: give a Unix timestamp in seconds (${Math.floor(Number(input) / 1000)})`,
			};
		}
		at = Number(input);
	} else {
		const zoned = ZONED.exec(input);
		const local = zoned ? null : LOCAL.exec(input);
		const parts = (zoned ?? local)?.slice(1, 7).map((part) => Number(part ?? 0));
		if (parts) {
			const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
			if (!validParts(year, month, day, hour, minute, second)) return {ok: false, message: `${input} is not a valid date and time`};
			if (zoned) at = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetSeconds(zoned[7]!);
			else {
				const date = new Date(year, month - 1, day, hour, minute, second);
				// A wall-clock time skipped by a daylight-saving change does not exist here.
				if (date.getHours() !== hour || date.getMinutes() !== minute) {
					return {ok: false, message: `${input} does not exist in ${localZone(date)} (a daylight-saving change skips it)`};
				}
				at = Math.floor(date.getTime() / 1000);
			}
		}
	}
	if (at === undefined || !Number.isFinite(at)) {
		return {
			ok: false,
			message: `"${input}" is not a time: use YYYY-MM-DD HH:mm:ss (${localZone()}), ISO 8601 or Unix seconds, e.g. ${examples(nowSeconds)}`,
		};
	}
	if (at > nowSeconds + FUTURE_TOLERANCE_SECONDS) {
		return {
			ok: false,
			message: `${describeInstant(at)} is in the future: leave the field empty to start now, or give a past time`,
		};
	}
	return {ok: true, at};
}
