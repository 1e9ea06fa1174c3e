/**
 * The data source forms of Step 1 while they are away (Esc, help, a dropped SSH session): kept in the draft under
 * one key of their own, so the wizard's saving keeps them too and reopening the form shows what was typed. Read
 * back defensively: a stored draft is JSON that may come from an older version.
 */
import type {Draft} from '../../draft.js';
import type {DestinationFormValues} from './destination-form.js';
import {emptyDestinationForm} from './destination-form.js';
import {emptySourceForm, SOURCE_FLAVORS, type SourceFormValues} from './source-form.js';

export type StepOneForms = {
	readonly source: SourceFormValues | null;
	readonly destination: DestinationFormValues | null;
};

const key = 'sourceDestinationForms';

type WithForms = Draft & {readonly [key]?: unknown};

function readValues<T extends object>(value: unknown, empty: T, check: (merged: T) => boolean): T | null {
	if (typeof value !== 'object' || value === null) return null;
	const merged = {...empty} as Record<string, unknown>;
	for (const [field, initial] of Object.entries(empty)) {
		const stored = (value as Record<string, unknown>)[field];
		if (stored === undefined) continue;
		if (field === 'editing' || field === 'serverId') {
			if (stored === null || typeof stored === (field === 'editing' ? 'string' : 'number')) merged[field] = stored;
			continue;
		}
		if (typeof stored !== typeof initial) return null;
		merged[field] = stored;
	}
	return check(merged as T) ? (merged as T) : null;
}

/** The forms kept in the draft (null for a form not open or already saved). */
export function readForms(draft: Draft): StepOneForms {
	const stored = (draft as WithForms)[key] as {source?: unknown; destination?: unknown} | undefined;
	return {
		source: readValues(stored?.source, emptySourceForm(), (values) => SOURCE_FLAVORS.includes(values.flavor)),
		destination: readValues(stored?.destination, emptyDestinationForm(), () => true),
	};
}

/** The draft with these forms kept. */
export function writeForms(draft: Draft, forms: StepOneForms): Draft {
	return {...draft, [key]: forms} as WithForms;
}
