/**
 * Colours of the terminal UI, in one place. With NO_COLOR set (https://no-color.org) every colour is undefined, so
 * Ink prints plain text; meaning never rests on colour alone (each status also has a word or a symbol).
 */
export type Theme = {
	readonly accent: string | undefined;
	readonly muted: string | undefined;
	readonly ok: string | undefined;
	readonly warn: string | undefined;
	readonly error: string | undefined;
	readonly focus: string | undefined;
};

export function themeFor(env: NodeJS.ProcessEnv): Theme {
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
		return {accent: undefined, muted: undefined, ok: undefined, warn: undefined, error: undefined, focus: undefined};
	}
	return {accent: 'cyan', muted: 'gray', ok: 'green', warn: 'yellow', error: 'red', focus: 'cyan'};
}

export const theme: Theme = themeFor(process.env);

/** Status symbols that read without colour. */
export const symbols = {pass: '✔', fail: '✘', warn: '!', skip: '-', running: '…', pointer: '›', checked: '[x]', unchecked: '[ ]'} as const;
