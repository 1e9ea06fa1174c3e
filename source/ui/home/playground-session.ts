/**
 * The playground workload this app started, kept beyond the playground screen (which gives way to the dashboard) so
 * the home screen can show it and stop it with a key. One per app (keyed by its services); it also stops by itself
 * when the playground project's engine stops, which quitting the app does.
 */
import type {Workload} from '../../playground/workload.js';
import type {UiServices} from '../services.js';

const workloads = new WeakMap<UiServices, Workload>();

export function playgroundWorkload(services: UiServices): Workload | undefined {
	return workloads.get(services);
}

/** Records the app's workload; a previous one still running is stopped. */
export function setPlaygroundWorkload(services: UiServices, workload: Workload): void {
	const previous = workloads.get(services);
	if (previous && previous !== workload) void previous.stop();
	workloads.set(services, workload);
}
