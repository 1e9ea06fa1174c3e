import {afterEach, describe, expect, it} from 'vitest';
import type {ProjectStore} from '../../../source/store/project-store.js';
import {DataSources} from '../../../source/ui/home/data-sources.js';
import {keys, type RenderedUi, testDestination, testSource} from '../helpers/render-ui.js';
import {type HarnessUi, renderApp, renderScreen} from './harness.js';
import {seedProject} from './seed.js';

let ui: RenderedUi | HarnessUi | undefined;
afterEach(() => {
	ui?.cleanup();
	ui = undefined;
});

const SOURCE_PW = 'ui-home-Secret-pw-7x';
const SECRET_KEY = 'ui-home-Secret-sk-9q';

function seed(store: ProjectStore): void {
	store.saveDataSource('source', 'ui_home_ob', {
		...testSource,
		flavor: 'oceanbase',
		host: '127.0.0.1',
		port: 1,
		user: 'sync',
		password: SOURCE_PW,
		tenant: 'app',
		cluster: 'ob1',
	});
	store.saveDataSource('source', 'ui_home_maria', testSource);
	store.saveDataSource('destination', 'ui_home_mq', testDestination);
	store.saveDataSource('destination', 'ui_home_acl', {
		...testDestination,
		nameServer: '127.0.0.1:1',
		accessKey: 'AK-ui-home',
		secretKey: SECRET_KEY,
	});
}

describe('Data sources screen', () => {
	it('lists sources and destinations with kind, user and endpoint, and never shows a password or secret key', async () => {
		ui = renderApp({route: {screen: 'data-sources'}, seed});
		const frame = await ui.waitFor('Destinations (2)');
		expect(frame).toContain('Sources (2)');
		expect(frame).toMatch(/ui_home_maria\s+MariaDB\s+obsync\s+127\.0\.0\.1:23306/);
		expect(frame).toMatch(/ui_home_ob\s+OceanBase CE\s+sync \(app#ob1\)\s+127\.0\.0\.1:1/);
		expect(frame).toMatch(/ui_home_acl\s+RocketMQ\s+key AK-ui-home\s+127\.0\.0\.1:1/);
		expect(frame).toMatch(/ui_home_mq\s+RocketMQ\s+no ACL\s+127\.0\.0\.1:29876 \(remoting\)/);
		expect(frame).toContain('ui_home_maria: MariaDB at 127.0.0.1:23306, as obsync');
		await ui.press(keys.down, keys.down, keys.down);
		await ui.waitFor('ui_home_mq: RocketMQ name server at 127.0.0.1:29876 (remoting), without ACL');
		await ui.press(keys.up, keys.up, keys.up);
		await ui.waitFor('› ui_home_maria');
		// Move over every row, test each one and open the delete question: still no secret in any frame.
		for (let i = 0; i < 4; i++) {
			await ui.press('t');
			await ui.waitFor(/✔|✘/, 20_000);
			await ui.press('d');
			await ui.waitFor('Delete the');
			await ui.press(keys.escape);
			await ui.waitFor('Nothing was deleted.');
			await ui.press(keys.down);
		}
		for (const shown of ui.frames()) {
			expect(shown).not.toContain(SOURCE_PW);
			expect(shown).not.toContain(SECRET_KEY);
			expect(shown).not.toContain(testSource.password);
		}
	});

	it('tests connectivity: a working source and destination say what answered, a dead one says why', async () => {
		ui = renderApp({route: {screen: 'data-sources'}, seed});
		await ui.waitFor('› ui_home_maria');
		await ui.press('t');
		await ui.waitFor(/✔ ui_home_maria: connected to MariaDB [\d.]+ at 127\.0\.0\.1:23306 as obsync\./, 20_000);
		await ui.press(keys.down);
		await ui.waitFor('› ui_home_ob');
		await ui.press('t');
		await ui.waitFor(/✘ ui_home_ob: .+/, 20_000);
		await ui.press(keys.down, keys.down);
		await ui.waitFor('› ui_home_mq');
		await ui.press('t');
		await ui.waitFor(/✔ ui_home_mq: the name server at 127\.0\.0\.1:29876 lists \d+ topics; brokers broker-a/, 30_000);
		await ui.press(keys.up);
		await ui.waitFor('› ui_home_acl');
		await ui.press('t');
		await ui.waitFor(/✘ ui_home_acl: could not connect to the RocketMQ name server at 127\.0\.0\.1:1: connection refused/, 30_000);
	});

	it('deletes a data source after y and says that projects keep their own copy (naming those that connect there)', async () => {
		ui = renderApp({
			route: {screen: 'data-sources'},
			seed: (store) => {
				seed(store);
				seedProject(store, 'ui_home_uses_maria');
			},
		});
		await ui.waitFor('› ui_home_maria');
		await ui.press('d');
		const question = await ui.waitFor('Delete the source ui_home_maria?');
		expect(question).toContain('Projects keep their own copy of its settings');
		expect(question).toContain('(ui_home_uses_maria still connects to 127.0.0.1:23306)');
		await ui.press('n');
		await ui.waitFor('Nothing was deleted.');
		expect(ui.store.dataSources('source').map((source) => source.name)).toContain('ui_home_maria');
		await ui.press('d');
		await ui.waitFor('Delete the source ui_home_maria?');
		await ui.press('y');
		await ui.waitFor('Deleted the source ui_home_maria. Projects keep their own copy of its settings.');
		expect(ui.store.dataSources('source').map((source) => source.name)).toEqual(['ui_home_ob']);
		expect(ui.store.get('ui_home_uses_maria').source.host).toBe(testSource.host);
		expect(ui.lastFrame()).toContain('Sources (1)');
	});

	it('says where data sources are added when there are none, and Esc goes back to the projects', async () => {
		const screen = renderScreen(() => <DataSources />);
		ui = screen;
		const frame = await screen.waitFor('Sources (0)');
		expect(frame).toContain('none saved: add one in the wizard (n on the projects screen)');
		expect(frame).not.toContain('t test connectivity');
		await screen.press('d', 't');
		expect(screen.lastFrame()).not.toContain('Delete the');
		await screen.press(keys.escape);
		expect(screen.routes).toEqual([{screen: 'home'}]);
	});

	it('is reached from the projects screen with s', async () => {
		ui = renderApp({seed});
		await ui.waitFor('Projects (0)');
		await ui.press('s');
		await ui.waitFor('obsync › Projects › Data sources');
		await ui.press(keys.escape);
		await ui.waitFor('Projects (0)');
	});
});
