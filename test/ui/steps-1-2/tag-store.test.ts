import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Project} from '../../../source/engine/project/project-schema.js';
import {ProjectStore} from '../../../source/store/project-store.js';
import {emptyDraft} from '../../../source/ui/wizard/draft.js';
import {createTag, deleteTag, projectsWithTag, renameTag} from '../../../source/ui/wizard/steps/source-destination/tag-store.js';
import {testDestination, testSource} from '../helpers/render-ui.js';

const project = (name: string, tags: string[]): Project =>
	({
		version: 1,
		name,
		tags,
		source: testSource,
		destination: testDestination,
		operations: ['insert', 'update', 'delete'],
		objects: [{database: 'obsync_test', table: 'ui_s12_orders', topic: 'obsync_test_fifo'}],
		options: {},
	}) as unknown as Project;

let home: string;
let store: ProjectStore;
beforeEach(() => {
	home = mkdtempSync(path.join(tmpdir(), 'obsync-tags-'));
	store = new ProjectStore({directory: home});
	store.setTags(['prod', 'billing']);
	store.save(project('orders', ['prod', 'billing']));
	store.save(project('users', ['billing']));
	store.save(project('audit', []));
	store.saveDraft('other', {...emptyDraft('other'), tags: ['prod']});
	store.saveDraft('mine', {...emptyDraft('mine'), tags: ['prod']});
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

describe('Manage tags, in the store', () => {
	it('creates a tag at the end of the list', () => {
		createTag(store, ' staging ');
		expect(store.tags()).toEqual(['prod', 'billing', 'staging']);
	});

	it('tells which saved projects carry a tag', () => {
		expect(projectsWithTag(store, 'billing')).toEqual(['orders', 'users']);
		expect(projectsWithTag(store, 'none')).toEqual([]);
	});

	it('renames a tag in the list, in every saved project and in the other drafts', () => {
		const change = renameTag(store, 'prod', 'production', {skipDraft: 'mine'});
		expect(change).toEqual({projects: ['orders'], failed: []});
		expect(store.tags()).toEqual(['production', 'billing']);
		expect(store.get('orders').tags).toEqual(['production', 'billing']);
		expect(store.get('users').tags).toEqual(['billing']);
		expect((store.drafts().other as {tags: string[]}).tags).toEqual(['production']);
		expect((store.drafts().mine as {tags: string[]}).tags).toEqual(['prod']);
	});

	it('deletes a tag from the list, every saved project and the other drafts', () => {
		const change = deleteTag(store, 'billing', {skipDraft: 'mine'});
		expect(change.projects).toEqual(['orders', 'users']);
		expect(store.tags()).toEqual(['prod']);
		expect(store.get('orders').tags).toEqual(['prod']);
		expect(store.get('users').tags).toEqual([]);
		deleteTag(store, 'prod');
		expect((store.drafts().other as {tags: string[]}).tags).toEqual([]);
		expect((store.drafts().mine as {tags: string[]}).tags).toEqual([]);
	});
});
