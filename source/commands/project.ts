/**
 * `obsync project import|export|list|show|remove`: the saved projects, as the JSON the README documents. Exports
 * mask literal secrets unless --include-secrets; `${ENV}` references are kept as they are.
 */
import {parseArgs} from 'node:util';
import {ConfigError} from '../engine/errors.js';
import {parseProjectText} from '../engine/project/parse-project.js';
import {maskedFields, maskSecrets} from '../engine/project/secrets.js';
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

export const projectCommand: Command = {
	async run(argv) {
		let parsed: ReturnType<typeof parse>;
		try {
			parsed = parse(argv);
		} catch (error) {
			process.stderr.write(`obsync project: ${(error as Error).message}\n\n${usage}\n`);
			return EXIT.usage;
		}
		const {values, positionals} = parsed;
		const [sub, argument, ...extra] = positionals;
		if (values.help || sub === undefined) {
			(values.help ? process.stdout : process.stderr).write(`${usage}\n`);
			return values.help ? EXIT.ok : EXIT.usage;
		}
		const needsArgument = ['import', 'export', 'show', 'remove'].includes(sub);
		if (needsArgument && argument === undefined) {
			process.stderr.write(`obsync project ${sub}: ${sub === 'import' ? 'name the project file' : 'name the project'}\n\n${usage}\n`);
			return EXIT.usage;
		}
		if (extra.length > 0 || (argument !== undefined && !needsArgument)) {
			process.stderr.write(
				`obsync project ${sub}: unexpected ${[...(needsArgument ? [] : [argument]), ...extra].join(' ')} (one ${sub === 'import' ? 'file' : 'project'} at a time)\n\n${usage}\n`,
			);
			return EXIT.usage;
		}
		if ((values.output !== undefined || values.force) && sub !== 'export') {
			process.stderr.write(`obsync project ${sub}: --output and --force belong to export\n\n${usage}\n`);
			return EXIT.usage;
		}
		if (values.force && values.output === undefined) {
			process.stderr.write(`obsync project export: --force replaces the file of --output; give --output FILE\n\n${usage}\n`);
			return EXIT.usage;
		}
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
				default:
					process.stderr.write(`obsync project: unknown subcommand "${sub}"\n\n${usage}\n`);
					return EXIT.usage;
			}
		} catch (error) {
			process.stderr.write(`obsync project ${sub}: ${describeError(error)}\n`);
			return exitCodeOf(error);
		}
	},
};

function parse(argv: readonly string[]) {
	return parseArgs({
		args: [...argv],
		allowPositionals: true,
		options: {
			replace: {type: 'boolean', default: false},
			output: {type: 'string'},
			force: {type: 'boolean', default: false},
			'include-secrets': {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h'},
		},
	});
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
