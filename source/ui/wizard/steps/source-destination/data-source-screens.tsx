/**
 * Step 1's screens for one data source role, the source or the destination: the picker of the saved ones, their
 * "Add data source" form, and (sources only) the form's Binlog Service part. Both roles work the same way and differ
 * only in what `ROLES` holds: their words, their form's values and the draft fields they fill.
 */
import type {Dispatch} from 'react';
import type {DestinationSettings, SourceSettings} from '../../../../engine/project/project-schema.js';
import type {DataSourceRole, DataSourceSettings, NamedDataSource} from '../../../../store/project-store.js';
import {useServices} from '../../../services.js';
import type {Draft} from '../../draft.js';
import type {StepProps} from '../../step-props.js';
import {BinlogFormScreen} from './binlog-form-screen.js';
import type {Status} from './data-source-form.js';
import {DataSourcePicker} from './data-source-picker.js';
import {type DestinationFormValues, describeDestination, destinationFormFrom, emptyDestinationForm} from './destination-form.js';
import {DestinationFormScreen} from './destination-form-screen.js';
import {readForms, writeForms} from './form-state.js';
import {describeSource, emptySourceForm, type SourceFormValues, sourceFormFrom} from './source-form.js';
import {SourceFormScreen} from './source-form-screen.js';
import type {StepOneAction, StepOneState} from './use-step-one-state.js';

type FormValues<R extends DataSourceRole> = {source: SourceFormValues; destination: DestinationFormValues}[R];

type RoleSpec<R extends DataSourceRole> = {
	/** The role in a title path. */
	readonly label: string;
	/** What the picker lists, above the list. */
	readonly title: string;
	readonly help: string;
	describe(settings: DataSourceSettings<R>): string;
	emptyForm(): FormValues<R>;
	formFrom(saved: NamedDataSource<R>): FormValues<R>;
	/** The draft's saved data source of this role (its name). */
	selected(draft: Draft): string | null;
	/** The draft using this saved data source. */
	use(draft: Draft, name: string, settings: DataSourceSettings<R>): Draft;
};

const pickerHelp = (what: string) =>
	`Pick ${what}, or add one: Enter on + Add data source opens its form (Test Connectivity, Save). e edits the highlighted data source; projects made earlier keep their own copy.`;

const ROLES: {readonly [R in DataSourceRole]: RoleSpec<R>} = {
	source: {
		label: 'Source',
		title: 'Source data sources (OceanBase CE, MySQL, MariaDB)',
		help: pickerHelp('the source the project reads from'),
		describe: describeSource,
		emptyForm: emptySourceForm,
		formFrom: sourceFormFrom,
		selected: (draft) => draft.sourceName,
		use: (draft, name, source: SourceSettings) => ({...draft, sourceName: name, source}),
	},
	destination: {
		label: 'Destination',
		title: 'Destination data sources (RocketMQ 5)',
		help: pickerHelp('the RocketMQ instance the project sends to'),
		describe: describeDestination,
		emptyForm: emptyDestinationForm,
		formFrom: destinationFormFrom,
		selected: (draft) => draft.destinationName,
		use: (draft, name, destination: DestinationSettings) => ({...draft, destinationName: name, destination}),
	},
};

/**
 * A role's spec over the values of either role. Safe as used here: each function only ever receives what the store
 * or the draft holds for the same role.
 */
const specOf = (role: DataSourceRole) => ROLES[role] as unknown as RoleSpec<DataSourceRole>;

/** A name cut to fit a title line. */
export const short = (name: string) => ([...name].length > 20 ? `${[...name].slice(0, 19).join('')}…` : name);

export type DataSourceScreensProps = {
	/** The source's screens or the destination's. */
	readonly forRole: DataSourceRole;
	readonly screen: 'picker' | 'form' | 'binlog';
	/** The step's short title path. */
	readonly path: readonly string[];
	readonly draft: Draft;
	readonly update: StepProps['update'];
	readonly state: StepOneState;
	readonly dispatch: Dispatch<StepOneAction>;
};

export function DataSourceScreens({forRole: role, screen, path, draft, update, state, dispatch}: DataSourceScreensProps) {
	const {store} = useServices();
	const spec = specOf(role);
	const form = readForms(draft)[role];
	const setForm = (change: (values: FormValues<DataSourceRole> | null) => FormValues<DataSourceRole> | null) =>
		update((current) => {
			const forms = readForms(current);
			return writeForms(current, {...forms, [role]: change(forms[role])});
		});
	const saved = store.dataSources(role);
	const rolePath = [...path, spec.label];
	if (screen === 'picker') {
		const open = (values: FormValues<DataSourceRole>) => {
			setForm(() => values);
			dispatch({type: 'open-form', role, fresh: true});
		};
		return (
			<DataSourcePicker
				path={rolePath}
				title={spec.title}
				entries={saved.map((entry) => ({name: entry.name, detail: spec.describe(entry)}))}
				selected={spec.selected(draft)}
				keptInput={form ? (form.editing ? {editing: form.editing} : 'new') : null}
				help={spec.help}
				status={state.pickerStatus}
				onPick={(name) => {
					const picked = saved.find((entry) => entry.name === name);
					if (!picked) return;
					const {name: _, ...settings} = picked;
					update((current) => spec.use(current, name, settings));
					dispatch({type: 'picked', role, name});
				}}
				onAdd={() => (form && form.editing === null ? dispatch({type: 'open-form', role, fresh: false}) : open(spec.emptyForm()))}
				onEdit={(name) => {
					if (form?.editing === name) return dispatch({type: 'open-form', role, fresh: false});
					const entry = saved.find((candidate) => candidate.name === name);
					if (entry) open(spec.formFrom(entry));
				}}
				onBack={() => dispatch({type: 'go', mode: {kind: 'main'}})}
			/>
		);
	}
	const values = form ?? spec.emptyForm();
	const formPath = [...rolePath, values.editing ? `Edit ${short(values.editing)}` : 'Add data source'];
	const props = {
		path: formPath,
		onSaved: (name: string, settings: DataSourceSettings<DataSourceRole>, status: Status) => {
			update((current) => writeForms(spec.use(current, name, settings), {...readForms(current), [role]: null}));
			dispatch({type: 'saved', role, status});
		},
		onBack: () => dispatch({type: 'go', mode: {kind: 'picker', role}}),
		onDiscard: () => {
			setForm(() => null);
			dispatch({type: 'discarded', role});
		},
		focus: state.formFocus[role],
		onFocus: (field: string) => dispatch({type: 'form-focus', role, field}),
	};
	if (role === 'source') {
		const source = values as SourceFormValues;
		const onChange = (change: (values: SourceFormValues) => SourceFormValues) =>
			setForm((current) => change((current as SourceFormValues | null) ?? emptySourceForm()));
		if (screen === 'binlog') {
			return (
				<BinlogFormScreen
					path={[...formPath, 'Binlog Service']}
					values={source}
					existing={saved.map((entry) => entry.name)}
					onChange={onChange}
					onDone={() => dispatch({type: 'binlog-done'})}
				/>
			);
		}
		return <SourceFormScreen {...props} values={source} onChange={onChange} onBinlog={() => dispatch({type: 'open-binlog'})} />;
	}
	return (
		<DestinationFormScreen
			{...props}
			values={values as DestinationFormValues}
			onChange={(change) => setForm((current) => change((current as DestinationFormValues | null) ?? emptyDestinationForm()))}
		/>
	);
}
