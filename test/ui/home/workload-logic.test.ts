import {describe, expect, it} from 'vitest';
import {changeStatement, pickChange, TARGET_ROWS} from '../../../source/playground/workload.js';

describe('the playground workload (choices)', () => {
	it('inserts into a near-empty table', () => {
		for (const random of [0, 0.5, 0.99]) expect(pickChange(0, random)).toBe('insert');
	});

	it('mixes inserts, updates and deletes around the target size, and mostly deletes above twice the target', () => {
		const mix = (rows: number) => new Set(Array.from({length: 100}, (_, i) => pickChange(rows, i / 100)));
		expect(mix(TARGET_ROWS)).toEqual(new Set(['insert', 'update', 'delete']));
		expect(mix(TARGET_ROWS * 3)).toEqual(new Set(['update', 'delete']));
		const deletes = (rows: number) =>
			Array.from({length: 100}, (_, i) => pickChange(rows, i / 100)).filter((kind) => kind === 'delete').length;
		expect(deletes(TARGET_ROWS * 3)).toBeGreaterThan(deletes(TARGET_ROWS));
	});

	it('writes orders: an insert with a customer and an amount, an update of status and amount, a delete of the oldest', () => {
		const random = () => 0.5;
		const insert = changeStatement('insert', random);
		expect(insert.sql).toMatch(/^INSERT INTO `obsync_playground`.`orders` \(customer, amount, status\)/);
		expect(insert.values).toEqual(['Barbara', '501.00']);
		const update = changeStatement('update', random);
		expect(update.sql).toMatch(/^UPDATE `obsync_playground`.`orders` SET status = \?, amount = \?/);
		expect(update.values).toEqual(['delivered', '501.00']);
		expect(changeStatement('delete', random).sql).toBe('DELETE FROM `obsync_playground`.`orders` ORDER BY id LIMIT 1');
	});
});
