import {describe, expect, it} from 'vitest';
import {
	FORMAT_CHOICES,
	formatFromLabel,
	INTRA_SHAREPLEX_ONLY,
	optionErrors,
	textOption,
	withFormat,
	withIntraTransactionSequence,
} from '../../../source/ui/wizard/steps/options/options-model.js';

describe('Step 4: option rules', () => {
	it('offers the five OMS serialization methods, DataWorks as "DataWorks 2.0"', () => {
		expect(FORMAT_CHOICES).toEqual(['Default', 'Canal', 'DataWorks 2.0', 'SharePlex', 'DefaultExtendColumnType']);
		expect(formatFromLabel('DataWorks 2.0')).toBe('DataWorks');
		expect(formatFromLabel('SharePlex')).toBe('SharePlex');
	});

	it('switches the intra-transaction sequence on only with SharePlex', () => {
		expect(withIntraTransactionSequence({format: 'Canal'}, true)).toEqual({error: INTRA_SHAREPLEX_ONLY});
		expect(withIntraTransactionSequence({}, true)).toEqual({error: INTRA_SHAREPLEX_ONLY});
		expect(withIntraTransactionSequence({format: 'SharePlex'}, true)).toEqual({
			options: {format: 'SharePlex', intraTransactionSequence: true},
		});
		expect(withIntraTransactionSequence({format: 'Canal', intraTransactionSequence: true}, false)).toEqual({
			options: {format: 'Canal', intraTransactionSequence: false},
		});
	});

	it('turns the intra-transaction sequence off when the format leaves SharePlex, and says so', () => {
		const changed = withFormat({format: 'SharePlex', intraTransactionSequence: true}, 'DataWorks');
		expect(changed.options).toEqual({format: 'DataWorks', intraTransactionSequence: false});
		expect(changed.notice).toBe('Intra-transaction sequence turned off: it exists only in the SharePlex format, not in DataWorks 2.0.');
		expect(withFormat({format: 'Default'}, 'Canal')).toEqual({options: {format: 'Canal'}});
	});

	it('reads an empty text field as not set', () => {
		expect(textOption('')).toBeUndefined();
		expect(textOption('  ')).toBeUndefined();
		expect(textOption('crm')).toBe('crm');
	});

	it('validates with the project schema, one message per field', () => {
		expect(optionErrors({})).toEqual({});
		expect(optionErrors({businessId: 'x'.repeat(20), messageTracing: true, traceTopic: 'obsync_msg_trace'})).toEqual({});
		expect(optionErrors({businessId: 'x'.repeat(21)})).toEqual({businessId: 'the business system identification has 1-20 characters'});
		expect(optionErrors({traceTopic: 'bad topic!'}).traceTopic).toBe(
			'a topic name has 1-127 characters among letters, digits, %, |, _ and -',
		);
		expect(optionErrors({format: 'Canal', intraTransactionSequence: true})).toEqual({intraTransactionSequence: INTRA_SHAREPLEX_ONLY});
		expect(optionErrors({format: 'SharePlex', intraTransactionSequence: true})).toEqual({});
	});
});
