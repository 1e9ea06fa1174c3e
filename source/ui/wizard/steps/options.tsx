/**
 * Step 4, Synchronization options (OMS): the incremental start timestamp, the serialization method, the
 * intra-transaction sequence (SharePlex only), the partitioning rule (Hash), the business system identification,
 * the producer group, the message tag and message tracing. Validated by the project schema as the user types; the
 * start timestamp is checked against the source's binlog when the field is left and again on Next.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {Form, type FormField} from '../../components/form.js';
import {useKeys} from '../../components/keys.js';
import {Screen, type ScreenProps} from '../../components/screen.js';
import {useServices} from '../../services.js';
import {symbols, theme} from '../../theme.js';
import {type StepProps, stepPath} from '../step-props.js';
import {
	DEFAULT_TAG,
	DEFAULT_TRACE_TOPIC,
	FORMAT_CHOICES,
	FORMAT_LABELS,
	formatFromLabel,
	INTRA_SHAREPLEX_ONLY,
	OPTION_LABELS,
	type OptionField,
	type OptionsInput,
	optionErrors,
	textOption,
	withFormat,
	withIntraTransactionSequence,
} from './options/options-model.js';
import {describeInstant, formatLocal, localZone, parseStartTimestamp} from './options/start-timestamp.js';
import {type StartCheck, useStartCheck} from './options/use-start-check.js';

const help = [
	'Start timestamp: changes committed from then on are sent. Empty: the time of the first run (now). It must still be',
	'in the source binlog (the server keeps binlogs for a while) and not in the future.',
	'Serialization method: the message body (Default, Canal, DataWorks 2.0, SharePlex, DefaultExtendColumnType).',
	'Intra-transaction sequence (SharePlex only): numbers each change within its transaction. Partitioning: Hash of the',
	'primary key or sharding columns picks the queue. Business system ID: 1-20 characters carried in the messages.',
	'Producer group, message tag, and message tracing (trace records go to a NORMAL topic).',
].join('\n');

function startLine(at: number | undefined, check: StartCheck): {text: string; kind: 'info' | 'ok' | 'error'} {
	if (at === undefined) return {kind: 'info', text: 'Starts now: at the end of the source binlog when the project first runs.'};
	const base = `Starts at ${describeInstant(at)}`;
	if (check.status === 'idle' || check.at !== at) return {kind: 'info', text: base};
	switch (check.status) {
		case 'checking':
			return {kind: 'info', text: `${base} ${symbols.running} checking the source binlog`};
		case 'ok':
			return {kind: 'ok', text: `${base} ${symbols.pass} in the binlog at ${check.where}`};
		case 'refused':
			return {kind: 'error', text: `How to fix: ${check.hint ?? 'choose another start time'}`};
		case 'unreachable':
			return {kind: 'error', text: 'Next again goes on without this check (the precheck asks the source again).'};
	}
}

export function OptionsStep({draft, update, next, back}: StepProps) {
	const services = useServices();
	const {options} = draft;
	const format = options.format ?? 'Default';
	const startText = draft.startTimestampText ?? (options.startTimestamp === undefined ? '' : formatLocal(options.startTimestamp));
	const parsed = parseStartTimestamp(startText);
	const start = useStartCheck(services, draft.source, draft.name);
	/** Whether to show why the typed start timestamp does not parse: once the field is left or Next pressed, until typed in again. */
	const [startShown, setStartShown] = useState(false);
	const [intraRefused, setIntraRefused] = useState(false);
	const [status, setStatus] = useState<ScreenProps['status']>(null);
	const latest = useRef({startText, options});
	latest.current = {startText, options};
	const focus = useRef('start');
	const going = useRef(false);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);
	const errors = optionErrors(options);

	const setOptions = (change: (current: OptionsInput) => OptionsInput) =>
		update((current) => ({...current, options: change(current.options)}));
	const setText = (field: 'businessId' | 'producerGroup' | 'tag' | 'traceTopic') => (value: string) =>
		setOptions((current) => ({...current, [field]: textOption(value)}));

	const onStartChange = (text: string) => {
		latest.current = {...latest.current, startText: text};
		setStartShown(false);
		const result = parseStartTimestamp(text);
		update((current) => {
			if (!result.ok) return {...current, startTimestampText: text};
			const {startTimestamp: _, ...rest} = current.options;
			return {...current, startTimestampText: text, options: result.at === undefined ? rest : {...rest, startTimestamp: result.at}};
		});
	};

	const onFocus = (id: string) => {
		if (focus.current === 'start' && id !== 'start') {
			setStartShown(true);
			const result = parseStartTimestamp(latest.current.startText);
			if (result.ok && result.at !== undefined) void start.check(result.at);
		}
		focus.current = id;
	};

	const goNext = async () => {
		if (going.current) return;
		setStartShown(true);
		const result = parseStartTimestamp(latest.current.startText);
		if (!result.ok) return setStatus({kind: 'error', text: 'The start timestamp is not valid (see above).'});
		const invalid = Object.keys(optionErrors(latest.current.options)) as OptionField[];
		if (invalid.length > 0) {
			return setStatus({kind: 'error', text: `Fix ${invalid.map((field) => OPTION_LABELS[field]).join(', ')} (see above).`});
		}
		if (result.at !== undefined && draft.source) {
			const known = start.state;
			if (!(known.status === 'unreachable' && known.at === result.at)) {
				going.current = true;
				setStatus({kind: 'info', text: 'Checking the start timestamp against the source binlog…'});
				const answer = await start.check(result.at).finally(() => {
					going.current = false;
				});
				if (!mounted.current) return;
				if (answer.status === 'refused') return setStatus({kind: 'error', text: 'The source refuses this start timestamp (see above).'});
				if (answer.status === 'unreachable') {
					return setStatus({kind: 'error', text: 'Could not check the start timestamp: the source did not answer (see above).'});
				}
			}
		}
		next();
	};

	useKeys((_input, key) => {
		if (key.escape) back();
	});

	const check = start.state;
	const checkAt = parsed.ok ? parsed.at : undefined;
	const checkError =
		checkAt !== undefined && check.status !== 'idle' && check.at === checkAt
			? check.status === 'refused'
				? check.message
				: check.status === 'unreachable'
					? `could not check it against the source: ${check.message}`
					: undefined
			: undefined;
	const startError = !parsed.ok ? (startShown ? parsed.message : undefined) : checkError;
	const line = parsed.ok ? startLine(parsed.at, check) : null;

	const fields: FormField[] = [
		{
			id: 'start',
			kind: 'text',
			label: 'Start timestamp',
			value: startText,
			placeholder: 'now',
			onChange: onStartChange,
			error: startError,
			help: `empty: now · YYYY-MM-DD HH:mm:ss (${localZone()}) · ISO 8601 · Unix seconds`,
		},
		{
			id: 'format',
			kind: 'choice',
			label: 'Serialization method',
			value: FORMAT_LABELS[format],
			options: FORMAT_CHOICES,
			onChange: (label) => {
				const changed = withFormat(options, formatFromLabel(label));
				setOptions(() => changed.options);
				setIntraRefused(false);
				setStatus(changed.notice ? {kind: 'info', text: changed.notice} : null);
			},
			help: 'the message body format; ←/→ to change',
		},
		{
			id: 'intra',
			kind: 'toggle',
			label: 'Intra-transaction sequence',
			value: Boolean(options.intraTransactionSequence),
			onChange: (on) => {
				const changed = withIntraTransactionSequence(options, on);
				if ('error' in changed) return setIntraRefused(true);
				setIntraRefused(false);
				setOptions(() => changed.options);
			},
			error: intraRefused ? INTRA_SHAREPLEX_ONLY : errors.intraTransactionSequence,
			help:
				format === 'SharePlex'
					? 'numbers each change within its transaction (meta.seq); costs some throughput'
					: 'SharePlex only: choose SharePlex above to use it',
		},
		{
			id: 'partitioning',
			kind: 'choice',
			label: 'Partitioning rule',
			value: 'Hash',
			options: ['Hash'],
			onChange: () => {},
			help: 'the only rule for RocketMQ: a hash of the primary key (or sharding columns) picks the queue',
		},
		{
			id: 'businessId',
			kind: 'text',
			label: 'Business system ID',
			value: options.businessId ?? '',
			placeholder: '(optional)',
			onChange: setText('businessId'),
			error: errors.businessId,
			help: 'optional, 1-20 characters: names the source business system in the messages',
		},
		{
			id: 'producerGroup',
			kind: 'text',
			label: 'Producer group',
			value: options.producerGroup ?? '',
			placeholder: '(optional)',
			onChange: setText('producerGroup'),
			error: errors.producerGroup,
			help: 'optional: the group of the producers writing to the topics (shown in message traces)',
		},
		{
			id: 'tag',
			kind: 'text',
			label: 'Message tag',
			value: options.tag ?? '',
			placeholder: DEFAULT_TAG,
			onChange: setText('tag'),
			error: errors.tag,
			help: `the RocketMQ tag of every message; empty: ${DEFAULT_TAG}`,
		},
		{
			id: 'tracing',
			kind: 'toggle',
			label: 'Message tracing',
			value: Boolean(options.messageTracing),
			onChange: (on) => setOptions((current) => ({...current, messageTracing: on})),
			help: 'records each send in a trace topic (mqadmin queryMsgTraceById)',
		},
		...(options.messageTracing
			? [
					{
						id: 'traceTopic',
						kind: 'text',
						label: 'Trace topic',
						value: options.traceTopic ?? '',
						placeholder: DEFAULT_TRACE_TOPIC,
						onChange: setText('traceTopic'),
						error: errors.traceTopic,
						help: `a NORMAL topic for the trace records; empty: RMQ_SYS_TRACE_TOPIC over remoting, ${DEFAULT_TRACE_TOPIC} over grpc`,
					} satisfies FormField,
				]
			: []),
		{
			id: 'next',
			kind: 'button',
			label: 'Next: precheck',
			onPress: () => void goNext(),
		},
	];

	return (
		<Screen
			path={stepPath(draft, 'options')}
			hints={[
				{key: '↑↓', label: 'move'},
				{key: '←→', label: 'change'},
				{key: 'Space', label: 'toggle'},
				{key: 'Enter', label: 'next field / press'},
				{key: 'Esc', label: 'back'},
			]}
			help={help}
			status={status}
		>
			<Form fields={fields} labelWidth={30} initialFocus="start" onFocus={onFocus} />
			{line ? (
				<Box marginTop={1}>
					<Text color={line.kind === 'error' ? theme.error : line.kind === 'ok' ? theme.ok : theme.muted}>{line.text}</Text>
				</Box>
			) : null}
		</Screen>
	);
}
