/**
 * The playground's data sources and project: the test MariaDB as source `playground-mariadb`, the test RocketMQ as
 * destination `playground-rocketmq`, and project `playground` sending `obsync_playground.orders` to a FIFO topic.
 */
import {
	type DestinationSettings,
	destinationSchema,
	type Project,
	projectSchema,
	type SourceSettings,
	sourceSchema,
} from '../engine/project/project-schema.js';
import type {ProjectStore} from '../store/project-store.js';
import {PLAYGROUND, type PlaygroundSettings} from './playground-settings.js';

export function playgroundSource(settings: PlaygroundSettings): SourceSettings {
	return sourceSchema.parse({flavor: 'mariadb', ...settings.mariadb});
}

export function playgroundDestination(settings: PlaygroundSettings): DestinationSettings {
	return destinationSchema.parse({endpoints: settings.rocketmq.endpoints, nameServer: settings.rocketmq.nameServer});
}

export function playgroundProject(settings: PlaygroundSettings): Project {
	return projectSchema.parse({
		name: PLAYGROUND.project,
		tags: [PLAYGROUND.tag],
		source: playgroundSource(settings),
		destination: playgroundDestination(settings),
		objects: [{database: PLAYGROUND.database, table: PLAYGROUND.table, topic: PLAYGROUND.topic}],
	});
}

export type SavedPlayground = {
	readonly project: Project;
	/** True when a project named `playground` was already saved: it is kept as it is (the user may have edited it). */
	readonly reused: boolean;
};

/** Saves the two data sources, the tag and (unless one exists) the project; returns the project to run. */
export function savePlayground(store: ProjectStore, settings: PlaygroundSettings): SavedPlayground {
	store.saveDataSource('source', PLAYGROUND.source, playgroundSource(settings));
	store.saveDataSource('destination', PLAYGROUND.destination, playgroundDestination(settings));
	if (!store.tags().includes(PLAYGROUND.tag)) store.setTags([...store.tags(), PLAYGROUND.tag]);
	if (store.has(PLAYGROUND.project)) return {project: store.get(PLAYGROUND.project), reused: true};
	const project = playgroundProject(settings);
	store.save(project);
	return {project, reused: false};
}
