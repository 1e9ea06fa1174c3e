/**
 * Who owns plain keys. While a text field has the focus, printable keys (`?`, `q`, letters) are text, not commands:
 * the field claims typing, and screen-level shortcuts check `useTyping()` before acting on a printable key.
 */
import {createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState} from 'react';

type TypingRegistry = {readonly typing: boolean; claim(): () => void};

const TypingContext = createContext<TypingRegistry>({typing: false, claim: () => () => {}});

export function TypingProvider({children}: {readonly children: ReactNode}) {
	const count = useRef(0);
	const [typing, setTyping] = useState(false);
	const registry = useMemo<TypingRegistry>(
		() => ({
			typing,
			claim() {
				count.current++;
				setTyping(true);
				return () => {
					count.current--;
					setTyping(count.current > 0);
				};
			},
		}),
		[typing],
	);
	return <TypingContext.Provider value={registry}>{children}</TypingContext.Provider>;
}

/** True while some text field has the focus. */
export function useTyping(): boolean {
	return useContext(TypingContext).typing;
}

/** Claims typing while `active` (a focused text field). */
export function useClaimTyping(active: boolean): void {
	const {claim} = useContext(TypingContext);
	const claimRef = useRef(claim);
	claimRef.current = claim;
	useEffect(() => (active ? claimRef.current() : undefined), [active]);
}
