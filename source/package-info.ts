/** obsync's package.json, one level up from source/ (tests) and dist/ (the built CLI) alike. */
import {readFileSync} from 'node:fs';

export function packageInfo(): {version: string; description: string} {
	return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
}
