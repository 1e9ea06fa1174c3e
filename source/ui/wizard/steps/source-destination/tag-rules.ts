/** Tags, as lists of names: what a new or renamed tag may be, and how a rename or a delete changes a list. Pure. */

/** What is wrong with a tag name (`from`: the tag being renamed, which may keep its name). */
export function tagNameProblem(name: string, tags: readonly string[], from?: string): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'a tag name is required';
	if ([...trimmed].length > 64) return 'a tag has at most 64 characters';
	if (trimmed !== from && tags.includes(trimmed)) return `there is already a tag named "${trimmed}"`;
	return undefined;
}

/** The list with `from` renamed `to`, in place; no duplicate when `to` is already there. */
export function renameInList(tags: readonly string[], from: string, to: string): string[] {
	return [...new Set(tags.map((tag) => (tag === from ? to : tag)))];
}

export function removeFromList(tags: readonly string[], tag: string): string[] {
	return tags.filter((each) => each !== tag);
}

/** The list with `tag` added (at the end) or taken off. */
export function toggleInList(tags: readonly string[], tag: string): string[] {
	return tags.includes(tag) ? removeFromList(tags, tag) : [...tags, tag];
}
