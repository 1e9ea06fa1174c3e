/** Projects and a table for the home screen tests (prefix ui_home_), on the real test services. */
import {writeFileSync} from 'node:fs';
import {type Project, projectSchema} from '../../../source/engine/project/project-schema.js';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {connectAdmin} from '../../helpers/services.js';
import {testDestination, testSource} from '../helpers/render-ui.js';

export const TABLE = 'ui_home_orders';

export async function createTable(): Promise<void> {
	const admin = await connectAdmin();
	await admin.query(`CREATE TABLE IF NOT EXISTS obsync_test.${TABLE} (id BIGINT PRIMARY KEY, note VARCHAR(32))`);
	await admin.end();
}

export async function dropTable(): Promise<void> {
	const admin = await connectAdmin();
	await admin.query(`DROP TABLE IF EXISTS obsync_test.${TABLE}`);
	await admin.end();
}

/** A valid project on the test services, sending obsync_test.ui_home_orders to the FIFO test topic. */
export function project(name: string, tags: string[] = []): Project {
	return projectSchema.parse({
		name,
		tags,
		source: testSource,
		destination: testDestination,
		objects: [{database: 'obsync_test', table: TABLE, topic: 'obsync_test_fifo'}],
	});
}

/** Saves the project and, when asked, a checkpoint file (so that it reads as stopped, resumable). */
export function seedProject(store: ProjectStore, name: string, options: {tags?: string[]; checkpoint?: boolean} = {}): void {
	store.save(project(name, options.tags));
	if (options.checkpoint) {
		writeFileSync(store.checkpointFile(name), JSON.stringify({version: 1, file: 'mariadb-bin.000001', position: 4}));
	}
}
