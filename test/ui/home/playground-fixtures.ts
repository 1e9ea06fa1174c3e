/** Helpers of the playground tests: stand-in clones (for the failure paths) and the sample database's cleanup. */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {connectAdmin} from '../../helpers/services.js';

const made: string[] = [];

/** Removes the directories made by fakeClone and installedPackage. */
export function removeFixtures(): void {
	for (const directory of made.splice(0)) rmSync(directory, {recursive: true, force: true});
}

/** A directory shaped like a clone whose `run.mjs up` runs `script` (to see failures reported); settings are the real ones. */
export function fakeClone(script: string): string {
	const root = mkdtempSync(path.join(tmpdir(), 'obsync-ui-home-clone-'));
	made.push(root);
	const services = path.join(root, 'test', 'services');
	mkdirSync(services, {recursive: true});
	writeFileSync(path.join(services, 'run.mjs'), script);
	const real = path.resolve('test', 'services');
	writeFileSync(path.join(services, 'settings.mjs'), `export * from ${JSON.stringify(path.join(real, 'settings.mjs'))};\n`);
	writeFileSync(path.join(services, 'mariadb.mjs'), `export {admin} from ${JSON.stringify(path.join(real, 'mariadb.mjs'))};\n`);
	return root;
}

/** A directory without test/services/, as an installed package is. */
export function installedPackage(): string {
	const root = mkdtempSync(path.join(tmpdir(), 'obsync-ui-home-installed-'));
	made.push(root);
	return root;
}

export async function dropPlaygroundDatabase(): Promise<void> {
	const admin = await connectAdmin();
	await admin.query('DROP DATABASE IF EXISTS obsync_playground');
	await admin.end();
}

export async function countOrders(): Promise<number> {
	const admin = await connectAdmin();
	try {
		const [rows] = await admin.query('SELECT COUNT(*) AS n FROM obsync_playground.orders');
		return Number((rows as Array<{n: string | number}>)[0]?.n);
	} finally {
		await admin.end();
	}
}
