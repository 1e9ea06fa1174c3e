/** What a destination's Test Connectivity found, in one sentence (the wizard's form and the data sources screen). */
import type {DestinationInfo} from '../engine/catalog/destination-catalog.js';

export function destinationStatus(info: DestinationInfo): string {
	const topics = `${info.topicCount} topic${info.topicCount === 1 ? '' : 's'}`;
	if (info.transport === 'remoting') return `the ${info.address} lists ${topics}; brokers ${info.brokers?.join(', ')} answer.`;
	if (info.topicCount === null)
		return `the ${info.address} answers (no name server given: Step 3 cannot list topics, only check typed names).`;
	return `the ${info.address} answers; the name server lists ${topics}.`;
}
