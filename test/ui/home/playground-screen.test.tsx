import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runPlayground} from '../../../source/playground/run-playground.js';
import {Home} from '../../../source/ui/home/home.js';
import {Playground} from '../../../source/ui/home/playground.js';
import {playgroundWorkload, setPlaygroundWorkload} from '../../../source/ui/home/playground-session.js';
import {keys, type RenderedUi} from '../helpers/render-ui.js';
import {eventually, type HarnessUi, renderApp, renderScreen} from './harness.js';
import {countOrders, dropPlaygroundDatabase, fakeClone, installedPackage, removeFixtures} from './playground-fixtures.js';

let ui: RenderedUi | HarnessUi | undefined;
beforeAll(dropPlaygroundDatabase);
afterEach(async () => {
	if (!ui) return;
	await ui.services.running('playground')?.engine.stop();
	await playgroundWorkload(ui.services)?.stop();
	ui.cleanup();
	ui = undefined;
});
afterAll(async () => {
	await dropPlaygroundDatabase();
	removeFixtures();
});

describe('Playground screen', () => {
	it('says what it will do before doing anything, within 24 rows', async () => {
		const screen = renderScreen(() => <Playground />);
		ui = screen;
		const frame = await screen.waitFor('On Enter, obsync will:');
		for (const step of [
			'- 1. Start the test services (MariaDB, RocketMQ)',
			'- 2. Create the sample table obsync_playground.orders',
			'- 3. Save the data sources and the project "playground"',
			'- 4. Start the project (obsync_playground.orders → obsync_test_fifo)',
			'- 5. Start a small workload (inserts, updates, deletes)',
			'then open the dashboard of playground.',
			'Enter start the playground',
			'Esc back to projects',
		]) {
			expect(frame).toContain(step);
		}
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		expect(screen.services.store.names()).toEqual([]);
		await screen.press(keys.escape);
		expect(screen.routes).toEqual([{screen: 'home'}]);
	});

	it('on Enter sets everything up, shows the progress, and opens the dashboard of the running project', async () => {
		const screen = renderScreen(() => <Playground />);
		ui = screen;
		await screen.waitFor('On Enter, obsync will:');
		await screen.press(keys.enter);
		await screen.waitFor('Working…');
		await eventually(() => screen.routes.length > 0, 'the dashboard route', 60_000);
		expect(screen.routes).toEqual([{screen: 'dashboard', project: 'playground'}]);
		expect(screen.frames().some((frame) => frame.includes('✔ 1. Start the test services'))).toBe(true);
		expect(screen.services.running('playground')?.engine.state).toBe('running');
		const workload = playgroundWorkload(screen.services);
		expect(workload?.running).toBe(true);
		await eventually(() => (workload?.counts.insert ?? 0) > 0, 'an insert by the workload');
		expect(await countOrders()).toBeGreaterThan(0);
		for (const frame of screen.frames()) expect(frame.split('\n').length).toBeLessThanOrEqual(24);
	});

	it('is reached from the welcome panel, and leaves for the dashboard once rows flow', async () => {
		ui = renderApp();
		await ui.waitFor('Welcome to obsync');
		await ui.press('2');
		await ui.waitFor('obsync › Projects › Playground');
		await ui.press(keys.enter);
		await ui.waitFor((frame) => !frame.includes('obsync › Projects › Playground'), 60_000);
		expect(ui.services.running('playground')?.engine.state).toBe('running');
		await eventually(() => ui?.sink.messages.some((message) => message.topic === 'obsync_test_fifo') ?? false, 'a message', 20_000);
	});

	it('says that an installed package needs a clone, and offers no Enter', async () => {
		const screen = renderScreen(() => <Playground root={installedPackage()} />);
		ui = screen;
		const frame = await screen.waitFor('✘ the playground needs a clone of the obsync repository');
		expect(frame).toContain('From a clone of the repository, obsync would:');
		expect(frame.replace(/\s+/g, ' ')).toContain('the installed package does not ship the test services: git clone the repository');
		expect(frame).not.toContain('Enter start');
		await screen.press(keys.enter);
		expect(screen.lastFrame()).not.toContain('Working…');
		expect(screen.services.store.names()).toEqual([]);
	});

	it('shows a failed step with what went wrong and where the output is, and Enter tries again', async () => {
		const root = fakeClone("process.stderr.write('error: MariaDB server is not installed\\n'); process.exit(1);\n");
		const screen = renderScreen(() => <Playground root={root} />);
		ui = screen;
		await screen.waitFor('On Enter, obsync will:');
		await screen.press(keys.enter);
		const frame = await screen.waitFor('✘ the test services did not start (exit code 1): error: MariaDB server is not installed');
		expect(frame).toContain('✘ 1. Start the test services');
		expect(frame).toContain('playground.log');
		expect(frame).toContain('Enter try again');
		const log = path.join(screen.services.store.directory, 'playground.log');
		expect(readFileSync(log, 'utf8').match(/ up\n/g)).toHaveLength(1);
		await screen.press(keys.enter);
		await eventually(() => readFileSync(log, 'utf8').match(/ up\n/g)?.length === 2, 'a second run of the services script');
		await screen.waitFor('Enter try again');
		expect(screen.routes).toEqual([]);
	});

	it('Esc while it works cancels, and says so', async () => {
		const root = fakeClone("process.stderr.write('rocketmq: downloading the broker\\n'); setTimeout(() => {}, 60_000);\n");
		const screen = renderScreen(() => <Playground root={root} />);
		ui = screen;
		await screen.waitFor('On Enter, obsync will:');
		await screen.press(keys.enter);
		await screen.waitFor('rocketmq: downloading the broker');
		expect(screen.lastFrame()).toContain('Esc cancel');
		await screen.press(keys.escape);
		await screen.waitFor('Cancelled. What was already done is kept and reused next time.');
		expect(screen.routes).toEqual([]);
	});
});

describe('Home: the playground workload', () => {
	it('shows the workload’s counts, and w stops it and starts it again', async () => {
		const screen = renderScreen(() => <Home />);
		ui = screen;
		await screen.waitFor('Welcome to obsync');
		const run = await runPlayground({runner: screen.services, workloadIntervalMs: 100});
		setPlaygroundWorkload(screen.services, run.workload);
		await screen.waitFor(/playground\s+playground\s+running · lag/);
		await screen.waitFor(/Playground workload: [1-9]\d* inserts, \d+ updates, \d+ deletes/);
		expect(screen.lastFrame()).toContain('w stop workload');
		await screen.press('w');
		await screen.waitFor('Stopping the playground workload (the project keeps running).');
		await eventually(() => !run.workload.running, 'the workload to stop');
		await screen.waitFor('w start workload');
		expect(screen.lastFrame()).not.toContain('Playground workload:');
		await screen.press('w');
		await screen.waitFor('The playground workload runs again.');
		const again = playgroundWorkload(screen.services);
		expect(again).not.toBe(run.workload);
		expect(again?.running).toBe(true);
	});
});
