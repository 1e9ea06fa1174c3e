/**
 * Step 4's rules over `draft.options`, without React: the serialization methods as OMS names them, what switching
 * the format does to the intra-transaction sequence, and the validation messages of each field (from the project
 * schema, so the wizard and `obsync project import` say the same thing).
 */
import type {z} from 'zod';
import {FORMATS, type FormatName} from '../../../../engine/format/index.js';
import {optionsSchema} from '../../../../engine/project/project-schema.js';

export type OptionsInput = z.input<typeof optionsSchema>;

/** The serialization methods as the console shows them. */
export const FORMAT_LABELS: Record<FormatName, string> = {
	Default: 'Default',
	Canal: 'Canal',
	DataWorks: 'DataWorks 2.0',
	SharePlex: 'SharePlex',
	DefaultExtendColumnType: 'DefaultExtendColumnType',
};

export const FORMAT_CHOICES: readonly string[] = FORMATS.map((format) => FORMAT_LABELS[format]);

export function formatFromLabel(label: string): FormatName {
	return FORMATS.find((format) => FORMAT_LABELS[format] === label) ?? 'Default';
}

export const DEFAULT_TAG = 'default_tag';
export const DEFAULT_TRACE_TOPIC = 'obsync_msg_trace';

export const INTRA_SHAREPLEX_ONLY = 'the intra-transaction sequence exists only in the SharePlex format: choose SharePlex first';

/** The options with another format; leaving SharePlex turns the intra-transaction sequence off and says so. */
export function withFormat(options: OptionsInput, format: FormatName): {options: OptionsInput; notice?: string} {
	const next = {...options, format};
	if (format !== 'SharePlex' && options.intraTransactionSequence) {
		return {
			options: {...next, intraTransactionSequence: false},
			notice: `Intra-transaction sequence turned off: it exists only in the SharePlex format, not in ${FORMAT_LABELS[format]}.`,
		};
	}
	return {options: next};
}

/** The options with the intra-transaction sequence on or off, or why it cannot be switched on. */
export function withIntraTransactionSequence(options: OptionsInput, on: boolean): {options: OptionsInput} | {error: string} {
	if (on && (options.format ?? 'Default') !== 'SharePlex') return {error: INTRA_SHAREPLEX_ONLY};
	return {options: {...options, intraTransactionSequence: on}};
}

/** A text field's value as an option: empty (or blank) means "not set", so the schema's default applies. */
export function textOption(value: string): string | undefined {
	return value.trim() === '' ? undefined : value;
}

export type OptionField = keyof OptionsInput;

/** Each field's first validation message, by field. Empty when the options are valid. */
export function optionErrors(options: OptionsInput): Partial<Record<OptionField, string>> {
	const errors: Partial<Record<OptionField, string>> = {};
	const parsed = optionsSchema.safeParse(options);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = issue.path[0] as OptionField | undefined;
			if (field && !errors[field]) errors[field] = issue.message;
		}
	}
	if (options.intraTransactionSequence && (options.format ?? 'Default') !== 'SharePlex')
		errors.intraTransactionSequence = INTRA_SHAREPLEX_ONLY;
	return errors;
}

/** The fields' labels, for a summary that names what to fix. */
export const OPTION_LABELS: Record<OptionField, string> = {
	startTimestamp: 'Start timestamp',
	format: 'Serialization method',
	intraTransactionSequence: 'Intra-transaction sequence',
	partitioning: 'Partitioning rule',
	businessId: 'Business system ID',
	producerGroup: 'Producer group',
	tag: 'Message tag',
	messageTracing: 'Message tracing',
	traceTopic: 'Trace topic',
	ddl: 'DDL',
};
