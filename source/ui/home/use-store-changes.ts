/**
 * A number that grows whenever what the home screen reads from disk may have changed: the store file (projects,
 * drafts, data sources; `conf` replaces it through a rename, so its directory is watched, not the file) and the
 * checkpoint directory (checkpoints and the lock files that say a project runs in another process). The screen
 * re-reads the disk when it grows, and only then.
 * Events are coalesced (a save is several events, a running engine saves its checkpoint often). Where fs.watch is
 * not available or fails, a slow poll stands in. `refresh` bumps it by hand, after the screen's own changes.
 */
import {type FSWatcher, mkdirSync, watch} from 'node:fs';
import {useCallback, useEffect, useState} from 'react';

/** How long events are gathered before the screen reloads. */
export const COALESCE_MS = 150;
/** How often to reload when the directories cannot be watched. */
export const POLL_MS = 5000;

export function useStoreChanges(directories: readonly string[]): {readonly version: number; readonly refresh: () => void} {
	const [version, setVersion] = useState(0);
	const refresh = useCallback(() => setVersion((current) => current + 1), []);
	const key = directories.join('\u0000');
	// biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the directories' contents.
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let poll: NodeJS.Timeout | undefined;
		const watchers: FSWatcher[] = [];
		const changed = () => {
			timer ??= setTimeout(() => {
				timer = undefined;
				refresh();
			}, COALESCE_MS);
		};
		const fallBack = () => {
			for (const watcher of watchers.splice(0)) watcher.close();
			poll ??= setInterval(refresh, POLL_MS);
		};
		try {
			// Made before any is watched: making one inside another would be heard as a change.
			for (const directory of directories) mkdirSync(directory, {recursive: true, mode: 0o700});
			for (const directory of directories) {
				const watcher = watch(directory, {persistent: false}, changed);
				watcher.on('error', fallBack);
				watchers.push(watcher);
			}
		} catch {
			fallBack();
		}
		return () => {
			for (const watcher of watchers) watcher.close();
			clearTimeout(timer);
			clearInterval(poll);
		};
	}, [key, refresh]);
	return {version, refresh};
}

/** Re-renders every `ms` while `ms` is not null: for numbers that live in memory (a running engine's lag). */
export function useTicking(ms: number | null): void {
	const [, setTick] = useState(0);
	useEffect(() => {
		if (ms === null) return;
		const timer = setInterval(() => setTick((tick) => tick + 1), ms);
		return () => clearInterval(timer);
	}, [ms]);
}
