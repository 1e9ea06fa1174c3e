/**
 * Projects saved on this machine, through `conf`: one JSON file (mode 0600, in a 0700 directory) validated by the
 * project schema on every read and write. `OBSYNC_HOME` moves the store (tests, several operators on one host).
 * Checkpoints live beside it, one file per project.
 */
import {chmodSync, mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {ConfigError} from '../engine/errors.js';
import {parseProject} from '../engine/project/parse-project.js';
import {
	type DestinationSettings,
	destinationSchema,
	type Project,
	type SourceSettings,
	sourceSchema,
} from '../engine/project/project-schema.js';

/**
 * projects: by name, each a whole project. sources/destinations: the data sources the wizard saved, by name, picked
 * again by later projects (a project holds its own copy). tags: the tag list. drafts: unfinished wizard runs, saved
 * after every step (their shape belongs to the wizard; the store keeps them as JSON).
 */
type StoreShape = {
	projects: Record<string, unknown>;
	sources: Record<string, unknown>;
	destinations: Record<string, unknown>;
	tags: string[];
	drafts: Record<string, unknown>;
	prechecks: Record<string, unknown>;
};

export type NamedSource = SourceSettings & {readonly name: string};
export type NamedDestination = DestinationSettings & {readonly name: string};

/** A saved data source is a destination when it is not a source (every source has a host). */
export function isDestination(settings: NamedSource | NamedDestination): settings is NamedDestination {
	return !('host' in settings);
}

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
			defaults: {projects: {}, sources: {}, destinations: {}, tags: [], drafts: {}, prechecks: {}},
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

	/**
	 * Removes a project and its last precheck. Its checkpoint file (where it would resume) is kept unless
	 * `withCheckpoint`, for a project re-imported under the same name; the caller makes sure it is not running.
	 */
	remove(name: string, options: {withCheckpoint?: boolean} = {}): boolean {
		const projects = {...this.conf.get('projects')};
		if (!(name in projects)) return false;
		delete projects[name];
		this.conf.set('projects', projects);
		const {[name]: _, ...prechecks} = this.conf.get('prechecks') ?? {};
		this.conf.set('prechecks', prechecks);
		if (options.withCheckpoint) {
			rmSync(this.checkpointFile(name), {force: true});
			rmSync(this.lockFile(name), {force: true});
		}
		return true;
	}

	/** Saved source data sources, by name (sorted); entries that no longer validate are left out. */
	sources(): NamedSource[] {
		return Object.entries(this.conf.get('sources') ?? {})
			.flatMap(([name, value]) => {
				const parsed = sourceSchema.safeParse(value);
				return parsed.success ? [{...parsed.data, name}] : [];
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	saveSource(name: string, source: SourceSettings): void {
		const valid = sourceSchema.parse(source);
		this.conf.set('sources', {...(this.conf.get('sources') ?? {}), [name]: valid});
		chmodSync(this.path, 0o600);
	}

	removeSource(name: string): void {
		const {[name]: _, ...rest} = this.conf.get('sources') ?? {};
		this.conf.set('sources', rest);
	}

	destinations(): NamedDestination[] {
		return Object.entries(this.conf.get('destinations') ?? {})
			.flatMap(([name, value]) => {
				const parsed = destinationSchema.safeParse(value);
				return parsed.success ? [{...parsed.data, name}] : [];
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	saveDestination(name: string, destination: DestinationSettings): void {
		const valid = destinationSchema.parse(destination);
		this.conf.set('destinations', {...(this.conf.get('destinations') ?? {}), [name]: valid});
		chmodSync(this.path, 0o600);
	}

	removeDestination(name: string): void {
		const {[name]: _, ...rest} = this.conf.get('destinations') ?? {};
		this.conf.set('destinations', rest);
	}

	/** The tags projects can carry (OMS: Manage Tags), in the order they were made. */
	tags(): string[] {
		return [...(this.conf.get('tags') ?? [])];
	}

	setTags(tags: readonly string[]): void {
		this.conf.set('tags', [...new Set(tags)]);
	}

	/** Unfinished wizard runs, by draft id. */
	drafts(): Record<string, unknown> {
		return {...(this.conf.get('drafts') ?? {})};
	}

	saveDraft(id: string, draft: unknown): void {
		this.conf.set('drafts', {...(this.conf.get('drafts') ?? {}), [id]: draft});
		chmodSync(this.path, 0o600);
	}

	removeDraft(id: string): void {
		const {[id]: _, ...rest} = this.conf.get('drafts') ?? {};
		this.conf.set('drafts', rest);
	}

	/** The last precheck run of a project (`{at, results}`), as the dashboard shows it; undefined when none was kept. */
	precheck(name: string): unknown {
		return this.conf.get('prechecks')?.[name];
	}

	savePrecheck(name: string, value: unknown): void {
		this.conf.set('prechecks', {...(this.conf.get('prechecks') ?? {}), [name]: value});
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
