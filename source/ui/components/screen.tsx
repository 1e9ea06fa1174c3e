/**
 * The frame of every screen: a title line (where you are), the body, a status line, and the key-hint bar. `?`
 * (handled by the app, which also silences the screen's keys) hides the body behind the help panel without unmounting
 * it, so nothing typed is lost.
 */
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useHelp} from '../navigation.js';
import {theme} from '../theme.js';
import {type KeyHint, KeyHints} from './key-hints.js';

export type ScreenProps = {
	/** Where the user is: `['Projects', 'New project', 'Step 1 of 5: Source and destination']`. */
	readonly path: readonly string[];
	readonly hints: readonly KeyHint[];
	/** What this screen is for and what its keys do, for the help panel. */
	readonly help?: string;
	/** A line above the hints: the last action's result or a validation summary. */
	readonly status?: {readonly kind: 'info' | 'ok' | 'error'; readonly text: string} | null;
	readonly children: ReactNode;
};

const globalHelp = [
	'Keys everywhere: ↑/↓ or Tab move, Enter chooses or goes on, Esc goes back (nothing typed is lost), ? shows or hides',
	'this help (in a text field, ? is text), Ctrl+C quits (asks first while a project runs here). In text fields, ←/→ move',
	'the cursor and Backspace deletes. Passwords are never shown.',
].join(' ');

export function Screen({path, hints, help, status, children}: ScreenProps) {
	const {open} = useHelp();
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text wrap="truncate-middle">
				<Text bold color={theme.accent}>
					obsync
				</Text>
				<Text>{path.map((part) => ` › ${part}`).join('')}</Text>
			</Text>
			<Box flexDirection="column" marginTop={1} display={open ? 'none' : 'flex'}>
				{children}
			</Box>
			{open ? (
				<Box flexDirection="column" marginTop={1} borderStyle="round" paddingX={1}>
					<Text bold>Help</Text>
					{help ? <Text>{help.split('\n').join(' ')}</Text> : null}
					<Text color={theme.muted}>{globalHelp}</Text>
					<Box marginTop={1} flexWrap="wrap" columnGap={2}>
						{hints.map((hint) => (
							<Box key={`${hint.key}-${hint.label}`} width={36}>
								<Text wrap="truncate-end">
									<Text bold>{hint.key.padEnd(10)}</Text>
									{hint.label}
								</Text>
							</Box>
						))}
					</Box>
					<Text color={theme.muted}>Press ? or Esc to close.</Text>
				</Box>
			) : null}
			{status && !open ? (
				<Box marginTop={1}>
					<Text color={status.kind === 'error' ? theme.error : status.kind === 'ok' ? theme.ok : undefined}>
						{status.kind === 'error' ? '✘ ' : status.kind === 'ok' ? '✔ ' : ''}
						{status.text}
					</Text>
				</Box>
			) : null}
			<Box marginTop={1}>
				<KeyHints hints={open ? [{key: 'Esc', label: 'close help'}] : [...hints, {key: '?', label: 'help'}]} />
			</Box>
		</Box>
	);
}
