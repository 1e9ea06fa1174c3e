// SCAFFOLD: replaced by the real screen (not shipped as is).
import {Text} from 'ink';
import {Screen} from '../components/screen.js';

export function Home(_props: {readonly name?: string}) {
	return (
		<Screen path={['Home']} hints={[]}>
			<Text>Home</Text>
		</Screen>
	);
}
