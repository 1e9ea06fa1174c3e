import {describe, expect, it} from 'vitest';
import {
	describeInstant,
	FUTURE_TOLERANCE_SECONDS,
	formatLocal,
	localZone,
	parseStartTimestamp,
} from '../../../source/ui/wizard/steps/options/start-timestamp.js';

// A fixed clock: 2024-06-01T12:00:00Z.
const now = Date.UTC(2024, 5, 1, 12, 0, 0);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe('Step 4: parsing the start timestamp', () => {
	it('reads an empty field (or "now") as starting now', () => {
		expect(parseStartTimestamp('', now)).toEqual({ok: true, at: undefined});
		expect(parseStartTimestamp('   ', now)).toEqual({ok: true, at: undefined});
		expect(parseStartTimestamp('NOW', now)).toEqual({ok: true, at: undefined});
	});

	it('reads YYYY-MM-DD HH:mm:ss in the local time zone', () => {
		expect(parseStartTimestamp('2024-05-01 10:20:30', now)).toEqual({ok: true, at: seconds(new Date(2024, 4, 1, 10, 20, 30))});
		expect(parseStartTimestamp('2024-05-01 10:20', now)).toEqual({ok: true, at: seconds(new Date(2024, 4, 1, 10, 20, 0))});
		expect(parseStartTimestamp('2024-05-01', now)).toEqual({ok: true, at: seconds(new Date(2024, 4, 1))});
		expect(parseStartTimestamp('2024-05-01T10:20:30', now)).toEqual({ok: true, at: seconds(new Date(2024, 4, 1, 10, 20, 30))});
	});

	it('reads ISO 8601 with a zone, whatever the local zone', () => {
		expect(parseStartTimestamp('2024-05-01T02:00:00Z', now)).toEqual({ok: true, at: 1_714_528_800});
		expect(parseStartTimestamp('2024-05-01T10:00:00+08:00', now)).toEqual({ok: true, at: 1_714_528_800});
		expect(parseStartTimestamp('2024-05-01T10:00:00+0800', now)).toEqual({ok: true, at: 1_714_528_800});
		expect(parseStartTimestamp('2024-04-30T21:00:00.750-05:00', now)).toEqual({ok: true, at: 1_714_528_800});
		expect(parseStartTimestamp('2024-05-01 02:00:00 Z', now)).toEqual({ok: true, at: 1_714_528_800});
	});

	it('reads a Unix timestamp in seconds', () => {
		expect(parseStartTimestamp('1714528800', now)).toEqual({ok: true, at: 1_714_528_800});
		expect(parseStartTimestamp(' 0 ', now)).toEqual({ok: true, at: 0});
	});

	it('refuses milliseconds and says the value in seconds', () => {
		const result = parseStartTimestamp('1714528800000', now);
		expect(result).toEqual({ok: false, message: expect.stringContaining('looks like milliseconds')});
		expect(result.ok === false && result.message).toContain('(1714528800)');
	});

	it('refuses text that is not a time and shows the accepted forms with examples', () => {
		const result = parseStartTimestamp('yesterday', now);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.message).toContain('"yesterday" is not a time');
		expect(result.message).toContain('YYYY-MM-DD HH:mm:ss');
		expect(result.message).toContain('ISO 8601');
		expect(result.message).toContain(String(now / 1000));
		expect(result.message).toContain(localZone());
	});

	it('refuses dates and times that do not exist', () => {
		for (const text of ['2024-02-30 00:00:00', '2023-02-29', '2024-13-01 00:00:00', '2024-05-01 24:00:00', '2024-05-01 10:60:00']) {
			expect(parseStartTimestamp(text, now)).toEqual({ok: false, message: `${text} is not a valid date and time`});
		}
		expect(parseStartTimestamp('2024-02-29', now).ok).toBe(true);
	});

	it('refuses a time more than a minute in the future, and names it', () => {
		const ahead = now / 1000 + FUTURE_TOLERANCE_SECONDS + 1;
		const result = parseStartTimestamp(String(ahead), now);
		expect(result).toEqual({ok: false, message: expect.stringContaining('is in the future')});
		expect(result.ok === false && result.message).toContain(`Unix ${ahead}`);
		expect(parseStartTimestamp(String(now / 1000 + FUTURE_TOLERANCE_SECONDS), now)).toEqual({
			ok: true,
			at: now / 1000 + FUTURE_TOLERANCE_SECONDS,
		});
	});

	it('formats an instant back in the form the field reads', () => {
		const at = seconds(new Date(2024, 4, 1, 9, 5, 7));
		expect(formatLocal(at)).toBe('2024-05-01 09:05:07');
		expect(parseStartTimestamp(formatLocal(at), now)).toEqual({ok: true, at});
		expect(describeInstant(1_714_528_800)).toContain('2024-05-01T02:00:00Z');
		expect(describeInstant(1_714_528_800)).toContain('Unix 1714528800');
		expect(describeInstant(1_714_528_800)).toMatch(/UTC[+-]\d{2}:\d{2}/);
	});
});
