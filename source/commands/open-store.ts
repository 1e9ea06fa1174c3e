/** The store as a command opens it: what opening it fixed is said on stderr; a damaged store is a ConfigError (exit 3). */
import {ProjectStore} from '../store/project-store.js';

export function openStore(command: string): ProjectStore {
	const store = new ProjectStore();
	const prefix = command ? `obsync ${command}` : 'obsync';
	for (const warning of store.warnings) process.stderr.write(`${prefix}: warning: ${warning}\n`);
	return store;
}
