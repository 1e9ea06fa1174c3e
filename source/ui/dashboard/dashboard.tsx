// SCAFFOLD: replaced by the real screen (not shipped as is).
import {Text} from 'ink';
import {Screen} from '../components/screen.js';

export function Dashboard(_props: {readonly name?: string}) {
	return (
		<Screen path={['Dashboard']} hints={[]}>
			<Text>Dashboard</Text>
		</Screen>
	);
}
