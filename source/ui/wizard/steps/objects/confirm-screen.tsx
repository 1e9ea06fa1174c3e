/** A yes/no question as the whole screen of the step (remove, remove all, merge, import), with its hints. */
import {Confirm} from '../../../components/confirm.js';
import {Screen} from '../../../components/screen.js';

export type ConfirmScreenProps = {
	readonly path: readonly string[];
	readonly title: string;
	readonly message: string;
	readonly onConfirm: () => void;
	readonly onCancel: () => void;
};

export function ConfirmScreen({path, title, message, onConfirm, onCancel}: ConfirmScreenProps) {
	return (
		<Screen
			path={path}
			help="Answer y to go ahead, or n (or Esc) to leave everything as it is."
			hints={[
				{key: 'y', label: 'yes'},
				{key: 'n/Esc', label: 'no'},
			]}
		>
			<Confirm title={title} message={message} onConfirm={onConfirm} onCancel={onCancel} />
		</Screen>
	);
}
