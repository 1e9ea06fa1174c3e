/**
 * Step 1 of the wizard, Source and destination (OMS: Select Source and Destination): the project name, its tags,
 * and the source and destination data sources, each picked from the saved ones or added in place (with Test
 * Connectivity and Save). The step's own screen leads to sub-screens; Esc in one comes back here with nothing lost
 * (data source forms live in the draft), and Esc here leaves the wizard (the draft is kept).
 */
import {useState} from 'react';
import type {ScreenProps} from '../../components/screen.js';
import {useServices} from '../../services.js';
import type {Draft} from '../draft.js';
import type {StepProps} from '../step-props.js';
import {BinlogFormScreen} from './source-destination/binlog-form-screen.js';
import {DataSourcePicker} from './source-destination/data-source-picker.js';
import {
	type DestinationFormValues,
	describeDestination,
	destinationFormFrom,
	emptyDestinationForm,
} from './source-destination/destination-form.js';
import {DestinationFormScreen} from './source-destination/destination-form-screen.js';
import {readForms, type StepOneForms, writeForms} from './source-destination/form-state.js';
import {type MainRow, StepOneMain} from './source-destination/main-screen.js';
import {describeSource, emptySourceForm, type SourceFormValues, sourceFormFrom} from './source-destination/source-form.js';
import {SourceFormScreen} from './source-destination/source-form-screen.js';
import {stepOneProblems} from './source-destination/step-one-rules.js';
import {TagManager} from './source-destination/tag-manager.js';
import {TagPicker} from './source-destination/tag-picker.js';
import {toggleInList} from './source-destination/tag-rules.js';

type Mode = 'main' | 'tags' | 'manage-tags' | 'source-picker' | 'source-form' | 'binlog' | 'destination-picker' | 'destination-form';

type Status = ScreenProps['status'];

/** A name cut to fit a title line. */
const short = (name: string) => ([...name].length > 20 ? `${[...name].slice(0, 19).join('')}…` : name);

export function SourceDestinationStep({draft, update, next, back}: StepProps) {
	const {store} = useServices();
	const [mode, setMode] = useState<Mode>('main');
	const [focus, setFocus] = useState<MainRow>(draft.editing ? 'tags' : 'name');
	const [formFocus, setFormFocus] = useState<{source: string; destination: string}>({source: 'name', destination: 'name'});
	const [attempted, setAttempted] = useState(false);
	const [status, setStatus] = useState<Status>(null);
	const [pickerStatus, setPickerStatus] = useState<Status>(null);
	const forms = readForms(draft);
	// Sub-screens say where they are in short, so the title fits on one line at 80 columns.
	const project = draft.editing ?? draft.name;
	const path = [project ? `Project ${short(project)}` : 'New project', 'Step 1 of 5'];
	const setForms = (change: (forms: StepOneForms) => StepOneForms) =>
		update((current: Draft) => writeForms(current, change(readForms(current))));
	const go = (to: Mode) => {
		setPickerStatus(null);
		setMode(to);
	};

	const projects = store.names();
	const problems = stepOneProblems(draft, projects);
	// Before the first Next only the name speaks up, and only once something is typed.
	const shown = attempted ? problems : draft.name !== '' && problems.name ? {name: problems.name} : {};

	switch (mode) {
		case 'main':
			return (
				<StepOneMain
					draft={draft}
					onName={(name) => {
						setStatus(null);
						update((current) => ({...current, name}));
					}}
					problems={shown}
					initialFocus={focus}
					onFocus={setFocus}
					onOpen={(row) => go(row === 'tags' ? 'tags' : row === 'source' ? 'source-picker' : 'destination-picker')}
					onNext={() => {
						setAttempted(true);
						const count = Object.keys(problems).length;
						if (count === 0) return next();
						setStatus({kind: 'error', text: `Cannot go on: ${count === 1 ? 'one problem' : `${count} problems`}, marked ✘ above.`});
					}}
					onBack={back}
					status={status}
				/>
			);
		case 'tags':
			return (
				<TagPicker
					path={[...path, 'Tags']}
					tags={store.tags()}
					chosen={draft.tags}
					onToggle={(tag) => update((current) => ({...current, tags: toggleInList(current.tags, tag)}))}
					onManage={() => go('manage-tags')}
					onDone={() => go('main')}
				/>
			);
		case 'manage-tags':
			return (
				<TagManager
					path={[...path, 'Tags', 'Manage tags']}
					draftId={draft.id}
					draftTags={draft.tags}
					onDraftTags={(tags) => update((current) => ({...current, tags}))}
					onBack={() => go('tags')}
				/>
			);
		case 'source-picker': {
			const kept = forms.source ? (forms.source.editing ? {editing: forms.source.editing} : ('new' as const)) : null;
			const open = (values: SourceFormValues) => {
				setForms((current) => ({...current, source: values}));
				setFormFocus((current) => ({...current, source: 'name'}));
				go('source-form');
			};
			return (
				<DataSourcePicker
					path={[...path, 'Source']}
					title="Source data sources (OceanBase CE, MySQL, MariaDB)"
					entries={store.dataSources('source').map((source) => ({name: source.name, detail: describeSource(source)}))}
					selected={draft.sourceName}
					keptInput={kept}
					help="Pick the source the project reads from, or add one: Enter on + Add data source opens its form (Test Connectivity, Save). e edits the highlighted data source; projects made earlier keep their own copy."
					status={pickerStatus}
					onPick={(name) => {
						const picked = store.dataSources('source').find((source) => source.name === name);
						if (!picked) return;
						const {name: _, ...settings} = picked;
						update((current) => ({...current, sourceName: name, source: settings}));
						setStatus({kind: 'ok', text: `The source is ${name}.`});
						go('main');
					}}
					onAdd={() => (forms.source && forms.source.editing === null ? go('source-form') : open(emptySourceForm()))}
					onEdit={(name) => {
						if (forms.source?.editing === name) return go('source-form');
						const saved = store.dataSources('source').find((source) => source.name === name);
						if (saved) open(sourceFormFrom(saved));
					}}
					onBack={() => go('main')}
				/>
			);
		}
		case 'source-form':
		case 'binlog': {
			const values = forms.source ?? emptySourceForm();
			const onChange = (change: (values: SourceFormValues) => SourceFormValues) =>
				setForms((current) => ({...current, source: change(current.source ?? emptySourceForm())}));
			if (mode === 'binlog') {
				return (
					<BinlogFormScreen
						path={[...path, 'Source', values.editing ? `Edit ${short(values.editing)}` : 'Add data source', 'Binlog Service']}
						values={values}
						existing={store.dataSources('source').map((source) => source.name)}
						onChange={onChange}
						onDone={() => {
							setFormFocus((current) => ({...current, source: 'binlog'}));
							setMode('source-form');
						}}
					/>
				);
			}
			return (
				<SourceFormScreen
					path={[...path, 'Source', values.editing ? `Edit ${short(values.editing)}` : 'Add data source']}
					values={values}
					onChange={onChange}
					onSaved={(name, settings, saved) => {
						update((current) => writeForms({...current, sourceName: name, source: settings}, {...readForms(current), source: null}));
						setStatus(saved);
						setFocus('source');
						go('main');
					}}
					onBinlog={() => setMode('binlog')}
					onBack={() => go('source-picker')}
					onDiscard={() => {
						setForms((current) => ({...current, source: null}));
						setPickerStatus({kind: 'info', text: 'The data source form was discarded.'});
						setMode('source-picker');
					}}
					focus={formFocus.source}
					onFocus={(id) => setFormFocus((current) => ({...current, source: id}))}
				/>
			);
		}
		case 'destination-picker': {
			const kept = forms.destination ? (forms.destination.editing ? {editing: forms.destination.editing} : ('new' as const)) : null;
			const open = (values: DestinationFormValues) => {
				setForms((current) => ({...current, destination: values}));
				setFormFocus((current) => ({...current, destination: 'name'}));
				go('destination-form');
			};
			return (
				<DataSourcePicker
					path={[...path, 'Destination']}
					title="Destination data sources (RocketMQ 5)"
					entries={store
						.dataSources('destination')
						.map((destination) => ({name: destination.name, detail: describeDestination(destination)}))}
					selected={draft.destinationName}
					keptInput={kept}
					help="Pick the RocketMQ instance the project sends to, or add one: Enter on + Add data source opens its form (Test Connectivity, Save). e edits the highlighted data source; projects made earlier keep their own copy."
					status={pickerStatus}
					onPick={(name) => {
						const picked = store.dataSources('destination').find((destination) => destination.name === name);
						if (!picked) return;
						const {name: _, ...settings} = picked;
						update((current) => ({...current, destinationName: name, destination: settings}));
						setStatus({kind: 'ok', text: `The destination is ${name}.`});
						go('main');
					}}
					onAdd={() => (forms.destination && forms.destination.editing === null ? go('destination-form') : open(emptyDestinationForm()))}
					onEdit={(name) => {
						if (forms.destination?.editing === name) return go('destination-form');
						const saved = store.dataSources('destination').find((destination) => destination.name === name);
						if (saved) open(destinationFormFrom(saved));
					}}
					onBack={() => go('main')}
				/>
			);
		}
		case 'destination-form': {
			const values = forms.destination ?? emptyDestinationForm();
			return (
				<DestinationFormScreen
					path={[...path, 'Destination', values.editing ? `Edit ${short(values.editing)}` : 'Add data source']}
					values={values}
					onChange={(change) => setForms((current) => ({...current, destination: change(current.destination ?? emptyDestinationForm())}))}
					onSaved={(name, settings, saved) => {
						update((current) =>
							writeForms({...current, destinationName: name, destination: settings}, {...readForms(current), destination: null}),
						);
						setStatus(saved);
						setFocus('destination');
						go('main');
					}}
					onBack={() => go('destination-picker')}
					onDiscard={() => {
						setForms((current) => ({...current, destination: null}));
						setPickerStatus({kind: 'info', text: 'The data source form was discarded.'});
						setMode('destination-picker');
					}}
					focus={formFocus.destination}
					onFocus={(id) => setFormFocus((current) => ({...current, destination: id}))}
				/>
			);
		}
	}
}
