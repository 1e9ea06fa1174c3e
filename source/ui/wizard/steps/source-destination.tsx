// SCAFFOLD: replaced by the real step (not shipped as is).
import {Text} from 'ink';
import {useKeys} from '../../components/keys.js';
import {Screen} from '../../components/screen.js';
import {type StepProps, stepPath} from '../step-props.js';

export function SourceDestinationStep({draft, next, back}: StepProps) {
	useKeys((_input, key) => {
		if (key.return) next();
		if (key.escape) back();
	});
	return (
		<Screen
			path={stepPath(draft, 'source-destination')}
			hints={[
				{key: 'Enter', label: 'next'},
				{key: 'Esc', label: 'back'},
			]}
		>
			<Text>source-destination</Text>
		</Screen>
	);
}
