import {afterEach, describe, expect, it} from 'vitest';
import {rocketmqService} from '../../helpers/services.js';
import {keys, type RenderedUi, renderUi, testDestination} from '../helpers/render-ui.js';
import {closedPort, fill, focusOn, pressButton, see, storedDraft} from './drive.js';

let ui: RenderedUi;
afterEach(() => ui?.cleanup());

const route = {screen: 'wizard', draftId: 'm1'} as const;

async function openAddForm(): Promise<void> {
	await see(ui, 'Step 1 of 5');
	await focusOn(ui, 'Destination');
	await ui.press(keys.enter);
	await see(ui, '+ Add data source');
	await ui.press(keys.enter);
	await see(ui, '› Destination › Add data source');
}

async function fillRocketmq(options: {endpoints?: string; nameServer?: string; name?: string} = {}): Promise<void> {
	await fill(ui, 'Data source name', options.name ?? 'mq');
	await fill(ui, 'Proxy endpoint', options.endpoints ?? rocketmqService.endpoints);
	await fill(ui, 'Name server', options.nameServer ?? rocketmqService.namesrv);
}

/** Transport is a choice: → moves from remoting (the default) to grpc. */
async function chooseGrpc(): Promise<void> {
	await focusOn(ui, 'Transport');
	await ui.press(keys.right);
	await ui.waitFor(/Transport\s+.*grpc/);
}

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('Step 1: adding a destination data source', () => {
	it('checks the form before saving: the name server remoting needs, host:port shapes, and AccessKey without SecretKey', async () => {
		ui = renderUi({route});
		await openAddForm();
		await pressButton(ui, 'Save');
		let frame = await ui.waitFor('Not saved: 2 fields need fixing (marked ✘).');
		expect(frame).toContain('✘ a data source name is required');
		expect(frame).toContain('✘ the remoting transport needs the name server (host:port, usually 9876)');
		await fill(ui, 'Proxy endpoint', 'localhost');
		await ui.waitFor('✘ the proxy endpoint is host:port, port 1-65535');
		await fill(ui, 'Name server', 'ns:99999');
		await ui.waitFor('✘ the name server is host:port, port 1-65535');
		await fill(ui, 'AccessKey', 'ak-only');
		frame = await ui.waitFor('✘ give the SecretKey that goes with the AccessKey (or clear both)');
		expect(ui.store.dataSources('destination')).toEqual([]);
	});

	it('tests connectivity over remoting: the name server lists the topics and its brokers answer', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillRocketmq();
		await pressButton(ui, 'Test Connectivity');
		const frame = flat(await ui.waitFor(/Connected|failed/, 20_000));
		expect(frame).toMatch(
			new RegExp(
				`Connected: the name server at ${rocketmqService.namesrv} lists \\d+ topics; brokers broker-a \\(${rocketmqService.broker}\\) answer`,
			),
		);
	});

	it('reports a closed name server port with the error and what to check', async () => {
		const port = await closedPort();
		ui = renderUi({route});
		await openAddForm();
		await fillRocketmq({nameServer: `127.0.0.1:${port}`});
		await pressButton(ui, 'Test Connectivity');
		const frame = flat(await ui.waitFor('Connection failed:', 20_000));
		expect(frame).toContain(`could not connect to the RocketMQ name server at 127.0.0.1:${port}: connection refused`);
		expect(frame).toContain('check the name server address');
	});

	it('tests connectivity over gRPC: the proxy answers and the name server lists the topics', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillRocketmq();
		await chooseGrpc();
		await pressButton(ui, 'Test Connectivity');
		const frame = flat(await ui.waitFor(/Connected|failed/, 20_000));
		expect(frame).toMatch(new RegExp(`Connected: the proxy at ${rocketmqService.endpoints} answers; the name server lists \\d+ topics`));
		const count = Number(/lists (\d+) topics/.exec(frame)?.[1]);
		expect(count).toBeGreaterThanOrEqual(4);
	});

	it('reports a closed proxy port with the transport’s error and what to check', async () => {
		const port = await closedPort();
		ui = renderUi({route});
		await openAddForm();
		await fillRocketmq({endpoints: `127.0.0.1:${port}`});
		await chooseGrpc();
		await pressButton(ui, 'Test Connectivity');
		const frame = flat(await ui.waitFor('Connection failed:', 20_000));
		expect(frame).toContain(`cannot reach the RocketMQ proxy at 127.0.0.1:${port}`);
		expect(frame).toContain('ECONNREFUSED');
		expect(frame).toContain('check the endpoint (the gRPC proxy, default port 8081)');
	});

	it('saves the data source, uses it as the destination and lists it in the picker, the SecretKey never shown', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fillRocketmq({name: 'ui_s12_mq'});
		await fill(ui, 'AccessKey', 'my-access-key');
		await fill(ui, 'SecretKey', 'my-secret-key', {secret: true});
		await pressButton(ui, 'Save');
		const frame = await see(ui, 'Saved data source ui_s12_mq and chose it as the destination');
		expect(frame).toContain(`ui_s12_mq · remoting, name server ${rocketmqService.namesrv}`);
		expect(ui.store.dataSources('destination')).toEqual([
			{...testDestination, accessKey: 'my-access-key', secretKey: 'my-secret-key', name: 'ui_s12_mq'},
		]);
		await ui.waitFor(() => storedDraft(ui.store, 'm1')?.destinationName === 'ui_s12_mq');
		await focusOn(ui, 'Destination');
		await ui.press(keys.enter);
		const picker = await see(ui, '+ Add data source');
		expect(picker).toContain(`● ui_s12_mq remoting, name server ${rocketmqService.namesrv}`);
		await focusOn(ui, '● ui_s12_mq');
		await ui.press('e');
		expect(await see(ui, '› Destination › Edit ui_s12_mq')).toMatch(/SecretKey\s+\*{12}/);
		expect(ui.frames().some((each) => each.includes('my-secret-key'))).toBe(false);
	});

	it('keeps what was typed when Esc leaves the form', async () => {
		ui = renderUi({route});
		await openAddForm();
		await fill(ui, 'Data source name', 'half_mq');
		await fill(ui, 'Proxy endpoint', 'mq.example:8081');
		await focusOn(ui, 'TLS');
		await ui.press(keys.space);
		await ui.waitFor(/TLS\s+\[x\] on/);
		await ui.press(keys.escape);
		await see(ui, '(your unsaved input is kept)');
		await ui.press(keys.enter);
		const frame = await see(ui, '› Destination › Add data source');
		expect(frame).toMatch(/Data source name\s+half_mq/);
		expect(frame).toMatch(/Proxy endpoint\s+mq\.example:8081/);
		expect(frame).toMatch(/TLS\s+\[x\] on/);
	});
});
