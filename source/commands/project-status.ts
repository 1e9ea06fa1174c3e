/**
 * Where a saved project stands, whatever started it: a run that holds the project's lock is asked over its control
 * socket (engine/control); otherwise the lock and the checkpoint on disk tell whether it stopped cleanly, crashed
 * (a lock left by a dead process) or never ran.
 */
import {existsSync} from 'node:fs';
import {type Checkpoint, loadCheckpoint} from '../engine/checkpoint/checkpoint-store.js';
import {controlRequest} from '../engine/control/control-client.js';
import type {EngineSnapshot, EngineState} from '../engine/engine-events.js';
import {lockHolder} from '../store/project-lock.js';
import type {ProjectStore} from '../store/project-store.js';
import {describeError} from './report-error.js';

/** The engine's states while a process runs it; `crashed`: a dead process's lock is left; `unreachable`: a live run that did not answer. */
export type StatusState = EngineState | 'not running' | 'never run' | 'crashed' | 'unreachable';

export type ProjectStatus = {
	readonly project: string;
	readonly state: StatusState;
	readonly pid: number | null;
	/** The running engine's snapshot (what `obsync run --json` prints as its status line). */
	readonly snapshot?: EngineSnapshot;
	/** The checkpoint: the run's newest, or the saved file's when nothing runs. */
	readonly checkpoint: Checkpoint | null;
	readonly checkpointAgeSeconds: number | null;
	readonly error?: string;
};

export async function projectStatus(store: ProjectStore, name: string, now = Date.now()): Promise<ProjectStatus> {
	const age = (checkpoint: Checkpoint | null) =>
		checkpoint ? Math.max(0, Math.round((now - Date.parse(checkpoint.savedAt)) / 1000)) : null;
	const pid = lockHolder(store.lockFile(name));
	if (pid !== null) {
		try {
			const {hello, reply} = await controlRequest(store.socketFile(name), 'snapshot');
			if (!reply.ok) throw new Error(reply.error);
			const {snapshot} = reply;
			return {
				project: name,
				state: snapshot.state,
				pid: hello.pid,
				snapshot,
				checkpoint: snapshot.checkpoint,
				checkpointAgeSeconds: age(snapshot.checkpoint),
			};
		} catch (error) {
			const {checkpoint} = await savedCheckpoint(store, name);
			return {project: name, state: 'unreachable', pid, checkpoint, checkpointAgeSeconds: age(checkpoint), error: describeError(error)};
		}
	}
	const {checkpoint, error} = await savedCheckpoint(store, name);
	const state: StatusState = existsSync(store.lockFile(name)) ? 'crashed' : checkpoint ? 'not running' : 'never run';
	return {project: name, state, pid: null, checkpoint, checkpointAgeSeconds: age(checkpoint), ...(error ? {error} : {})};
}

/** The saved checkpoint; a damaged one is said in `error` rather than stopping the listing of the others. */
async function savedCheckpoint(store: ProjectStore, name: string): Promise<{checkpoint: Checkpoint | null; error?: string}> {
	try {
		return {checkpoint: await loadCheckpoint(store.checkpointFile(name))};
	} catch (error) {
		return {checkpoint: null, error: describeError(error)};
	}
}
