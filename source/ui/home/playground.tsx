// SCAFFOLD: replaced by the real screen (not shipped as is).
import {Text} from 'ink';
import {Screen} from '../components/screen.js';

export function Playground(_props: {readonly name?: string}) {
	return (
		<Screen path={['Playground']} hints={[]}>
			<Text>Playground</Text>
		</Screen>
	);
}
