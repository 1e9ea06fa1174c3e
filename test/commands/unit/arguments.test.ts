import {afterEach, describe, expect, it, vi} from 'vitest';
import {parseCommandLine} from '../../../source/commands/arguments.js';

const usage = 'Usage: obsync demo NAME [--json]';
const options = {json: {type: 'boolean', default: false}, level: {type: 'string', default: 'info'}} as const;

/** What the parser wrote to stdout and stderr while parsing `argv`, and what it returned. */
function parse(argv: string[], check?: Parameters<typeof parseCommandLine<typeof options>>[1]['check']) {
	const out: string[] = [];
	const err: string[] = [];
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
	vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
	const result = parseCommandLine(argv, {command: 'demo', usage, options, check});
	vi.restoreAllMocks();
	return {result, stdout: out.join(''), stderr: err.join('')};
}

afterEach(() => vi.restoreAllMocks());

describe('the shared argument parser', () => {
	it('gives the values with their defaults and the positionals, and prints nothing', () => {
		expect(parse(['shop', '--level', 'debug'])).toEqual({
			result: {ok: true, values: {json: false, level: 'debug'}, positionals: ['shop']},
			stdout: '',
			stderr: '',
		});
	});

	it('prints the usage on stdout and returns exit 0 for --help and -h', () => {
		for (const flag of ['--help', '-h'])
			expect(parse(['shop', flag])).toEqual({result: {ok: false, code: 0}, stdout: `${usage}\n`, stderr: ''});
	});

	it("refuses an unknown option with node's words, the command and the usage on stderr, exit 2", () => {
		const {result, stdout, stderr} = parse(['--bogus']);
		expect(result).toEqual({ok: false, code: 2});
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^obsync demo: Unknown option '--bogus'\. .*\n\nUsage: obsync demo NAME \[--json\]\n$/s);
	});

	it("says what the command's check found, after the command or the words it names", () => {
		expect(parse([], () => 'name the project').stderr).toBe(`obsync demo: name the project\n\n${usage}\n`);
		expect(parse(['x'], () => ({in: 'demo sub', problem: 'one at a time'})).stderr).toBe(`obsync demo sub: one at a time\n\n${usage}\n`);
		expect(parse(['x'], () => 'no').result).toEqual({ok: false, code: 2});
	});

	it('lets the check see the parsed values and positionals', () => {
		const seen: unknown[] = [];
		parse(['a', 'b', '--json'], (parsed) => {
			seen.push(parsed.values, parsed.positionals);
			return undefined;
		});
		expect(seen).toEqual([{json: true, level: 'info'}, ['a', 'b']]);
	});
});
