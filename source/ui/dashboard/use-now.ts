import {useEffect, useState} from 'react';

/** The time, refreshed every `intervalMs`, so that ages ("12 s ago") and uptimes move on a quiet screen. */
export function useNow(intervalMs = 1000): number {
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
