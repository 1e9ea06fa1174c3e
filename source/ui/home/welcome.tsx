/** The first-run panel: nothing is configured yet, so it offers the two ways in (a project, or the local playground). */
import {Box, Text} from 'ink';
import {List} from '../components/list.js';
import {theme} from '../theme.js';

export type WelcomeChoice = 'new' | 'playground';

export type WelcomeProps = {
	readonly storePath: string;
	readonly onChoose: (choice: WelcomeChoice) => void;
	readonly isActive: boolean;
};

export function Welcome({storePath, onChoose, isActive}: WelcomeProps) {
	return (
		<Box flexDirection="column">
			<Text bold>Welcome to obsync</Text>
			<Text>obsync sends the row changes of OceanBase CE, MySQL or MariaDB tables to RocketMQ topics, in order per key.</Text>
			<Text>Nothing is configured on this machine yet. Start with one of these:</Text>
			<Box marginTop={1}>
				<List
					isActive={isActive}
					height={2}
					items={[
						{id: 'new', label: '1  Create a project'.padEnd(29), detail: 'source, destination, tables, topics'},
						{id: 'playground', label: '2  Try the local playground'.padEnd(29), detail: 'a sample table and a workload, locally'},
					]}
					onSubmit={(item) => onChoose(item.id as WelcomeChoice)}
				/>
			</Box>
			<Box marginTop={1}>
				<Text color={theme.muted} wrap="truncate-middle">
					Projects and data sources are saved in {storePath} (mode 0600).
				</Text>
			</Box>
		</Box>
	);
}
