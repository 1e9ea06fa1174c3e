/** Starts the interactive app on this terminal and resolves when it quits. Loaded lazily: `obsync run` never loads React. */
import {render} from 'ink';
import {App} from './app.js';
import type {Route} from './navigation.js';
import type {UiServices} from './services.js';

export async function renderApp(services: UiServices, initialRoute?: Route): Promise<void> {
	const instance = render(<App services={services} {...(initialRoute ? {initialRoute} : {})} />, {exitOnCtrlC: false});
	await instance.waitUntilExit();
}
