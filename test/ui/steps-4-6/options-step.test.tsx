import {afterEach, describe, expect, it, vi} from 'vitest';
import {formatLocal} from '../../../source/ui/wizard/steps/options/start-timestamp.js';
import {keys, type RenderedUi, renderUi, testSource} from '../helpers/render-ui.js';
import {draftAt, seedDraft, storedDraft} from './seed.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

async function open(change: Parameters<typeof draftAt>[2] = {}) {
	const draft = draftAt('opt', 'options', change);
	ui = renderUi({route: {screen: 'wizard', draftId: draft.id}, seed: seedDraft(draft)});
	await see('Step 4 of 5: Options');
	return draft;
}

/** The frame with its wrapping undone (messages wrap at the terminal width), to look for a whole message. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');
/** Waits until the frame shows `text`, however it wraps. */
const see = (text: string, timeoutMs?: number) => ui.waitFor((frame) => flat(frame).includes(text), timeoutMs);

/** The line of the field that has the focus (`› Label …`). */
const focusedLine = () =>
	ui
		.lastFrame()
		.split('\n')
		.find((line) => /^\s*› /.test(line)) ?? '';

/** Moves the focus with ↓ (one key at a time, each seen on screen) to the field whose line shows `label`. */
async function focus(label: string) {
	for (let i = 0; i < 12 && !focusedLine().includes(label); i++) {
		const before = focusedLine();
		await ui.press(keys.down);
		await ui.waitFor(() => focusedLine() !== before);
	}
	expect(focusedLine()).toContain(label);
	await settle();
}

/**
 * Lets the work React scheduled after the render run (Ink subscribes a newly focused text input in an effect, queued
 * with setImmediate): on a loaded machine a timer can fire first, and text typed then would reach the old field.
 */
async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

const toNext = () => focus('[ Next: precheck ]');

describe('Step 4: options', () => {
	it('shows every option with its default: start now, Default format, Hash partitioning, default_tag, tracing off', async () => {
		await open();
		const frame = ui.lastFrame();
		for (const text of [
			'Start timestamp',
			'Serialization method',
			'Intra-transaction sequence',
			'Partitioning rule',
			'Hash',
			'Business system ID',
			'Producer group',
			'Message tag',
			'default_tag',
			'Message tracing',
			'[ Next: precheck ]',
			'Starts now: at the end of the source binlog',
		]) {
			expect(frame).toContain(text);
		}
		expect(frame).toContain('Default');
		expect(frame).not.toContain('Trace topic');
		// The focused start field says what it accepts and in which time zone.
		expect(flat(frame)).toMatch(/YYYY-MM-DD HH:mm:ss \((.+ \()?UTC[+-]\d{2}:\d{2}\)?\)/);
	});

	it('refuses start timestamp text that is not a time, once the field is left, and refuses Next', async () => {
		await open();
		await ui.type('yesterday');
		expect(ui.lastFrame()).not.toContain('is not a time');
		await ui.press(keys.tab);
		await see('"yesterday" is not a time');
		await toNext();
		await ui.press(keys.enter);
		await see('The start timestamp is not valid (see above).');
		expect(flat(ui.lastFrame())).toContain('Step 4 of 5');
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')?.startTimestampText).toBe('yesterday'), {timeout: 3000});
	});

	it('shows the parsed instant back, in local time, UTC and Unix seconds', async () => {
		await open();
		await ui.type('2024-05-01T02:00:00Z');
		await see('Unix 1714528800');
		expect(flat(ui.lastFrame())).toContain(`Starts at ${formatLocal(1_714_528_800)}`);
		expect(flat(ui.lastFrame())).toContain('2024-05-01T02:00:00Z');
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')?.options.startTimestamp).toBe(1_714_528_800), {timeout: 3000});
	});

	it('refuses a time before the oldest binlog the source keeps, with the engine message naming the earliest time', async () => {
		await open();
		await ui.type('2001-01-01 00:00:00');
		await ui.press(keys.tab);
		const frame = await see('is before the oldest binlog the server keeps', 20_000);
		expect(flat(frame)).toMatch(/from \d{4}-\d{2}-\d{2}T/);
		expect(frame).toContain('How to fix: choose a start time at or after');
		await toNext();
		await ui.press(keys.enter);
		await see('The source refuses this start timestamp (see above).', 20_000);
		expect(flat(ui.lastFrame())).toContain('Step 4 of 5');
	});

	it('says a 13-digit start timestamp looks like milliseconds, with the seconds to type instead', async () => {
		await open();
		const millis = Date.now() - 60_000;
		await ui.type(String(millis));
		await ui.press(keys.tab);
		await see(`${millis} looks like milliseconds: give a Unix timestamp in seconds (${Math.floor(millis / 1000)})`);
		await toNext();
		await ui.press(keys.enter);
		await see('The start timestamp is not valid (see above).');
	});

	it('refuses a start timestamp in the future', async () => {
		await open();
		const ahead = Math.floor(Date.now() / 1000) + 3600;
		await ui.type(String(ahead));
		await ui.press(keys.tab);
		await see('is in the future');
		expect(flat(ui.lastFrame())).toContain(`Unix ${ahead}`);
		await toNext();
		await ui.press(keys.enter);
		await see('The start timestamp is not valid (see above).');
	});

	it('accepts a recent time the binlog still has, says where reading starts, and goes on to the precheck', async () => {
		await open();
		await ui.type(String(Math.floor(Date.now() / 1000) - 1));
		await ui.press(keys.tab);
		await ui.waitFor((frame) => /✔ in the binlog at \S+:\d+/.test(flat(frame)), 20_000);
		await toNext();
		await ui.press(keys.enter);
		await see('Step 5 of 5: Precheck', 20_000);
		expect(storedDraft(ui.store, 'opt')?.options.startTimestamp).toBeTypeOf('number');
	});

	it('says when the source cannot be asked about the start timestamp, and then lets Next go on (the precheck asks again)', async () => {
		await open({source: {...testSource, port: 1}});
		await ui.type('2024-05-01 00:00:00');
		await focus('[ Next: precheck ]');
		await see('could not check it against the source:', 20_000);
		await see('Next again goes on without this check (the precheck asks the source again).');
		await ui.press(keys.enter);
		await see('Step 5 of 5: Precheck', 20_000);
	});

	it('refuses a business system identification longer than 20 characters', async () => {
		await open();
		await focus('Business system ID');
		await ui.type('abcdefghijklmnopqrstu');
		await see('the business system identification has 1-20 characters');
		await toNext();
		await ui.press(keys.enter);
		await see('Fix Business system ID (see above).');
		await focus('Business system ID');
		await ui.press(keys.backspace);
		await ui.waitFor((frame) => !flat(frame).includes('✘ the business system identification'));
		await toNext();
		await ui.press(keys.enter);
		await see('Step 5 of 5: Precheck');
		expect(storedDraft(ui.store, 'opt')?.options.businessId).toBe('abcdefghijklmnopqrst');
	});

	it('cycles the serialization methods, DataWorks shown as "DataWorks 2.0"', async () => {
		await open();
		await focus('Serialization method');
		const seen: string[] = [];
		for (const label of ['Canal', 'DataWorks 2.0', 'SharePlex', 'DefaultExtendColumnType', 'Default']) {
			await ui.press(keys.right);
			await see(`‹ ${label} ›`);
			seen.push(label);
		}
		expect(seen).toHaveLength(5);
		for (const label of ['DefaultExtendColumnType', 'SharePlex', 'DataWorks 2.0']) {
			await ui.press(keys.left);
			await see(`‹ ${label} ›`);
		}
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')?.options.format).toBe('DataWorks'), {timeout: 3000});
	});

	it('refuses the intra-transaction sequence with a non-SharePlex format, allows it with SharePlex, and turns it off on leaving SharePlex', async () => {
		await open();
		await focus('Intra-transaction sequence');
		await ui.press(keys.space);
		await see('the intra-transaction sequence exists only in the SharePlex format: choose SharePlex first');
		expect(ui.lastFrame()).toMatch(/Intra-transaction sequence\s+\[ \] off/);
		await ui.press(keys.up);
		for (const label of ['Canal', 'DataWorks 2.0', 'SharePlex']) {
			await ui.press(keys.right);
			await see(`‹ ${label} ›`);
		}
		await focus('Intra-transaction sequence');
		await ui.press(keys.space);
		await ui.waitFor(/Intra-transaction sequence\s+\[x\] on/);
		expect(ui.lastFrame()).not.toContain('exists only in the SharePlex format');
		await ui.press(keys.up);
		await see('‹ SharePlex ›');
		await ui.press(keys.right);
		await see('Intra-transaction sequence turned off: it exists only in the SharePlex format, not in DefaultExtendColumnType.');
		expect(ui.lastFrame()).toMatch(/Intra-transaction sequence\s+\[ \] off/);
		await vi.waitFor(
			() =>
				expect(storedDraft(ui.store, 'opt')?.options).toMatchObject({format: 'DefaultExtendColumnType', intraTransactionSequence: false}),
			{
				timeout: 3000,
			},
		);
	});

	it('flags an intra-transaction sequence left on with another format (an imported project) and refuses Next', async () => {
		await open({options: {format: 'Canal', intraTransactionSequence: true}});
		expect(flat(ui.lastFrame())).toContain('the intra-transaction sequence exists only in the SharePlex format');
		await toNext();
		await ui.press(keys.enter);
		await see('Fix Intra-transaction sequence (see above).');
	});

	it('shows the trace topic, with its default, when message tracing is on, and validates it', async () => {
		await open();
		await focus('Message tracing');
		await ui.press(keys.space);
		await see('Trace topic');
		expect(flat(ui.lastFrame())).toContain('obsync_msg_trace');
		await focus('Trace topic');
		await ui.type('bad topic!');
		await see('a topic name has 1-127 characters among letters, digits, %, |, _ and -');
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')?.options).toMatchObject({messageTracing: true, traceTopic: 'bad topic!'}), {
			timeout: 3000,
		});
		await ui.press(keys.up);
		await ui.waitFor(() => focusedLine().includes('Message tracing'));
		await ui.press(keys.space);
		await ui.waitFor((frame) => !frame.includes('Trace topic'));
	});

	it('keeps producer group and tag as typed, and an emptied tag falls back to default_tag', async () => {
		await open({options: {tag: 'orders'}});
		await focus('Producer group');
		await ui.type('crm_producers');
		await focus('Message tag');
		for (let i = 0; i < 'orders'.length; i++) {
			await ui.press(keys.backspace);
			await settle();
		}
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')?.options).toMatchObject({producerGroup: 'crm_producers'}), {timeout: 3000});
		expect(storedDraft(ui.store, 'opt')?.options.tag).toBeUndefined();
		expect(flat(ui.lastFrame())).toContain('default_tag');
	});

	it('reopens a draft with the start timestamp as it was typed, and still refuses it', async () => {
		await open({startTimestampText: '2024-02-30 08:00'});
		expect(ui.lastFrame()).toContain('2024-02-30 08:00');
		await toNext();
		await ui.press(keys.enter);
		await see('✘ 2024-02-30 08:00 is not a valid date and time');
		await see('The start timestamp is not valid (see above).');
	});

	it('goes back to step 3 on Esc, keeping what was typed', async () => {
		await open();
		await ui.type('not yet a time');
		await ui.press(keys.escape);
		await see('Step 3 of 5');
		await vi.waitFor(() => expect(storedDraft(ui.store, 'opt')).toMatchObject({step: 'objects', startTimestampText: 'not yet a time'}), {
			timeout: 3000,
		});
	});
});
