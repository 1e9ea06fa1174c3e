// SCAFFOLD: replaced by the real screen (not shipped as is).
import {Text} from 'ink';
import {Screen} from '../components/screen.js';

export function DataSources(_props: {readonly name?: string}) {
	return (
		<Screen path={['DataSources']} hints={[]}>
			<Text>DataSources</Text>
		</Screen>
	);
}
