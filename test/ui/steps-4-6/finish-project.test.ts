import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {CheckResult} from '../../../source/engine/precheck/prechecks.js';
import type {Project} from '../../../source/engine/project/project-schema.js';
import {ProjectStore} from '../../../source/store/project-store.js';
import {createServices, type UiServices} from '../../../source/ui/services.js';
import {type Draft, draftToProject} from '../../../source/ui/wizard/draft.js';
import {saveBlocked, saveProject, startProject} from '../../../source/ui/wizard/steps/precheck/finish-project.js';
import {connectAdmin} from '../../helpers/services.js';
import {memorySink} from '../helpers/memory-sink.js';
import {createTable, draftAt, dropTables, object} from './seed.js';

async function waitUntil(test: () => boolean, ms = 20_000) {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function writeRow(table: string, id: number) {
	const admin = await connectAdmin();
	try {
		await admin.query(`INSERT INTO ${table} (id) VALUES (?)`, [id]);
	} finally {
		await admin.end();
	}
}

const TABLE = 'ui_s46_finish';
const passed: CheckResult[] = [{id: 'store', title: 'Local store is writable', status: 'pass', detail: '/tmp', durationMs: 1}];
const failed: CheckResult[] = [
	{id: 'topics-fifo', title: 'Each topic exists and is FIFO', status: 'fail', detail: 'not FIFO', durationMs: 1},
];

let home: string;
let services: UiServices;
beforeAll(() => createTable(TABLE));
afterAll(() => dropTables(TABLE));
afterEach(async () => {
	for (const name of services.store.names()) await services.running(name)?.engine.stop();
	rmSync(home, {recursive: true, force: true});
});

function setUp(id: string, change: Partial<Draft> = {}): {draft: Draft; project: Project} {
	home = mkdtempSync(path.join(tmpdir(), 'obsync-s46-'));
	services = createServices({store: new ProjectStore({directory: home}), sink: memorySink().factory, timeoutMs: 5000});
	const draft = draftAt(id, 'precheck', {objects: [object(TABLE)], ...change});
	const built = draftToProject(draft);
	if (!built.ok) throw new Error(JSON.stringify(built.issues));
	return {draft, project: built.project};
}

describe('Step 6: start project and save', () => {
	it('starts an edited project that ran before from its checkpoint, so changes made while it was stopped are not skipped', async () => {
		const {draft, project} = setUp('resume');
		expect(startProject(services, draft, project, {at: 'then', results: passed})).toEqual({ok: true, name: project.name});
		const first = services.running(project.name)!.engine;
		await waitUntil(() => first.state === 'running');
		await first.stop();
		expect(services.hasCheckpoint(project.name)).toBe(true);
		await writeRow(TABLE, 4242);
		const edited = {...draft, editing: project.name};
		expect(startProject(services, edited, project, {at: 'then', results: passed})).toEqual({ok: true, name: project.name});
		const second = services.running(project.name)!.engine;
		await waitUntil(() => second.snapshot().totals.insert >= 1);
		expect(second.snapshot().tables[`obsync_test.${TABLE}`]?.insert).toBe(1);
	});

	it('saves the project and its precheck', () => {
		const {draft, project} = setUp('save');
		expect(saveProject(services, draft, project, {at: 'then', results: failed})).toEqual({ok: true, name: project.name});
		expect(services.store.get(project.name)).toEqual(project);
		expect(services.store.precheck(project.name)).toEqual({at: 'then', results: failed});
		expect(services.running(project.name)).toBeUndefined();
	});

	it('refuses to start after a failed precheck, and saves nothing', () => {
		const {draft, project} = setUp('nostart');
		expect(startProject(services, draft, project, {at: 'then', results: failed})).toEqual({ok: false, error: 'the precheck did not pass'});
		expect(services.store.has(project.name)).toBe(false);
	});

	it('starts a saved project from its start timestamp (not resumed), then refuses to save it again while it runs here', async () => {
		const {draft, project} = setUp('run');
		expect(startProject(services, draft, project, {at: 'then', results: passed})).toEqual({ok: true, name: project.name});
		const running = services.running(project.name);
		expect(running).toBeDefined();
		const editing = {...draft, editing: project.name};
		expect(saveBlocked(services, editing, project)).toBe(
			`${project.name} is running in this terminal: stop it first (from its dashboard), then save`,
		);
		expect(saveProject(services, editing, project, {at: 'later', results: passed})).toEqual({
			ok: false,
			error: `${project.name} is running in this terminal: stop it first (from its dashboard), then save`,
		});
		await running?.engine.stop();
		expect(saveBlocked(services, editing, project)).toBeNull();
	});

	it('moves an edited project to its new name', () => {
		const {draft, project} = setUp('renamed');
		services.store.save({...project, name: 'ui_s46_old'});
		services.store.savePrecheck('ui_s46_old', {at: 'old', results: failed});
		expect(saveProject(services, {...draft, editing: 'ui_s46_old'}, project, {at: 'new', results: passed}).ok).toBe(true);
		expect(services.store.names()).toEqual([project.name]);
		expect(services.store.precheck(project.name)).toEqual({at: 'new', results: passed});
	});

	it('refuses to overwrite another project of the same name', () => {
		const {draft, project} = setUp('taken');
		services.store.save({...project, tags: ['theirs']});
		const outcome = saveProject(services, draft, project, {at: 'now', results: passed});
		expect(outcome).toEqual({ok: false, error: expect.stringContaining(`a project named "${project.name}" already exists`)});
		expect(services.store.get(project.name).tags).toEqual(['theirs']);
	});
});
