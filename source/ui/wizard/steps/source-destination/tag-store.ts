/**
 * Tag management against the store (OMS: Manage Tags): a tag renamed or deleted is renamed or taken off in every
 * saved project and every other wizard draft that carries it, so no project is left with a tag that no longer
 * exists. The draft on screen is changed by the caller (it lives in the wizard until saved).
 */
import type {ProjectStore} from '../../../../store/project-store.js';
import {readDraft} from '../../draft.js';
import {removeFromList, renameInList} from './tag-rules.js';

export type TagChange = {
	/** The saved projects changed. */
	readonly projects: readonly string[];
	/** Saved projects that could not be read (left as they are), with why. */
	readonly failed: readonly string[];
};

/** The saved projects that carry the tag. */
export function projectsWithTag(store: ProjectStore, tag: string): string[] {
	return store.names().filter((name) => {
		try {
			return store.get(name).tags.includes(tag);
		} catch {
			return false;
		}
	});
}

function changeEverywhere(store: ProjectStore, tag: string, change: (tags: readonly string[]) => string[], skipDraft?: string): TagChange {
	const projects: string[] = [];
	const failed: string[] = [];
	for (const name of store.names()) {
		try {
			const project = store.get(name);
			if (!project.tags.includes(tag)) continue;
			store.save({...project, tags: change(project.tags)});
			projects.push(name);
		} catch (error) {
			failed.push(`${name}: ${(error as Error).message}`);
		}
	}
	for (const [id, stored] of Object.entries(store.drafts())) {
		if (id === skipDraft) continue;
		const draft = readDraft(stored);
		if (draft?.tags.includes(tag)) store.saveDraft(id, {...(stored as object), tags: change(draft.tags)});
	}
	return {projects, failed};
}

export function createTag(store: ProjectStore, name: string): void {
	store.setTags([...store.tags(), name.trim()]);
}

/** Renames the tag in the tag list, the saved projects and the other drafts. */
export function renameTag(store: ProjectStore, from: string, to: string, options: {skipDraft?: string} = {}): TagChange {
	const target = to.trim();
	store.setTags(renameInList(store.tags(), from, target));
	return changeEverywhere(store, from, (tags) => renameInList(tags, from, target), options.skipDraft);
}

/** Deletes the tag from the tag list, the saved projects and the other drafts. */
export function deleteTag(store: ProjectStore, tag: string, options: {skipDraft?: string} = {}): TagChange {
	store.setTags(removeFromList(store.tags(), tag));
	return changeEverywhere(store, tag, (tags) => removeFromList(tags, tag), options.skipDraft);
}
