/**
 * Secrets of a project: passwords and the RocketMQ SecretKey. They may be written as `${ENV_VAR}` and are then read
 * from the environment when the project runs, so the store never holds them; wherever a project is shown, exported
 * or logged, literal secrets are replaced by a mask.
 */
import {ConfigError} from '../errors.js';
import type {Project} from './project-schema.js';

export const MASK = '******';

const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The secret's value: a `${ENV}` reference read from `env`, else the text itself. */
export function resolveSecret(value: string, field: string, env: NodeJS.ProcessEnv = process.env): string {
	const match = reference.exec(value);
	if (!match) return value;
	const resolved = env[match[1]!];
	if (resolved === undefined) {
		throw new ConfigError(`${field} refers to the environment variable ${match[1]}, which is not set`, {
			hint: `export ${match[1]}=… before running obsync (or store the password in the project)`,
		});
	}
	return resolved;
}

type SecretField = {get: (project: Project) => string | undefined; set: (project: Project, value: string) => void; name: string};

const fields: SecretField[] = [
	{name: 'source.password', get: (p) => p.source.password, set: (p, v) => (p.source.password = v)},
	{
		name: 'source.binlog.password',
		get: (p) => p.source.binlog?.password,
		set: (p, v) => {
			if (p.source.binlog) p.source.binlog.password = v;
		},
	},
	{
		name: 'destination.secretKey',
		get: (p) => p.destination.secretKey,
		set: (p, v) => (p.destination.secretKey = v),
	},
];

/** A copy of the project with every `${ENV}` secret replaced by its value. */
export function resolveSecrets(project: Project, env: NodeJS.ProcessEnv = process.env): Project {
	const copy = structuredClone(project);
	for (const field of fields) {
		const value = field.get(copy);
		if (value !== undefined) field.set(copy, resolveSecret(value, field.name, env));
	}
	return copy;
}

/** A copy fit to show or log: literal secrets masked, `${ENV}` references kept (they are not secret). */
export function maskSecrets(project: Project): Project {
	const copy = structuredClone(project);
	for (const field of fields) {
		const value = field.get(copy);
		if (value !== undefined && value !== '' && !reference.test(value)) field.set(copy, MASK);
	}
	return copy;
}

/** The literal secrets of a project (for scrubbing text such as error messages before they are shown). */
export function literalSecrets(project: Project): string[] {
	return fields.map((field) => field.get(project)).filter((value): value is string => Boolean(value) && value !== MASK);
}

/** Secrets shorter than this are never masked inside a text: the gaps would spell them (see scrubSecrets). */
export const MIN_MASKABLE_SECRET = 8;

/** What scrubSecrets returns instead of a text that contains a secret too short to mask. */
export const WITHHELD = `(message withheld: it contained a secret shorter than 8 characters, which cannot be masked safely; use a longer password or a \${ENV} reference)`;

/**
 * The text fit to show, log or write to JSONL: drivers and servers echo what they were given, so any error text is
 * scrubbed first.
 *
 * - A secret of 8 or more characters is replaced by the mask wherever it occurs. Longer secrets go first, so that
 *   one containing another is masked whole.
 * - A secret shorter than 8 characters is never masked by substring: a one-character password `e` would turn
 *   "Access denied" into "Acc******ss d******ni******d", and the gaps spell the secret. If the text still contains
 *   such a secret once the longer ones are masked, the whole text is replaced by {@link WITHHELD}.
 * - Empty values and the mask itself are not secrets.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	const literal = secrets.filter((secret): secret is string => Boolean(secret) && secret !== MASK).sort((a, b) => b.length - a.length);
	let scrubbed = text;
	for (const secret of literal) {
		if (secret.length >= MIN_MASKABLE_SECRET) scrubbed = scrubbed.split(secret).join(MASK);
		else if (scrubbed.includes(secret)) return WITHHELD;
	}
	return scrubbed;
}

/** Fields holding the mask: a masked export imported back has lost its secrets, which must be said. */
export function maskedFields(project: Project): string[] {
	return fields.filter((field) => field.get(project) === MASK).map((field) => field.name);
}
