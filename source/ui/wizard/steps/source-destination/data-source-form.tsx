/**
 * What the source and destination data-source forms share: field errors shown once Test or Save was tried, a
 * connectivity test whose result goes stale with any change, Save (a renamed data source moves to its new name),
 * Discard with a question, the three buttons, and the screen around the fields.
 */
import {useState} from 'react';
import {Confirm} from '../../../components/confirm.js';
import {Form, type FormField} from '../../../components/form.js';
import type {KeyHint} from '../../../components/key-hints.js';
import {useKeys} from '../../../components/keys.js';
import {Screen, type ScreenProps} from '../../../components/screen.js';
import {useTerminalSize} from '../../../components/use-terminal-size.js';
import {errorText} from '../../../error-text.js';

export type Status = NonNullable<ScreenProps['status']>;

/** The lines of a Screen around a form (path, blank, blank, one status line, blank, key hints) and one spare row. */
const FRAME_LINES = 7;

/** What a form's check says of the typed values: the name, the settings when they are valid, the field errors. */
export type FormCheck<Settings> = {
	readonly name: string;
	readonly settings: Settings | null;
	readonly errors: Readonly<Record<string, string | undefined>>;
};

export type DataSourceFormOptions<Values, Settings> = {
	/** `source` or `destination`: how the messages name the role it is chosen for. */
	readonly role: string;
	readonly check: FormCheck<Settings>;
	/** The typed secrets, masked in any error text. */
	readonly secrets: readonly (string | undefined)[];
	readonly onChange: (change: (values: Values) => Values) => void;
	readonly onBack: () => void;
	/** What the status says while the test runs. */
	readonly testing: (settings: Settings) => string;
	/** Runs the test; resolves to what to say (ok or not), throws when it cannot connect at all. */
	readonly test: (settings: Settings, secrets: readonly (string | undefined)[]) => Promise<{ok: boolean; text: string}>;
	/** Keeps the data source in the store (moving it when it was renamed); throws when it cannot. */
	readonly save: (name: string, settings: Settings) => void;
	readonly onSaved: (name: string, settings: Settings, status: Status) => void;
	readonly testHelp: string;
};

export function useDataSourceForm<Values, Settings>(options: DataSourceFormOptions<Values, Settings>) {
	const {check, secrets} = options;
	const [attempted, setAttempted] = useState(false);
	const [testing, setTesting] = useState(false);
	const [status, setStatus] = useState<Status | null>(null);
	const [testedOk, setTestedOk] = useState<string | null>(null);
	const [discarding, setDiscarding] = useState(false);
	const {rows} = useTerminalSize();

	useKeys(
		(_input, key) => {
			if (key.escape) options.onBack();
		},
		{isActive: !discarding},
	);

	/** A change makes the last test's result stale. */
	const change = (update: (current: Values) => Values) => {
		options.onChange(update);
		if (!testing) setStatus(null);
	};

	const test = async () => {
		if (!check.settings) {
			setAttempted(true);
			setStatus({kind: 'error', text: 'Cannot test yet: fix the fields marked ✘ first.'});
			return;
		}
		const settings = check.settings;
		setTesting(true);
		setStatus({kind: 'info', text: options.testing(settings)});
		try {
			const result = await options.test(settings, secrets);
			setTestedOk(result.ok ? JSON.stringify(settings) : null);
			setStatus({kind: result.ok ? 'ok' : 'error', text: result.text});
		} catch (error) {
			setTestedOk(null);
			setStatus({kind: 'error', text: `Connection failed: ${errorText(error, secrets)}`});
		} finally {
			setTesting(false);
		}
	};

	const save = () => {
		const problems = Object.values(check.errors).filter(Boolean).length;
		if (problems > 0 || !check.settings) {
			setAttempted(true);
			setStatus({kind: 'error', text: `Not saved: ${problems === 1 ? 'one field needs' : `${problems} fields need`} fixing (marked ✘).`});
			return;
		}
		try {
			options.save(check.name, check.settings);
		} catch (error) {
			setStatus({kind: 'error', text: `Not saved: ${errorText(error, secrets)}`});
			return;
		}
		const tested = testedOk === JSON.stringify(check.settings);
		options.onSaved(check.name, check.settings, {
			kind: 'ok',
			text: `Saved data source ${check.name} and chose it as the ${options.role}${tested ? '' : ' (not tested: Test Connectivity in its form checks it)'}.`,
		});
	};

	const buttons: FormField[] = [
		{
			kind: 'button',
			id: 'test',
			label: testing ? 'Testing…' : 'Test Connectivity',
			onPress: () => void test(),
			disabled: testing ? 'a test is running' : undefined,
			help: options.testHelp,
		},
		{kind: 'button', id: 'save', label: 'Save', onPress: save, help: 'keeps the data source on this machine and uses it here'},
		{kind: 'button', id: 'discard', label: 'Discard', onPress: () => setDiscarding(true), help: 'throws away what was typed here'},
	];

	return {
		/** Field errors, shown once Test or Save was tried. */
		errors: attempted ? check.errors : {},
		change,
		buttons,
		status,
		discarding,
		cancelDiscard: () => setDiscarding(false),
		/** What the form may take of the terminal: all but the path, the status, the key hints and their spacing. */
		maxLines: Math.max(8, rows - FRAME_LINES),
	};
}

export type DataSourceFormViewProps = {
	readonly path: readonly string[];
	readonly help: string;
	/** The key hint for what the form's own fields take (typing, a toggle…), between "move" and "Enter". */
	readonly fieldHint: KeyHint;
	/** What useDataSourceForm returned (the parts that do not depend on the form's values). */
	readonly form: Pick<ReturnType<typeof useDataSourceForm>, 'buttons' | 'status' | 'discarding' | 'cancelDiscard' | 'maxLines'>;
	/** The form's own fields; Test Connectivity, Save and Discard follow them. */
	readonly fields: readonly FormField[];
	/** The saved data source being edited, if any. */
	readonly editing: string | null;
	readonly focus: string;
	readonly onFocus: (id: string) => void;
	readonly onDiscard: () => void;
};

/** A data-source form on its screen, with the shared buttons and key hints, or the Discard question in its place. */
export function DataSourceFormView(props: DataSourceFormViewProps) {
	const {form} = props;
	return (
		<Screen
			path={props.path}
			hints={[
				{key: '↑↓/Tab', label: 'move'},
				props.fieldHint,
				{key: 'Enter', label: 'next / press'},
				{key: 'Esc', label: 'back (input kept)'},
			]}
			help={props.help}
			status={form.discarding ? null : form.status}
		>
			{form.discarding ? (
				<Confirm
					title="Discard this data source?"
					message={
						props.editing
							? `Your changes to ${props.editing} are thrown away; the saved data source stays as it was.`
							: 'What you typed in this form is thrown away; nothing was saved.'
					}
					onConfirm={props.onDiscard}
					onCancel={form.cancelDiscard}
				/>
			) : (
				<Form
					fields={[...props.fields, ...form.buttons]}
					labelWidth={20}
					initialFocus={props.focus}
					onFocus={props.onFocus}
					maxLines={form.maxLines}
				/>
			)}
		</Screen>
	);
}
