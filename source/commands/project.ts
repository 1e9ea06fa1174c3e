/**
 * `obsync project import|export|list|show|remove`: the saved projects, as the JSON the README documents. Exports
 * mask literal secrets unless --include-secrets; `${ENV}` references are kept as they are.
 */
import {ConfigError} from '../engine/errors.js';
import {parseProjectText} from '../engine/project/parse-project.js';
import {maskedFields, maskSecrets} from '../engine/project/secrets.js';
import {type Problem, parseCommandLine} from './arguments.js';
import type {Command} from './index.js';
import {openStore} from './open-store.js';
import {readProjectFile, writeSecretFile} from './project-files.js';
import {describeError, EXIT, exitCodeOf} from './report-error.js';

const usage = `Usage: obsync project <subcommand>

  import FILE [--replace]                     validate a project file and save it (- reads stdin)
  export NAME [--output FILE [--force]] [--include-secrets]
                                              print the project as JSON (literal secrets masked);
                                              --output writes FILE (mode 0600), --force replaces it
  list [--json]                               the saved projects
  show NAME                                   the project, secrets masked
  remove NAME                                 delete the project (its checkpoint file is kept)

The store is $OBSYNC_HOME/obsync.json (default: the user's config directory), mode 0600.`;

const SUBCOMMANDS = ['import', 'export', 'list', 'show', 'remove'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const options = {
	replace: {type: 'boolean', default: false},
	output: {type: 'string'},
	force: {type: 'boolean', default: false},
	'include-secrets': {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
} as const;

export const projectCommand: Command = {
	async run(argv) {
		const line = parseCommandLine(argv, {command: 'project', usage, options, check: checkProjectLine});
		if (!line.ok) return line.code;
		const {values} = line;
		// checkProjectLine let only a known subcommand through.
		const [sub, argument] = line.positionals as [Subcommand, string | undefined];
		try {
			const store = openStore(`project ${sub}`);
			switch (sub) {
				case 'import': {
					const text = argument === '-' ? await readStdin() : await readProjectFile(argument!);
					const project = parseProjectText(text, argument === '-' ? 'the project on stdin' : argument!);
					const masked = maskedFields(project);
					if (masked.length > 0) {
						throw new ConfigError(`${argument} holds masked secrets (${masked.join(', ')}), exported without --include-secrets`, {
							hint: `write the passwords in, or as \${ENV_VAR} references, then import again`,
						});
					}
					if (store.has(project.name) && !values.replace) {
						throw new ConfigError(`a project named "${project.name}" exists already`, {hint: 'add --replace to overwrite it'});
					}
					store.save(project);
					process.stdout.write(`saved project ${project.name} (${project.objects.length} table(s)) in ${store.path}\n`);
					return EXIT.ok;
				}
				case 'export':
				case 'show': {
					const project = store.get(argument!);
					const text = `${JSON.stringify(values['include-secrets'] && sub === 'export' ? project : maskSecrets(project), null, 2)}\n`;
					if (values.output !== undefined && sub === 'export') {
						await writeSecretFile(values.output, text, {force: values.force});
						process.stderr.write(`wrote project ${argument} to ${values.output} (mode 0600)\n`);
					} else process.stdout.write(text);
					return EXIT.ok;
				}
				case 'list': {
					const projects = store.names().map((name) => {
						try {
							const project = store.get(name);
							return {name, tags: project.tags, tables: project.objects.length, format: project.options.format, valid: true};
						} catch (error) {
							return {name, valid: false, error: describeError(error)};
						}
					});
					if (values.json) process.stdout.write(`${JSON.stringify(projects)}\n`);
					else if (projects.length === 0) process.stdout.write(`no projects in ${store.path}\n`);
					else {
						for (const p of projects) {
							process.stdout.write(
								p.valid
									? `${p.name}\t${p.tables} table(s)\t${p.format}${p.tags && p.tags.length > 0 ? `\ttags: ${p.tags.join(', ')}` : ''}\n`
									: `${p.name}\tINVALID: ${p.error}\n`,
							);
						}
					}
					return EXIT.ok;
				}
				case 'remove':
					if (!store.remove(argument!)) throw new ConfigError(`there is no project named "${argument}"`);
					process.stdout.write(
						`removed project ${argument} (its checkpoint file, if any, is kept in ${store.checkpointFile(argument!)})\n`,
					);
					return EXIT.ok;
			}
		} catch (error) {
			process.stderr.write(`obsync project ${sub}: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
	},
};

/** What the parser cannot see: a known subcommand, its one argument, and options that belong to it. */
function checkProjectLine({values, positionals}: {values: {output?: string; force?: boolean}; positionals: string[]}): Problem {
	const [sub, argument, ...extra] = positionals;
	if (sub === undefined) return 'name a subcommand: import, export, list, show or remove';
	if (!(SUBCOMMANDS as readonly string[]).includes(sub)) return `unknown subcommand "${sub}"`;
	const needsArgument = sub !== 'list';
	const where = `project ${sub}`;
	if (needsArgument && argument === undefined) return {in: where, problem: sub === 'import' ? 'name the project file' : 'name the project'};
	if (extra.length > 0 || (argument !== undefined && !needsArgument)) {
		const unexpected = [...(needsArgument ? [] : [argument]), ...extra].join(' ');
		return {in: where, problem: `unexpected ${unexpected} (one ${sub === 'import' ? 'file' : 'project'} at a time)`};
	}
	if ((values.output !== undefined || values.force) && sub !== 'export')
		return {in: where, problem: '--output and --force belong to export'};
	if (values.force && values.output === undefined) return {in: where, problem: '--force replaces the file of --output; give --output FILE'};
	return undefined;
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
