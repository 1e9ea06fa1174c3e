/**
 * Renders the app (or one screen) with ink-testing-library over a real store in a temporary directory and the
 * real catalog services (the MariaDB and RocketMQ test services); engines send to an in-memory sink. Keys are named.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import type {DestinationSettings, SourceSettings} from '../../../source/engine/project/project-schema.js';
import {ProjectStore} from '../../../source/store/project-store.js';
import {App} from '../../../source/ui/app.js';
import type {Route} from '../../../source/ui/navigation.js';
import {createServices, type UiServices} from '../../../source/ui/services.js';
import {mariadbService, rocketmqService} from '../../helpers/services.js';
import {type MemorySink, memorySink} from './memory-sink.js';

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	tab: '\t',
	shiftTab: '\u001B[Z',
	space: ' ',
	backspace: '\u007F',
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
} as const;

/** The MariaDB test service as a source data source. */
export const testSource: SourceSettings = {
	flavor: 'mariadb',
	host: mariadbService.host,
	port: mariadbService.port,
	user: mariadbService.user,
	password: mariadbService.password,
};

/** The RocketMQ test service as a destination data source. */
export const testDestination: DestinationSettings = {
	transport: 'remoting',
	endpoints: rocketmqService.endpoints,
	nameServer: rocketmqService.namesrv,
	namespace: '',
	tls: false,
};

export type RenderedUi = {
	readonly services: UiServices;
	readonly store: ProjectStore;
	readonly sink: MemorySink;
	readonly home: string;
	lastFrame(): string;
	frames(): readonly string[];
	/** Writes keys or text to stdin, each once pending effects have run, then lets Ink render. */
	press(...input: string[]): Promise<void>;
	type(text: string): Promise<void>;
	/** Waits until the frame contains `text` (or the predicate holds); fails with the last frame. */
	waitFor(text: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
	rerender(element: ReactElement): void;
	cleanup(): void;
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

export type RenderOptions = {
	readonly route?: Route;
	/** Fills the store before rendering. */
	readonly seed?: (store: ProjectStore) => void;
	/** Renders this element instead of the whole app (given the services); most tests render the app. */
	readonly element?: (services: UiServices) => ReactElement;
};

export function renderUi(options: RenderOptions = {}): RenderedUi {
	const home = mkdtempSync(path.join(tmpdir(), 'obsync-ui-'));
	const store = new ProjectStore({directory: home});
	options.seed?.(store);
	const sink = memorySink();
	const services = createServices({store, sink: sink.factory, timeoutMs: 5000});
	const element = options.element?.(services) ?? <App services={services} {...(options.route ? {initialRoute: options.route} : {})} />;
	const instance = render(element);
	const lastFrame = () => instance.lastFrame() ?? '';
	// A screen subscribes to keys in an effect, which React may run some milliseconds after its frame shows (more on a
	// loaded machine); re-rendering the same element first makes React run pending effects, so no key is lost.
	const press = async (...input: string[]) => {
		for (const chunk of input) {
			instance.rerender(element);
			instance.stdin.write(chunk);
			await tick();
		}
	};
	return {
		services,
		store,
		sink,
		home,
		lastFrame,
		frames: () => instance.frames,
		press,
		type: (text) => press(text),
		async waitFor(expected, timeoutMs = 10_000) {
			const matches = (frame: string) =>
				typeof expected === 'string' ? frame.includes(expected) : expected instanceof RegExp ? expected.test(frame) : expected(frame);
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (matches(lastFrame())) return lastFrame();
				await tick();
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(expected)}; the last frame:\n${lastFrame()}`);
		},
		rerender: (next) => instance.rerender(next),
		cleanup() {
			instance.unmount();
			for (const name of store.names()) void services.running(name)?.engine.stop();
			rmSync(home, {recursive: true, force: true});
		},
	};
}
