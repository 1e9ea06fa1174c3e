import {Box, Text} from 'ink';

import {theme} from '../theme.js';
import {useKeys} from './keys.js';

export type ConfirmProps = {
	readonly title: string;
	/** What will happen, said plainly (OMS: "This operation will overwrite previous selections"). */
	readonly message: string;
	readonly onConfirm: () => void;
	readonly onCancel: () => void;
	/** @default 'y' */
	readonly confirmLabel?: string;
};

/** A yes/no question in a box: `y` confirms, `n` or Esc cancels. Nothing else is listened to while it shows. */
export function Confirm({title, message, onConfirm, onCancel}: ConfirmProps) {
	useKeys((input, key) => {
		if (input === 'y' || input === 'Y') onConfirm();
		else if (input === 'n' || input === 'N' || key.escape) onCancel();
	});
	return (
		<Box borderStyle="round" borderColor={theme.warn} flexDirection="column" paddingX={1}>
			<Text bold color={theme.warn}>
				{title}
			</Text>
			<Text>{message}</Text>
			<Text>
				<Text bold>y</Text> yes <Text bold>n</Text>/<Text bold>Esc</Text> no
			</Text>
		</Box>
	);
}
