/** How the dashboard writes numbers, durations, times and binlog positions: short, exact, readable without colour. */

/** A count with thousands separators: `1,234,567`. */
export function formatCount(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** A rate per second: one decimal below 100 (`0.4`, `12.5`), whole and separated above (`1,234`); `0` when idle. */
export function formatRate(value: number): string {
	if (!Number.isFinite(value) || value <= 0) return '0';
	if (value >= 100 || Number.isInteger(value)) return formatCount(value);
	return value.toFixed(1);
}

/** A duration in whole seconds: `12 s`, `2 m 05 s`, `1 h 02 m`, `3 d 04 h`. */
export function formatDuration(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	const two = (n: number) => String(n).padStart(2, '0');
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} m ${two(s % 60)} s`;
	if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} m`;
	return `${Math.floor(s / 86_400)} d ${two(Math.floor((s % 86_400) / 3600))} h`;
}

/** Replication lag: `—` before it is known, `0 s (caught up)`, else how far behind (`12 s`, `2 m 05 s`). */
export function formatLag(lagSeconds: number | null): string {
	if (lagSeconds === null) return '—';
	if (lagSeconds <= 0) return '0 s (caught up)';
	return formatDuration(lagSeconds);
}

/** How long ago: `just now`, `12 s ago`, `2 m 05 s ago`. */
export function formatAge(then: number, now: number): string {
	const seconds = Math.round((now - then) / 1000);
	return seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`;
}

/** A local time: `13:02:01` on the same day as `now`, else `2024-05-01 13:02:01`. */
export function formatClock(at: Date, now: Date): string {
	const two = (n: number) => String(n).padStart(2, '0');
	const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
	const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
	return sameDay ? time : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

/** A binlog position as `file:offset` (as `obsync binlog` and the checkpoint file write it); `—` when unknown. */
export function formatPosition(position: {readonly file: string; readonly position: number} | null | undefined): string {
	return position ? `${position.file}:${position.position}` : '—';
}
