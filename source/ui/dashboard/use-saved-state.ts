/**
 * What is known of a project that does not run in this process: whether another process (obsync run) runs it, and
 * its last checkpoint, read again every few seconds (another process moves it on).
 */
import {useEffect, useState} from 'react';
import type {Checkpoint} from '../../engine/checkpoint/checkpoint-store.js';
import {loadCheckpoint} from '../../engine/checkpoint/checkpoint-store.js';
import {type ErrorInfo, errorInfo} from '../../engine/engine-events.js';
import type {UiServices} from '../services.js';

export type SavedState = {
	/** The pid of another process running the project, or null. */
	readonly elsewherePid: number | null;
	/** Undefined while the file is being read for the first time; null when there is no checkpoint. */
	readonly checkpoint: Checkpoint | null | undefined;
	/** A checkpoint file that cannot be read (damaged, unreadable). */
	readonly checkpointError: ErrorInfo | null;
};

export function useSavedState(
	services: UiServices,
	name: string,
	options: {readonly active: boolean; readonly intervalMs?: number},
): SavedState {
	const [state, setState] = useState<SavedState>(() => ({
		elsewherePid: services.runningElsewhere(name),
		checkpoint: undefined,
		checkpointError: null,
	}));
	const {active, intervalMs = 2000} = options;
	useEffect(() => {
		if (active) return;
		let live = true;
		const read = async () => {
			const elsewherePid = services.runningElsewhere(name);
			try {
				const checkpoint = await loadCheckpoint(services.store.checkpointFile(name));
				if (live) setState({elsewherePid, checkpoint, checkpointError: null});
			} catch (error) {
				if (live) setState({elsewherePid, checkpoint: null, checkpointError: errorInfo(error)});
			}
		};
		void read();
		const timer = setInterval(() => void read(), intervalMs);
		return () => {
			live = false;
			clearInterval(timer);
		};
	}, [services, name, active, intervalMs]);
	return state;
}
