/** Where the app is (a route per screen) and the contexts screens use to move and to show help. */
import {createContext, useContext} from 'react';

export type Route =
	| {readonly screen: 'home'}
	| {readonly screen: 'wizard'; readonly draftId: string}
	| {readonly screen: 'dashboard'; readonly project: string}
	| {readonly screen: 'data-sources'}
	| {readonly screen: 'playground'};

export type Navigation = {
	readonly route: Route;
	go(route: Route): void;
	/** Leaves the app (asks first when projects run in this process). */
	quit(): void;
};

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
	const navigation = useContext(NavigationContext);
	if (!navigation) throw new Error('useNavigation must be used within a NavigationContext.Provider');
	return navigation;
}

export const HelpContext = createContext<{readonly open: boolean}>({open: false});

export function useHelp(): {readonly open: boolean} {
	return useContext(HelpContext);
}
