/**
 * Driving Steps 1 and 2 by keys, the way a user does: move the focus to a labelled line, type, press. Every helper
 * waits for the screen to show the effect, then lets it settle: Ink hands a key to the handlers subscribed by the
 * last render's effects, which a loaded machine may run some milliseconds after the frame is drawn.
 */
import {createServer} from 'node:net';
import {type Project, projectSchema} from '../../../source/engine/project/project-schema.js';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {emptyDraft} from '../../../source/ui/wizard/draft.js';
import {keys, type RenderedUi, testDestination, testSource} from '../helpers/render-ui.js';

/** Lets a screen that just appeared start listening to keys. */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

/** The line that has the focus (`› ` at the start of the body), without the marker. */
export function focusedLine(frame: string): string | undefined {
	return /^ › (.*)$/m.exec(frame)?.[1];
}

/** Waits for `text`, then lets the screen settle. */
export async function see(ui: RenderedUi, text: string | RegExp, timeoutMs?: number): Promise<string> {
	const frame = await ui.waitFor(text, timeoutMs);
	await settle();
	return frame;
}

/** Moves the focus down (or up) until the focused line starts with `label`, then lets the focused field settle. */
export async function focusOn(ui: RenderedUi, label: string, direction: 'down' | 'up' = 'down'): Promise<void> {
	let stuck = 0;
	for (let i = 0; i < 30 && stuck < 3; i++) {
		if (focusedLine(ui.lastFrame())?.trimStart().startsWith(label.trimStart())) {
			if (i > 0) await settle();
			return;
		}
		const before = ui.lastFrame();
		await ui.press(direction === 'down' ? keys.down : keys.up);
		const moved = await ui
			.waitFor((frame) => frame !== before, 1000)
			.then(
				() => true,
				() => false,
			);
		stuck = moved ? 0 : stuck + 1;
	}
	throw new Error(`no line "${label}" took the focus; the last frame:\n${ui.lastFrame()}`);
}

/** Types into the focused field and waits until the frame shows it (secrets show as `*`). */
export async function typeText(ui: RenderedUi, text: string, options: {secret?: boolean} = {}): Promise<void> {
	const before = ui.lastFrame();
	await ui.type(text);
	await ui.waitFor((frame) => frame !== before && (options.secret || frame.includes(text)));
	await settle();
}

/**
 * Empties the focused text field: `length` Backspaces, each seen on screen. A Backspace that reached a handler of
 * the previous render changes nothing (it deletes from the value already shown), so it is pressed again.
 */
export async function clearText(ui: RenderedUi, length: number): Promise<void> {
	for (let i = 0; i < length; i++) {
		for (let attempt = 1; ; attempt++) {
			const before = ui.lastFrame();
			await ui.press(keys.backspace);
			const changed = await ui
				.waitFor((frame) => frame !== before, 1000)
				.then(
					() => true,
					() => false,
				);
			await settle(100);
			if (changed) break;
			if (attempt === 3) throw new Error(`Backspace changed nothing; the last frame:\n${ui.lastFrame()}`);
		}
	}
}

/** Focuses a labelled field and types into it. */
export async function fill(ui: RenderedUi, label: string, text: string, options: {secret?: boolean; replace?: number} = {}): Promise<void> {
	await focusOn(ui, label);
	if (options.replace) await clearText(ui, options.replace);
	await typeText(ui, text, options);
}

/** Focuses a button and presses it. */
export async function pressButton(ui: RenderedUi, label: string): Promise<void> {
	await focusOn(ui, `[ ${label}`);
	await ui.press(keys.enter);
}

/** A local TCP port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (typeof address !== 'object' || address === null) throw new Error('no port');
	return address.port;
}

/** Seeds a draft at a given step (a later starting point for a test). */
export function seedDraft(store: ProjectStore, id: string, change: Partial<ReturnType<typeof emptyDraft>> = {}): void {
	store.saveDraft(id, {...emptyDraft(id), ...change});
}

/** The stored draft (what the wizard saved), as plain JSON. */
export function storedDraft(store: ProjectStore, id: string): Record<string, unknown> | undefined {
	return store.drafts()[id] as Record<string, unknown> | undefined;
}

/** Saves a minimal valid project (one table to the FIFO test topic). */
export function seedProject(store: ProjectStore, name: string, tags: string[] = []): Project {
	const project = projectSchema.parse({
		name,
		tags,
		source: testSource,
		destination: testDestination,
		objects: [{database: 'obsync_test', table: 'ui_s12_orders', topic: 'obsync_test_fifo'}],
	});
	store.save(project);
	return project;
}
