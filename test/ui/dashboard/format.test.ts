import {describe, expect, it} from 'vitest';
import {
	formatAge,
	formatClock,
	formatCount,
	formatDuration,
	formatLag,
	formatPosition,
	formatRate,
} from '../../../source/ui/dashboard/format.js';

describe('dashboard formatting', () => {
	it('writes counts with thousands separators', () => {
		expect(formatCount(0)).toBe('0');
		expect(formatCount(999)).toBe('999');
		expect(formatCount(1234)).toBe('1,234');
		expect(formatCount(1_234_567)).toBe('1,234,567');
	});

	it('writes rates with one decimal below 100 and whole above, 0 when idle', () => {
		expect(formatRate(0)).toBe('0');
		expect(formatRate(-1)).toBe('0');
		expect(formatRate(Number.NaN)).toBe('0');
		expect(formatRate(0.4)).toBe('0.4');
		expect(formatRate(12.46)).toBe('12.5');
		expect(formatRate(12)).toBe('12');
		expect(formatRate(1234.4)).toBe('1,234');
	});

	it('writes durations in the largest two units', () => {
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(59.4)).toBe('59 s');
		expect(formatDuration(125)).toBe('2 m 05 s');
		expect(formatDuration(3600 + 120)).toBe('1 h 02 m');
		expect(formatDuration(3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 04 h');
	});

	it('writes lag as unknown, caught up, or how far behind', () => {
		expect(formatLag(null)).toBe('—');
		expect(formatLag(0)).toBe('0 s (caught up)');
		expect(formatLag(12)).toBe('12 s');
		expect(formatLag(125)).toBe('2 m 05 s');
	});

	it('writes ages relative to now', () => {
		expect(formatAge(10_000, 10_400)).toBe('just now');
		expect(formatAge(10_000, 22_000)).toBe('12 s ago');
		expect(formatAge(0, 3_720_000)).toBe('1 h 02 m ago');
	});

	it('writes the time alone on the same day, with the date on another', () => {
		const now = new Date(2024, 4, 1, 18, 0, 0);
		expect(formatClock(new Date(2024, 4, 1, 9, 5, 7), now)).toBe('09:05:07');
		expect(formatClock(new Date(2024, 3, 30, 23, 59, 59), now)).toBe('2024-04-30 23:59:59');
	});

	it('writes binlog positions as file:offset, — when unknown', () => {
		expect(formatPosition({file: 'mysql-bin.000012', position: 4567})).toBe('mysql-bin.000012:4567');
		expect(formatPosition(null)).toBe('—');
	});
});
