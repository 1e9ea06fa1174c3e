import {afterEach, describe, expect, it} from 'vitest';
import {readDraft} from '../../../source/ui/wizard/draft.js';
import {readForms} from '../../../source/ui/wizard/steps/source-destination/form-state.js';
import {keys, type RenderedUi, renderUi, testSource} from '../helpers/render-ui.js';
import {clearText, closedPort, fill, focusedLine, focusOn, pressButton, see, settle, storedDraft} from './drive.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

const route = {screen: 'wizard', draftId: 's1'} as const;

/** From Step 1's screen: Source › + Add data source. */
async function openAddForm(): Promise<void> {
	await see(ui, 'Step 1 of 5');
	await focusOn(ui, 'Source');
	await ui.press(keys.enter);
	await see(ui, '+ Add data source');
	await ui.press(keys.enter);
	await see(ui, '› Source › Add data source');
}

/** Fills the form for the MariaDB test service, with `password` and `port`. */
async function fillMariadb(options: {password?: string; port?: number; name?: string} = {}): Promise<void> {
	await fill(ui, 'Data source name', options.name ?? 'local');
	await focusOn(ui, 'Type');
	await ui.press(keys.right);
	await ui.waitFor(/Type\s+‹ mysql ›/);
	await ui.press(keys.right);
	await ui.waitFor(/Type\s+‹ mariadb ›/);
	await fill(ui, 'Host', testSource.host);
	await fill(ui, 'Port', String(options.port ?? testSource.port), {replace: 4});
	await fill(ui, 'User', testSource.user);
	await fill(ui, 'Password', options.password ?? testSource.password, {secret: true});
}

const neverShown = (secret: string) => expect(ui.frames().some((frame) => frame.includes(secret))).toBe(false);

describe('Step 1: adding a source data source', () => {
	it('checks the form before saving and says under each field what is wrong', async () => {
		ui = renderUi({route});
		await openAddForm();
		await pressButton(ui, 'Save');
		const frame = await ui.waitFor('Not saved: 3 fields need fixing (marked ✘).');
		expect(frame).toContain('✘ a data source name is required');
		expect(frame).toContain('✘ a host is required');
		expect(frame).toContain('✘ a user is required');
		await fill(ui, 'Port', 'abc', {replace: 4});
		await ui.waitFor('✘ the port is a number from 1 to 65535');
		await fill(ui, 'Port', '70000', {replace: 3});
		await ui.waitFor('✘ the port is a number from 1 to 65535');
		await fill(ui, 'obconfig_url', 'not a url');
		await ui.waitFor('✘ obconfig_url is a URL');
		expect(ui.store.dataSources('source')).toEqual([]);
	});

	it('keeps an OceanBase form with many errors within 24 rows: the focused field says its error, the others are marked ✘', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fill(ui, 'Port', 'abc', {replace: 4});
		await fill(ui, 'obconfig_url', 'not a url');
		await pressButton(ui, 'Save');
		const frame = await ui.waitFor('Not saved: 5 fields need fixing (marked ✘).');
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		expect(frame).toMatch(/Host\s+✘/);
		expect(frame).toMatch(/Port\s+abc ✘/);
		expect(frame).toMatch(/obconfig_url\s+not a url ✘/);
		expect(frame).not.toContain('a host is required');
		await focusOn(ui, 'Host', 'up');
		const onHost = await ui.waitFor('✘ a host is required');
		expect(onHost.split('\n').length).toBeLessThanOrEqual(24);
		expect(onHost).not.toContain('the port is a number');
		expect(onHost).toMatch(/Port\s+abc ✘/);
	});

	it('asks for a port when it is emptied, and for the tenant when a cluster is given without one', async () => {
		ui = renderUi({route});
		await openAddForm();
		await focusOn(ui, 'Port');
		await clearText(ui, 4);
		await fill(ui, 'Cluster', 'obcluster');
		await pressButton(ui, 'Save');
		await ui.waitFor('Not saved:');
		await focusOn(ui, 'Port', 'up');
		await ui.waitFor('✘ a port is required');
		await focusOn(ui, 'Tenant');
		await ui.waitFor('✘ give the tenant too (the user becomes user@tenant#cluster), or write the');
		await fill(ui, 'User', 'root@sys#obcluster');
		await focusOn(ui, 'Tenant');
		await ui.waitFor((frame) => !frame.includes('give the tenant too'));
		expect(ui.store.dataSources('source')).toEqual([]);
	});

	it('shows tenant, cluster and obconfig_url for OceanBase only, and the port follows the type', async () => {
		ui = renderUi({route});
		await openAddForm();
		let frame = ui.lastFrame();
		expect(frame).toMatch(/Type\s+oceanbase/);
		expect(frame).toMatch(/Port\s+2883/);
		expect(frame).toContain('Tenant');
		expect(frame).toContain('obconfig_url');
		await focusOn(ui, 'Type');
		await ui.press(keys.left);
		frame = await ui.waitFor(/Type\s+‹ mariadb ›/);
		expect(frame).toMatch(/Port\s+3306/);
		expect(frame).not.toContain('Tenant');
		expect(frame).not.toContain('obconfig_url');
	});

	it('tests connectivity against the MariaDB service and says what answered, never showing the password', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillMariadb();
		await pressButton(ui, 'Test Connectivity');
		const frame = await ui.waitFor('Connected: mariadb 10.11');
		expect(frame).toContain(`at ${testSource.host}:${testSource.port} as ${testSource.user}`);
		expect(frame).toMatch(/Password\s+\*{12}/);
		neverShown(testSource.password);
	});

	it('reports the server’s own error for a wrong password, with what to check', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillMariadb({password: 'wrong-secret-pw'});
		await pressButton(ui, 'Test Connectivity');
		const frame = await ui.waitFor('Connection failed:');
		expect(frame.replace(/\s+/g, ' ')).toContain(
			`cannot connect to ${testSource.host}:${testSource.port} as ${testSource.user}: Access denied for user`,
		);
		expect(frame.replace(/\s+/g, ' ')).toContain('check the user and password');
		neverShown('wrong-secret-pw');
	});

	it('reports a closed port as the connection refused, with what to check', async () => {
		const port = await closedPort();
		ui = renderUi({route});
		await openAddForm();
		await fillMariadb({port});
		await pressButton(ui, 'Test Connectivity');
		const frame = (await ui.waitFor('Connection failed:')).replace(/\s+/g, ' ');
		expect(frame).toContain(`cannot connect to ${testSource.host}:${port} as ${testSource.user}`);
		expect(frame).toContain('ECONNREFUSED');
		expect(frame).toContain('check the host and port');
	});

	it('tests the Binlog Service endpoint too when it has its own, and says when only that one fails', async () => {
		const port = await closedPort();
		ui = renderUi({route});
		await openAddForm();
		await fillMariadb();
		await pressButton(ui, 'Binlog Service: same as the SQL endpoint');
		await see(ui, 'Binlog Service endpoint: leave a field blank');
		expect(ui.lastFrame()).toContain(`same as SQL: ${testSource.port}`);
		await fill(ui, 'Binlog port', String(port));
		await pressButton(ui, 'Done');
		await see(ui, `[ Binlog Service: ${testSource.host}:${port} as ${testSource.user} ]`);
		expect(focusedLine(ui.lastFrame())).toContain('Binlog Service');
		await pressButton(ui, 'Test Connectivity');
		const frame = (await ui.waitFor('but the Binlog Service endpoint fails')).replace(/\s+/g, ' ');
		expect(frame).toContain('Connected: mariadb 10.11');
		expect(frame).toContain(`cannot connect to ${testSource.host}:${port}`);
	});

	it('saves the data source, uses it as the source and lists it in the picker', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillMariadb({name: 'ui_s12_local'});
		await pressButton(ui, 'Save');
		const frame = await see(ui, 'Saved data source ui_s12_local and chose it as the source');
		expect(frame).toContain('not tested');
		expect(frame).toContain(`ui_s12_local · mariadb ${testSource.host}:${testSource.port} as ${testSource.user}`);
		expect(ui.store.dataSources('source')).toEqual([{...testSource, name: 'ui_s12_local'}]);
		await ui.waitFor(() => storedDraft(ui.store, 's1')?.sourceName === 'ui_s12_local');
		const draft = readDraft(storedDraft(ui.store, 's1'))!;
		expect(draft.source).toEqual(testSource);
		expect(readForms(draft).source).toBeNull();
		await focusOn(ui, 'Source');
		await ui.press(keys.enter);
		const picker = await see(ui, '+ Add data source');
		expect(picker).toContain(`● ui_s12_local mariadb ${testSource.host}:${testSource.port} as ${testSource.user}`);
		neverShown(testSource.password);
	});

	it('keeps what was typed when Esc leaves the form, in the draft too', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fill(ui, 'Data source name', 'half_typed');
		await fill(ui, 'Host', 'db.example');
		await fill(ui, 'Password', 'typed-secret', {secret: true});
		await ui.press(keys.escape);
		await see(ui, '(your unsaved input is kept)');
		await ui.press(keys.escape);
		await see(ui, 'Step 1 of 5: Source and destination');
		await ui.waitFor(
			() => (storedDraft(ui.store, 's1')?.sourceDestinationForms as {source?: {host?: string}})?.source?.host === 'db.example',
		);
		await focusOn(ui, 'Source');
		await ui.press(keys.enter);
		await see(ui, '+ Add data source');
		await ui.press(keys.enter);
		const frame = await see(ui, '› Source › Add data source');
		expect(frame).toMatch(/Data source name\s+half_typed/);
		expect(frame).toMatch(/Host\s+db\.example/);
		expect(frame).toMatch(/Password\s+\*{12}/);
		neverShown('typed-secret');
	});

	it('discards the form after asking, and the next one starts empty', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fill(ui, 'Host', 'db.example');
		await pressButton(ui, 'Discard');
		await see(ui, 'Discard this data source?');
		await ui.press('y');
		await see(ui, 'The data source form was discarded.');
		expect(ui.lastFrame()).not.toContain('unsaved input');
		await ui.press(keys.enter);
		const frame = await see(ui, '› Source › Add data source');
		expect(frame).not.toContain('db.example');
	});

	it('edits a saved data source with e, its password masked, and saves the change', async () => {
		ui = renderUi({route, seed: (store) => store.saveDataSource('source', 'ui_s12_saved', testSource)});
		await see(ui, 'Step 1 of 5');
		await focusOn(ui, 'Source');
		await ui.press(keys.enter);
		await see(ui, '+ Add data source');
		await focusOn(ui, 'ui_s12_saved');
		await ui.press('e');
		const frame = await see(ui, '› Source › Edit ui_s12_saved');
		expect(frame).toMatch(/Password\s+\*{12}/);
		expect(frame).toMatch(/Type\s+mariadb/);
		await fill(ui, 'Host', 'localhost', {replace: testSource.host.length});
		await pressButton(ui, 'Save');
		await see(ui, 'Saved data source ui_s12_saved and chose it as the source');
		expect(ui.store.dataSources('source')).toEqual([{...testSource, host: 'localhost', name: 'ui_s12_saved'}]);
		neverShown(testSource.password);
		await settle();
	});
});
