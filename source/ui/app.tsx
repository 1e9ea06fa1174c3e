/**
 * The interactive app: a route per screen, the help panel (`?`), and the one place that quits. Quitting while a
 * project runs in this process asks first and says how to keep it running headless.
 */
import {Box, Text, useApp, useInput} from 'ink';
import {useCallback, useMemo, useState} from 'react';
import {isLive} from '../engine/engine-events.js';
import {Confirm} from './components/confirm.js';
import {KeysScope} from './components/keys.js';
import {TypingProvider, useTyping} from './components/typing.js';
import {Dashboard} from './dashboard/dashboard.js';
import {DataSources} from './home/data-sources.js';
import {Home} from './home/home.js';
import {Playground} from './home/playground.js';
import {HelpContext, type Navigation, NavigationContext, type Route} from './navigation.js';
import {ServicesContext, type UiServices, useServices} from './services.js';
import {emptyDraft, readDraft} from './wizard/draft.js';
import {Wizard} from './wizard/wizard.js';

export type AppProps = {readonly services: UiServices; readonly initialRoute?: Route};

export function App({services, initialRoute = {screen: 'home'}}: AppProps) {
	return (
		<ServicesContext.Provider value={services}>
			<TypingProvider>
				<Router initialRoute={initialRoute} />
			</TypingProvider>
		</ServicesContext.Provider>
	);
}

function runningNames(services: UiServices): string[] {
	return services.store.names().filter((name) => isLive(services.running(name)?.engine.state));
}

function Router({initialRoute}: {readonly initialRoute: Route}) {
	const services = useServices();
	const {exit} = useApp();
	const typing = useTyping();
	const [route, setRoute] = useState<Route>(initialRoute);
	const [help, setHelp] = useState(false);
	const [quitting, setQuitting] = useState<string[] | null>(null);
	const [stopping, setStopping] = useState(false);
	const quit = useCallback(() => {
		const running = runningNames(services);
		if (running.length === 0) exit();
		else setQuitting(running);
	}, [services, exit]);
	const navigation = useMemo<Navigation>(() => ({route, go: setRoute, quit}), [route, quit]);
	useInput((input, key) => {
		// A second Ctrl+C while the question (or a slow stop) shows leaves at once; checkpoints already saved stay.
		if (quitting) {
			if (key.ctrl && input === 'c') exit();
			return;
		}
		if (key.ctrl && input === 'c') return quit();
		if (help && (key.escape || input === '?')) return setHelp(false);
		if (!help && input === '?' && !typing) setHelp(true);
	});
	const stopAllAndExit = async (names: string[]) => {
		setStopping(true);
		await Promise.all(names.map((name) => services.running(name)?.engine.stop()));
		exit();
	};
	return (
		<NavigationContext.Provider value={navigation}>
			<HelpContext.Provider value={{open: help}}>
				<KeysScope enabled={!quitting && !help}>
					{/* Hidden, not unmounted, while the quit question shows: it fits 80x24 and nothing typed is lost. */}
					<Box flexDirection="column" display={quitting ? 'none' : 'flex'}>
						<Screen route={route} />
					</Box>
				</KeysScope>
				{quitting ? (
					stopping ? (
						<Text>Stopping {quitting.join(', ')}: draining in-flight messages and saving the checkpoint…</Text>
					) : (
						<Confirm
							title={`Stop ${quitting.join(', ')} and quit?`}
							message={`The project runs in this terminal and stops when obsync quits (its checkpoint is saved; nothing is lost). To keep it running without a terminal: quit, then run \`obsync run ${quitting[0]} --resume\` (systemd, tmux or nohup).`}
							onConfirm={() => void stopAllAndExit(quitting)}
							onCancel={() => setQuitting(null)}
						/>
					)
				) : null}
			</HelpContext.Provider>
		</NavigationContext.Provider>
	);
}

function Screen({route}: {readonly route: Route}) {
	const {store} = useServices();
	switch (route.screen) {
		case 'home':
			return <Home />;
		case 'wizard': {
			const initial = readDraft(store.drafts()[route.draftId]) ?? emptyDraft(route.draftId);
			return <Wizard key={route.draftId} initial={initial} />;
		}
		case 'dashboard':
			return <Dashboard key={route.project} name={route.project} />;
		case 'data-sources':
			return <DataSources />;
		case 'playground':
			return <Playground />;
	}
}
