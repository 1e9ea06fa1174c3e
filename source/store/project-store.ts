/**
 * Projects saved on this machine, through `conf`: one JSON file (mode 0600, in a 0700 directory) validated by the
 * project schema on every read and write. `OBSYNC_HOME` moves the store (tests, several operators on one host).
 * Checkpoints live beside it, one file per project.
 */
import {chmodSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {ConfigError} from '../engine/errors.js';
import {parseProject} from '../engine/project/parse-project.js';
import type {Project} from '../engine/project/project-schema.js';

type StoreShape = {projects: Record<string, unknown>};

export type StoreOptions = {
	/** The directory of the store. @default $OBSYNC_HOME, else the user's config directory */
	readonly directory?: string | undefined;
};

export class ProjectStore {
	private readonly conf: Conf<StoreShape>;

	constructor(options: StoreOptions = {}) {
		const directory = options.directory ?? process.env.OBSYNC_HOME;
		this.conf = new Conf<StoreShape>({
			projectName: 'obsync',
			projectSuffix: '',
			...(directory ? {cwd: directory} : {}),
			configName: 'obsync',
			configFileMode: 0o600,
			accessPropertiesByDotNotation: false,
			defaults: {projects: {}},
		});
		mkdirSync(this.directory, {recursive: true, mode: 0o700});
		chmodSync(this.directory, 0o700);
	}

	/** The store file's path. */
	get path(): string {
		return this.conf.path;
	}

	get directory(): string {
		return path.dirname(this.conf.path);
	}

	names(): string[] {
		return Object.keys(this.conf.get('projects')).sort((a, b) => a.localeCompare(b));
	}

	/** The project, validated; an unknown name fails with the names that exist. */
	get(name: string): Project {
		const stored = this.conf.get('projects')[name];
		if (stored === undefined) {
			const names = this.names();
			throw new ConfigError(`there is no project named "${name}" in ${this.path}`, {
				hint:
					names.length > 0
						? `the projects are: ${names.join(', ')}`
						: 'create one with `obsync` (the wizard) or `obsync project import FILE`',
			});
		}
		return parseProject(stored, `project "${name}" in ${this.path}`);
	}

	has(name: string): boolean {
		return this.conf.get('projects')[name] !== undefined;
	}

	save(project: Project): void {
		const valid = parseProject(project, `project "${project.name}"`);
		this.conf.set('projects', {...this.conf.get('projects'), [valid.name]: valid});
		chmodSync(this.path, 0o600);
	}

	remove(name: string): boolean {
		const projects = {...this.conf.get('projects')};
		if (!(name in projects)) return false;
		delete projects[name];
		this.conf.set('projects', projects);
		return true;
	}

	/** The lock that keeps a project to one running process (see project-lock.ts). */
	lockFile(name: string): string {
		return this.checkpointFile(name).replace(/\.json$/, '.lock');
	}

	checkpointFile(name: string): string {
		const directory = path.join(this.directory, 'checkpoints');
		mkdirSync(directory, {recursive: true, mode: 0o700});
		return path.join(directory, `${name}.json`);
	}
}
