/**
 * Rendering for the home tests. `renderApp` renders the whole app; `renderScreen` one screen with the app's contexts
 * but a recording navigation, so a test can say where a key leads (the route) without depending on the screen there
 * (the dashboard and the wizard have tests of their own).
 *
 * Both press keys only once React has run its pending effects: a screen subscribes to keys in an effect, which React
 * may run some milliseconds after the frame shows (more on a loaded machine), and a key written in between would go
 * to the handlers of the previous frame. Re-rendering the same element makes React run them first.
 */
import type {ReactElement} from 'react';
import {App} from '../../../source/ui/app.js';
import {TypingProvider} from '../../../source/ui/components/typing.js';
import {type Navigation, NavigationContext, type Route} from '../../../source/ui/navigation.js';
import {ServicesContext, type UiServices} from '../../../source/ui/services.js';
import {type RenderedUi, type RenderOptions, renderUi} from '../helpers/render-ui.js';

type Options = Omit<RenderOptions, 'element'>;

function withSettledKeys(options: Options, build: (services: UiServices) => ReactElement): RenderedUi {
	let element: ReactElement | undefined;
	const ui = renderUi({
		...options,
		element: (services) => {
			element = build(services);
			return element;
		},
	});
	const press = async (...input: string[]) => {
		for (const chunk of input) {
			if (element) ui.rerender(element);
			await ui.press(chunk);
		}
	};
	return {...ui, press, type: (text) => press(text)};
}

export function renderApp(options: Options = {}): RenderedUi {
	return withSettledKeys(options, (services) => <App services={services} {...(options.route ? {initialRoute: options.route} : {})} />);
}

export type HarnessUi = RenderedUi & {
	/** Every route the screen went to, in order. */
	readonly routes: Route[];
	/** How many times the screen asked to quit. */
	quits(): number;
};

export function renderScreen(screen: () => ReactElement, options: Omit<Options, 'route'> = {}): HarnessUi {
	const routes: Route[] = [];
	let quits = 0;
	const navigation: Navigation = {
		route: {screen: 'home'},
		go: (route) => routes.push(route),
		quit: () => {
			quits++;
		},
	};
	const ui = withSettledKeys(options, (services) => (
		<ServicesContext.Provider value={services}>
			<TypingProvider>
				<NavigationContext.Provider value={navigation}>{screen()}</NavigationContext.Provider>
			</TypingProvider>
		</ServicesContext.Provider>
	));
	return {...ui, routes, quits: () => quits};
}

/** Waits until `check` holds (polling), failing with `what` after the timeout. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}`);
}
