/**
 * Secrets of a project: read from the environment when written as `${VAR}`, masked wherever a project is shown,
 * and scrubbed out of any text (error messages echo what drivers were given).
 */
import {describe, expect, it} from 'vitest';
import {parseProject} from '../../../source/engine/project/parse-project.js';
import {literalSecrets, MASK, maskedFields, maskSecrets, resolveSecrets, scrubSecrets} from '../../../source/engine/project/secrets.js';

/** `${OBSYNC_BINLOG_PASSWORD}`, as a user writes it. */
const REFERENCE = `\${OBSYNC_BINLOG_PASSWORD}`;

const project = parseProject(
	{
		name: 'orders',
		source: {
			flavor: 'mariadb',
			host: 'db.example',
			port: 3306,
			user: 'sync',
			password: 'pa55-word',
			binlog: {password: REFERENCE},
		},
		destination: {endpoints: 'mq.example:8081', accessKey: 'ak', secretKey: 'sk-secret'},
		objects: [{database: 'shop', table: 'orders', topic: 'orders_fifo'}],
	},
	'the test project',
);

describe('project secrets', () => {
	it('reads environment-variable secrets from the environment and says which variable is missing', () => {
		const resolved = resolveSecrets(project, {OBSYNC_BINLOG_PASSWORD: 'from-env'});
		expect(resolved.source.binlog?.password).toBe('from-env');
		expect(resolved.source.password).toBe('pa55-word');
		expect(project.source.binlog?.password).toBe(REFERENCE);
		expect(() => resolveSecrets(project, {})).toThrow(
			'source.binlog.password refers to the environment variable OBSYNC_BINLOG_PASSWORD, which is not set',
		);
	});

	it('masks literal secrets for display and keeps environment-variable references, which are not secret', () => {
		const masked = maskSecrets(project);
		expect(masked.source.password).toBe(MASK);
		expect(masked.destination.secretKey).toBe(MASK);
		expect(masked.source.binlog?.password).toBe(REFERENCE);
		expect(JSON.stringify(masked)).not.toContain('pa55-word');
		expect(maskedFields(masked)).toEqual(['source.password', 'destination.secretKey']);
	});

	it('lists the literal secrets to scrub, resolved ones included', () => {
		expect(literalSecrets(resolveSecrets(project, {OBSYNC_BINLOG_PASSWORD: 'from-env'}))).toEqual(['pa55-word', 'from-env', 'sk-secret']);
	});

	it('scrubs every secret out of a text, a longer one before one it contains', () => {
		expect(scrubSecrets("Access denied for user 'sync' (using password: pa55-word)", ['pa55-word'])).toBe(
			"Access denied for user 'sync' (using password: ******)",
		);
		expect(scrubSecrets('tried pa55-wor then pa55-word', ['pa55-wor', 'pa55-word'])).toBe('tried ****** then ******');
	});

	it('masks a secret of exactly 8 characters by substring', () => {
		expect(scrubSecrets('using password: 12345678.', ['12345678'])).toBe('using password: ******.');
	});

	it('withholds the whole text when it contains a secret shorter than 8 characters, whose gaps would spell it', () => {
		const withheld = `(message withheld: it contained a secret shorter than 8 characters, which cannot be masked safely; use a longer password or a \${ENV} reference)`;
		expect(scrubSecrets("Access denied for user 'sync'@'localhost'", ['e'])).toBe(withheld);
		expect(scrubSecrets('x=1, y=1', ['1'])).toBe(withheld);
		expect(scrubSecrets('password 1234567 refused', ['1234567'])).toBe(withheld);
		// A short secret inside a longer one is gone once the longer one is masked.
		expect(scrubSecrets('key pa55-word-long', ['pa55', 'pa55-word-long'])).toBe('key ******');
		expect(scrubSecrets('key pa55-word-long, then pa55', ['pa55', 'pa55-word-long'])).toBe(withheld);
	});

	it('keeps a text that does not contain the short secret', () => {
		expect(scrubSecrets('connection refused', ['xyz'])).toBe('connection refused');
	});

	it('leaves the text alone when there is nothing to scrub', () => {
		expect(scrubSecrets('no secrets here', ['', undefined, MASK])).toBe('no secrets here');
	});
});
