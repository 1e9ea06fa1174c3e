/**
 * Key presses that wait for React to finish. Ink subscribes a component to keys in an effect, and React runs effects
 * after it has drawn the frame (later still on a busy machine), so a key sent as soon as a dialog shows can reach
 * nobody, and a frame read at once may lack what an effect sets. Before each key and after each wait, this driver lets
 * React's scheduler run everything it has queued (an idle-priority task runs only after all other work) until the
 * frame stops changing, so every key reaches the screen on view and every assertion sees the settled frame.
 */
import {createRequire} from 'node:module';
import type {RenderedUi} from '../helpers/render-ui.js';

type Scheduler = {unstable_scheduleCallback(priority: number, callback: () => void): unknown; unstable_IdlePriority: number};

// The scheduler instance react-reconciler (Ink) uses: the same module from the same node_modules.
const scheduler = createRequire(import.meta.url)('scheduler') as Scheduler;

/** Resolves once React's scheduler has nothing else to do (pending effects have run). */
export function idle(): Promise<void> {
	return new Promise((resolve) => {
		scheduler.unstable_scheduleCallback(scheduler.unstable_IdlePriority, () => resolve());
	});
}

/**
 * Waits until React is idle and the frame has stopped changing: an effect may set state, whose render schedules more
 * effects, so one idle turn is not always enough.
 */
export async function settle(lastFrame: () => string): Promise<void> {
	let frame = lastFrame();
	for (let stable = 0, round = 0; stable < 2 && round < 200; round++) {
		await idle();
		await new Promise((resolve) => setImmediate(resolve));
		const now = lastFrame();
		stable = now === frame ? stable + 1 : 0;
		frame = now;
	}
}

/**
 * The frame as one line of single spaces without box borders, so a message Ink wrapped onto several lines (inside a
 * box or not) still reads whole.
 */
export function flat(frame: string): string {
	return frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
}

export type Driver = RenderedUi;

/**
 * The rendered UI with `press`, `type` and `waitFor` that leave React idle before going on; `waitFor` a text also
 * matches it across the lines Ink wrapped it onto.
 */
export function driver(ui: RenderedUi): Driver {
	const press = async (...input: string[]) => {
		for (const chunk of input) {
			await settle(ui.lastFrame);
			await ui.press(chunk);
		}
		await settle(ui.lastFrame);
	};
	return {
		...ui,
		press,
		type: (text) => press(text),
		async waitFor(expected, timeoutMs) {
			const wanted =
				typeof expected === 'string' ? (frame: string) => frame.includes(expected) || flat(frame).includes(flat(expected)) : expected;
			await ui.waitFor(wanted, timeoutMs);
			await settle(ui.lastFrame);
			return ui.lastFrame();
		},
	};
}
