/**
 * A form: text fields, toggles, choices and buttons, one per line, moved through with ↑/↓ or Tab/Shift+Tab.
 * Enter in a text field moves on; Space or Enter flips a toggle; ←/→ change a choice; Enter presses a button. The
 * form owns no values: each field carries its value and says what changed, so the wizard reducer stays the truth.
 */
import {Box, Text} from 'ink';
import {useRef, useState} from 'react';

import {theme} from '../theme.js';
import {useKeys} from './keys.js';
import {TextField} from './text-field.js';
import {useTerminalSize} from './use-terminal-size.js';

type Common = {
	readonly id: string;
	readonly label: string;
	readonly help?: string | undefined;
	readonly error?: string | undefined;
};

export type FormField =
	| (Common & {
			readonly kind: 'text';
			readonly value: string;
			readonly onChange: (value: string) => void;
			readonly secret?: boolean;
			readonly placeholder?: string;
	  })
	| (Common & {readonly kind: 'toggle'; readonly value: boolean; readonly onChange: (value: boolean) => void})
	| (Common & {
			readonly kind: 'choice';
			readonly value: string;
			readonly options: readonly string[];
			readonly onChange: (value: string) => void;
	  })
	| (Common & {readonly kind: 'button'; readonly onPress: () => void; readonly disabled?: string | undefined});

export type FormProps = {
	readonly fields: readonly FormField[];
	/** Listens to keys. @default true */
	readonly isActive?: boolean;
	/** Label column width. @default 24 */
	readonly labelWidth?: number;
	/** The field focused first (by id). */
	readonly initialFocus?: string;
	/** Told when the focus moves (to scroll a long form or show context). */
	readonly onFocus?: (id: string) => void;
	/**
	 * The lines the form may take. When every error on its own line would take more, only the focused field's error
	 * keeps its line; the others are marked ✘ on their field's row.
	 */
	readonly maxLines?: number;
};

/**
 * The lines a form takes with every error on its own line: one per field, plus each error and the focused field's
 * help or disabled reason, wrapped at `textWidth` columns.
 */
export function formLines(fields: readonly FormField[], focusedId: string | undefined, textWidth = 80): number {
	const wrapped = (text: string) => Math.max(1, Math.ceil((text.length + 2) / Math.max(10, textWidth)));
	const focused = fields.find((field) => field.id === focusedId);
	let lines = fields.length;
	for (const field of fields) if (field.error) lines += wrapped(field.error);
	if (focused && !focused.error && focused.help) lines += wrapped(focused.help);
	if (focused?.kind === 'button' && focused.disabled) lines += wrapped(focused.disabled);
	return lines;
}

export function Form({fields, isActive = true, labelWidth = 24, initialFocus, onFocus, maxLines}: FormProps) {
	const [focusId, setFocusId] = useState(initialFocus ?? fields[0]?.id ?? '');
	// The focus as last moved, ahead of the render that shows it: Ink renders after a key asynchronously, so a second
	// ↓ pressed before that render must move on from where the first one went, not from where the screen still shows.
	const moved = useRef(focusId);
	const indexOf = (id: string) =>
		Math.max(
			0,
			fields.findIndex((field) => field.id === id),
		);
	const index = indexOf(focusId);
	const focused = fields[index];
	const move = (by: number) => {
		if (fields.length === 0) return;
		const next = fields[(indexOf(moved.current) + by + fields.length) % fields.length]!;
		moved.current = next.id;
		setFocusId(next.id);
		onFocus?.(next.id);
	};
	useKeys(
		(input, key) => {
			const focused = fields[indexOf(moved.current)];
			if (!focused) return;
			if (key.upArrow || (key.tab && key.shift)) return move(-1);
			if (key.downArrow || key.tab) return move(1);
			if (focused.kind === 'toggle' && (input === ' ' || key.return)) return focused.onChange(!focused.value);
			if (focused.kind === 'choice' && (key.leftArrow || key.rightArrow || input === ' ')) {
				const at = focused.options.indexOf(focused.value);
				const by = key.leftArrow ? -1 : 1;
				return focused.onChange(focused.options[(at + by + focused.options.length) % focused.options.length]!);
			}
			if (focused.kind === 'button' && key.return && !focused.disabled) return focused.onPress();
		},
		{isActive},
	);
	const {columns} = useTerminalSize();
	// The Screen's padding (2) and the label column come before the texts under a field.
	const compact = maxLines !== undefined && formLines(fields, focused?.id, columns - 2 - labelWidth) > maxLines;
	const mark = (field: FormField, isFocused: boolean) =>
		compact && field.error && !isFocused ? <Text color={theme.error}> ✘</Text> : null;
	return (
		<Box flexDirection="column">
			{fields.map((shown) => {
				const isFocused = isActive && shown.id === focused?.id;
				const field = compact && !isFocused && shown.error ? {...shown, error: undefined} : shown;
				switch (field.kind) {
					case 'text':
						return (
							<TextField
								key={field.id}
								label={field.label}
								value={field.value}
								onChange={field.onChange}
								onSubmit={() => move(1)}
								focus={isFocused}
								secret={field.secret ?? false}
								error={field.error}
								marked={mark(shown, isFocused) !== null}
								help={field.help}
								labelWidth={labelWidth}
								{...(field.placeholder ? {placeholder: field.placeholder} : {})}
							/>
						);
					case 'toggle':
					case 'choice':
						return (
							<Box key={field.id} flexDirection="column">
								<Box>
									<Box width={labelWidth} flexShrink={0}>
										<Text color={isFocused ? theme.focus : undefined} bold={isFocused}>
											{isFocused ? '› ' : '  '}
											{field.label}
										</Text>
									</Box>
									{field.kind === 'toggle' ? (
										<Text>
											{field.value ? '[x] on' : '[ ] off'}
											{mark(shown, isFocused)}
										</Text>
									) : (
										<Text>
											{isFocused ? '‹ ' : ''}
											<Text bold={isFocused}>{field.value}</Text>
											{isFocused ? ' ›' : ''}
											{mark(shown, isFocused)}
										</Text>
									)}
								</Box>
								{field.error ? (
									<Box marginLeft={labelWidth}>
										<Text color={theme.error}>✘ {field.error}</Text>
									</Box>
								) : isFocused && field.help ? (
									<Box marginLeft={labelWidth}>
										<Text color={theme.muted}>{field.help}</Text>
									</Box>
								) : null}
							</Box>
						);
					case 'button':
						return (
							<Box key={field.id} flexDirection="column">
								<Text
									color={field.disabled ? theme.muted : isFocused ? theme.focus : undefined}
									bold={isFocused}
									inverse={isFocused && !field.disabled}
								>
									{isFocused ? '› ' : '  '}[ {field.label} ]{mark(shown, isFocused)}
								</Text>
								{isFocused && field.disabled ? <Text color={theme.muted}> {field.disabled}</Text> : null}
								{field.error ? <Text color={theme.error}> ✘ {field.error}</Text> : null}
								{!field.error && isFocused && field.help ? <Text color={theme.muted}> {field.help}</Text> : null}
							</Box>
						);
				}
				return null;
			})}
		</Box>
	);
}
