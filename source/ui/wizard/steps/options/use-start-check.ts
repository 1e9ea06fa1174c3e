/**
 * Asks the source whether a start timestamp is still in its binlog (services.checkStart), once per time asked, and
 * keeps the answer for the screen: checking, ok (where reading will start), refused (the engine's message and hint:
 * purged, or in the future), or unreachable (the source did not answer; the precheck asks again).
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {SourceSettings} from '../../../../engine/project/project-schema.js';
import type {UiServices} from '../../../services.js';

export type StartCheck =
	| {readonly status: 'idle'}
	| {readonly status: 'checking'; readonly at: number}
	| {readonly status: 'ok'; readonly at: number; readonly where: string}
	| {readonly status: 'refused'; readonly at: number; readonly message: string; readonly hint?: string | undefined}
	| {readonly status: 'unreachable'; readonly at: number; readonly message: string};

export function useStartCheck(
	services: UiServices,
	source: SourceSettings | null,
	projectName: string,
): {readonly state: StartCheck; check(at: number): Promise<StartCheck>} {
	const [state, setState] = useState<StartCheck>({status: 'idle'});
	const pending = useRef<{at: number; answer: Promise<StartCheck>} | null>(null);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);
	const check = useCallback(
		(at: number): Promise<StartCheck> => {
			if (pending.current?.at === at) return pending.current.answer;
			if (!source) return Promise.resolve({status: 'idle'} as const);
			setState({status: 'checking', at});
			const answer = services.checkStart(source, projectName, at).then(
				(start): StartCheck => ({status: 'ok', at, where: 'file' in start ? `${start.file}:${start.position}` : `GTID ${start.gtidSet}`}),
				(error: unknown): StartCheck => {
					const {name, message, hint} = error as {name?: string; message?: string; hint?: unknown};
					const text = message ?? String(error);
					return name === 'ConfigError'
						? {status: 'refused', at, message: text, hint: typeof hint === 'string' ? hint : undefined}
						: {status: 'unreachable', at, message: text};
				},
			);
			pending.current = {at, answer};
			void answer.then((result) => {
				if (pending.current?.at !== at) return;
				// A source that did not answer is asked again next time; a refusal or a position stands.
				if (result.status === 'unreachable') pending.current = null;
				if (mounted.current) setState(result);
			});
			return answer;
		},
		[services, source, projectName],
	);
	return {state, check};
}
