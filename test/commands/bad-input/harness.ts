/**
 * The bad-input suite's harness: each case runs the built CLI against a copy of one store (project `shop` with a
 * literal password and SecretKey, its source and name server on closed local ports), then checks the exit code, the
 * key words of the message, that the store's bytes did not change (unless the case says it may) and that no secret
 * appears in stdout, stderr or any log file of the store's folder.
 */
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {type CliHome, cliHome, obsync} from '../../helpers/obsync-cli.js';

export const PASSWORD = 'S3cr3t-P4ssw0rd-xyz';
export const SECRET_KEY = 'SK-very-secret-123';

/** A valid project as a user writes it; cases change a copy. */
export const shop = () => ({
	name: 'shop',
	source: {flavor: 'mariadb', host: '127.0.0.1', port: 1, user: 'obsync', password: PASSWORD},
	destination: {nameServer: '127.0.0.1:2', accessKey: 'AK', secretKey: SECRET_KEY},
	objects: [{database: 'shop', table: 'orders', topic: 'orders_topic'}] as Array<Record<string, unknown>>,
	options: {} as Record<string, unknown>,
});

export type Case = {
	/** What obsync does, as a sentence. */
	readonly does: string;
	/** Prepares the store folder (`home.directory`) before the command. */
	readonly setup?: (home: CliHome) => void;
	readonly args: (home: CliHome) => string[];
	readonly input?: string;
	readonly code: number;
	/** Each must appear in stdout + stderr. */
	readonly says: readonly (string | RegExp)[];
	/** None may appear in stdout + stderr. */
	readonly never?: readonly (string | RegExp)[];
	/** The store file may change (a case where obsync accepts the input). */
	readonly changesStore?: boolean;
	/** More checks on the folder afterwards. */
	readonly after?: (home: CliHome, output: string) => void;
};

let baseline: string;

/** Registers the hooks that make the baseline store once for the file. */
export function withBaselineStore(): void {
	beforeAll(() => {
		const home = cliHome();
		const file = writeJson(home, 'shop.json', shop());
		const saved = obsync(home, ['project', 'import', file]);
		if (saved.code !== 0) throw new Error(`baseline import failed: ${saved.stderr}`);
		rmSync(file);
		baseline = home.directory;
	});
	afterAll(() => rmSync(baseline, {recursive: true, force: true}));
}

/** Writes a file into the store folder and gives its path. */
export function writeJson(home: CliHome, name: string, value: unknown): string {
	const file = path.join(home.directory, name);
	writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
	return file;
}

const storeBytes = (home: CliHome) => {
	const file = path.join(home.directory, 'obsync.json');
	return existsSync(file) && statSync(file).isFile() ? readFileSync(file) : null;
};

function logs(directory: string): string {
	return readdirSync(directory, {recursive: true, withFileTypes: true})
		.filter((entry) => entry.isFile() && entry.name.endsWith('.log'))
		.map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
		.join('\n');
}

/** One `it` per case. */
export function runCases(cases: readonly Case[]): void {
	it.each(cases.map((c) => [c.does, c] as const))('%s', (_, c) => {
		const directory = mkdtempSync(path.join(tmpdir(), 'obsync-bad-'));
		cpSync(baseline, directory, {recursive: true});
		const home: CliHome = {directory, env: {...process.env, OBSYNC_HOME: directory}};
		try {
			c.setup?.(home);
			const before = storeBytes(home);
			const result = obsync(home, c.args(home), c.input);
			const output = `${result.stdout}${result.stderr}`;
			expect(result.code, output).toBe(c.code);
			for (const word of c.says) expect(output).toMatch(typeof word === 'string' ? new RegExp(escapeRegExp(word)) : word);
			for (const word of c.never ?? []) expect(output).not.toMatch(typeof word === 'string' ? new RegExp(escapeRegExp(word)) : word);
			expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // never a stack trace
			// Buffer.equals, not toEqual: a deep comparison of a 33 MiB store walks every byte as a property.
			const after = storeBytes(home);
			if (!c.changesStore)
				expect(after === before || (after !== null && before !== null && after.equals(before)), 'the store changed').toBe(true);
			for (const text of [output, logs(directory)]) {
				expect(text).not.toContain(PASSWORD);
				expect(text).not.toContain(SECRET_KEY);
			}
			c.after?.(home, output);
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
