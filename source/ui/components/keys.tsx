/**
 * Key handling that can be switched off as a whole: while the help panel or a quit question shows, the screen
 * underneath stays mounted (nothing typed is lost) but hears no keys. Every component listens through `useKeys`
 * instead of Ink's `useInput`, so one switch covers them all.
 */
import {type Key, useInput} from 'ink';
import {createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useRef} from 'react';

const KeysEnabled = createContext(true);

export function KeysScope({enabled, children}: {readonly enabled: boolean; readonly children: ReactNode}) {
	const outer = useContext(KeysEnabled);
	return <KeysEnabled.Provider value={outer && enabled}>{children}</KeysEnabled.Provider>;
}

/** Whether keys reach this part of the tree. */
export function useKeysEnabled(): boolean {
	return useContext(KeysEnabled);
}

/**
 * Ink's useInput, silenced while the scope is disabled. The handler is read through a ref updated when a render
 * commits: Ink re-subscribes a changed handler only in a passive effect, so keys arriving quickly one after another
 * (key repeat, a paste, a busy machine) would otherwise reach the previous render's handler and its stale state.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: {isActive?: boolean} = {}): void {
	const enabled = useContext(KeysEnabled);
	const latest = useRef(handler);
	useLayoutEffect(() => {
		latest.current = handler;
	});
	const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
	useInput(stable, {isActive: enabled && (options.isActive ?? true)});
}
