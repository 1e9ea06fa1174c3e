/**
 * The runs of other processes (obsync run under systemd or tmux, another app) that the screens show: one connection
 * to each one's control socket, made when a screen first asks and kept while that run lives, shared by Home and the
 * dashboard. A run that cannot be reached (no socket: an older obsync, or a folder others may write to) is asked again
 * only every RETRY_MS, not on every render.
 */
import {attachRemoteEngine, type RemoteEngine} from '../engine/control/remote-engine.js';
import {lockHolder} from '../store/project-lock.js';
import type {ProjectStore} from '../store/project-store.js';

const RETRY_MS = 5000;

export type RemoteRuns = {
	/** The run of the project in another process, once it answered; undefined when none runs or it does not answer (yet). */
	attached(name: string): RemoteEngine | undefined;
	/** Closes every connection (the runs go on). */
	detachAll(): void;
};

export function createRemoteRuns(store: ProjectStore): RemoteRuns {
	const remotes = new Map<string, {remote: RemoteEngine; since: number}>();
	return {
		attached(name) {
			const known = remotes.get(name);
			if (known && !known.remote.gone) return known.remote.pid === null ? undefined : known.remote;
			if (known && Date.now() - known.since < RETRY_MS) return undefined;
			if (lockHolder(store.lockFile(name)) === null) {
				remotes.delete(name);
				return undefined;
			}
			remotes.set(name, {remote: attachRemoteEngine(store.socketFile(name), name), since: Date.now()});
			return undefined; // it says hello within milliseconds; the next render shows it
		},
		detachAll() {
			for (const {remote} of remotes.values()) remote.detach();
			remotes.clear();
		},
	};
}
