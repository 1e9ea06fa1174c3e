import {Box, Text} from 'ink';
import {theme} from '../theme.js';

/** One key and what it does, as the hint bar shows it: `Enter` `next`. */
export type KeyHint = {readonly key: string; readonly label: string};

/** The bar at the bottom of every screen: the keys that do something here. Wraps on narrow terminals. */
export function KeyHints({hints}: {readonly hints: readonly KeyHint[]}) {
	return (
		<Box flexWrap="wrap" columnGap={2}>
			{hints.map((hint) => (
				<Text key={`${hint.key}-${hint.label}`}>
					<Text bold color={theme.accent}>
						{hint.key}
					</Text>{' '}
					<Text color={theme.muted}>{hint.label}</Text>
				</Text>
			))}
		</Box>
	);
}
