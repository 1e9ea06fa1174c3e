/**
 * The dashboard's view of a project that another process runs (obsync run under systemd or tmux): its run, attached
 * through the control socket once it answers, so the live view and p/r/s work on it as on a run of this process.
 * When that process ends, the run is dropped (the idle view follows) and `onEnded` is told its last snapshot, unless
 * it ended because it was stopped from here or there (its last state is then `stopped`).
 */
import {useEffect, useRef, useState} from 'react';
import type {RemoteEngine} from '../../engine/control/remote-engine.js';
import type {EngineSnapshot} from '../../engine/engine-events.js';
import type {UiServices} from '../services.js';

export function useRemoteEngine(
	services: UiServices,
	name: string,
	options: {readonly enabled: boolean; readonly onEnded: (last: EngineSnapshot, pid: number | null) => void},
): RemoteEngine | undefined {
	const {enabled} = options;
	const onEnded = useRef(options.onEnded);
	onEnded.current = options.onEnded;
	const [remote, setRemote] = useState<RemoteEngine | undefined>(() => (enabled ? services.remote(name) : undefined));
	// Until it answers (a few milliseconds), and after it ended while the lock says a process still runs it, ask again.
	useEffect(() => {
		if (!enabled || remote) return;
		const timer = setInterval(() => {
			const attached = services.remote(name);
			if (attached) setRemote(attached);
		}, 100);
		return () => clearInterval(timer);
	}, [services, name, enabled, remote]);
	useEffect(() => {
		if (!remote) return;
		let live = true;
		void remote.done.then(() => {
			if (!live) return;
			const last = remote.snapshot();
			if (last.state !== 'stopped') onEnded.current(last, remote.pid);
			setRemote(undefined);
		});
		return () => {
			live = false;
		};
	}, [remote]);
	return enabled ? remote : undefined;
}
