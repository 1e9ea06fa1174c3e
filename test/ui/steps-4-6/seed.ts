/** Drafts for steps 4-6, seeded into the store, and the test tables (prefix ui_s46_) they map. */
import type {ProjectObject} from '../../../source/engine/project/project-schema.js';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {type Draft, emptyDraft} from '../../../source/ui/wizard/draft.js';
import {connectAdmin, mariadbService} from '../../helpers/services.js';
import {testDestination, testSource} from '../helpers/render-ui.js';

export const database = mariadbService.database;

/** A draft at `step` with the test source and destination, and `objects`. */
export function draftAt(id: string, step: Draft['step'], change: Partial<Draft> = {}): Draft {
	return {
		...emptyDraft(id),
		step,
		name: `ui_s46_${id}`,
		sourceName: 'mariadb',
		source: testSource,
		destinationName: 'rocketmq',
		destination: testDestination,
		...change,
	};
}

export const seedDraft = (draft: Draft) => (store: ProjectStore) => store.saveDraft(draft.id, draft);

/** A draft as the store holds it now. */
export const storedDraft = (store: ProjectStore, id: string) => store.drafts()[id] as Draft | undefined;

export const object = (table: string, topic = 'obsync_test_fifo'): ProjectObject => ({database, table, topic});

export async function createTable(table: string): Promise<void> {
	const admin = await connectAdmin();
	try {
		await admin.query(`CREATE TABLE IF NOT EXISTS \`${database}\`.\`${table}\` (id INT PRIMARY KEY, note VARCHAR(32))`);
	} finally {
		await admin.end();
	}
}

export async function dropTables(...tables: string[]): Promise<void> {
	const admin = await connectAdmin();
	try {
		for (const table of tables) await admin.query(`DROP TABLE IF EXISTS \`${database}\`.\`${table}\``);
	} finally {
		await admin.end();
	}
}
