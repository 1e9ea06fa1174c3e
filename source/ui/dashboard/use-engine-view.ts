/**
 * Watches an engine of this process: its latest snapshot, and a short history of lag and rates for the sparklines.
 * A status event (once a second) adds a sample; any other event (state, checkpoint, error, retry, reconnect) only
 * refreshes the numbers, so a pause or a stop shows at once.
 */
import {useEffect, useState} from 'react';
import type {Engine} from '../../engine/engine.js';
import type {EngineSnapshot} from '../../engine/engine-events.js';
import {pushSample, type Sample, sampleOf} from './history.js';

export type EngineView = {readonly snapshot: EngineSnapshot | null; readonly history: readonly Sample[]};

const viewOf = (engine: Engine | undefined): EngineView => ({snapshot: engine?.snapshot() ?? null, history: []});

export function useEngineView(engine: Engine | undefined): EngineView {
	const [view, setView] = useState<EngineView>(() => viewOf(engine));
	useEffect(() => {
		// What happened between the first render and this subscription (a new engine, a state change) shows now; the
		// history goes on across a restart of the project.
		setView((previous) => ({...previous, snapshot: engine?.snapshot() ?? null}));
		if (!engine) return;
		return engine.subscribe((event) => {
			if (event.type === 'status') {
				setView((previous) => ({snapshot: event.snapshot, history: pushSample(previous.history, sampleOf(event.snapshot, Date.now()))}));
			} else {
				setView((previous) => ({...previous, snapshot: engine.snapshot()}));
			}
		});
	}, [engine]);
	// The render in which the engine goes away (an attached run whose process ended) comes before the effect above
	// clears the snapshot: without this, that frame would still show the live view and its p/r/s keys.
	return engine ? view : {snapshot: null, history: view.history};
}
