import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {theme} from '../theme.js';
import {useKeysEnabled} from './keys.js';
import {applyTypedKeys, hasControlKeys} from './typed-keys.js';
import {useClaimTyping} from './typing.js';

export type TextFieldProps = {
	readonly label: string;
	readonly value: string;
	readonly onChange: (value: string) => void;
	readonly onSubmit?: (value: string) => void;
	/** Listens to keys only when focused. @default false */
	readonly focus?: boolean;
	/** Shows `*` for each character (passwords, secret keys). @default false */
	readonly secret?: boolean;
	readonly placeholder?: string;
	/** A validation message shown under the field. */
	readonly error?: string | undefined;
	/** Marks the field ✘ on its own row (its message is not shown: a long form on a short terminal). */
	readonly marked?: boolean;
	/** A one-line explanation shown under the field while it has the focus. */
	readonly help?: string | undefined;
	/** Label column width, so the fields of a form line up. @default 22 */
	readonly labelWidth?: number;
};

/** A labelled one-line text input with its error; a secret is masked and never shown, even when focused. */
export function TextField(props: TextFieldProps) {
	const {label, value, secret = false, error, help, labelWidth = 22} = props;
	const enabled = useKeysEnabled();
	const focus = (props.focus ?? false) && enabled;
	useClaimTyping(focus);
	const [generation, setGeneration] = useState(0);
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={labelWidth} flexShrink={0}>
					<Text color={focus ? theme.focus : undefined} bold={focus}>
						{focus ? '› ' : '  '}
						{label}
					</Text>
				</Box>
				{focus ? (
					<TextInput
						key={generation}
						value={value}
						onChange={(typed) => {
							if (!hasControlKeys(typed)) return props.onChange(typed);
							// ink-text-input moved its cursor by the length of what it inserted; a new input puts it at the
							// end of the value as corrected, rather than somewhere past the characters the backspaces removed.
							props.onChange(applyTypedKeys(typed));
							setGeneration((current) => current + 1);
						}}
						{...(props.onSubmit ? {onSubmit: props.onSubmit} : {})}
						{...(secret ? {mask: '*'} : {})}
						{...(props.placeholder ? {placeholder: props.placeholder} : {})}
					/>
				) : (
					// The mark is nested in the value's Text: one text node, measured as a whole (a sibling Text was laid
					// out over a value that had grown since the last render).
					<Text>
						<Text color={value ? undefined : theme.muted}>
							{value ? (secret ? '*'.repeat(Math.min(value.length, 12)) : value) : (props.placeholder ?? '')}
						</Text>
						{props.marked ? <Text color={theme.error}> ✘</Text> : null}
					</Text>
				)}
			</Box>
			{error ? (
				<Box marginLeft={labelWidth}>
					<Text color={theme.error}>✘ {error}</Text>
				</Box>
			) : focus && help ? (
				<Box marginLeft={labelWidth}>
					<Text color={theme.muted}>{help}</Text>
				</Box>
			) : null}
		</Box>
	);
}
