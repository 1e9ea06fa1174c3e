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

/** The two kinds of saved data source: where rows are read (a database) and where they are sent (RocketMQ). */
export type DataSourceRole = 'source' | 'destination';
export type DataSourceSettings<R extends DataSourceRole> = {source: SourceSettings; destination: DestinationSettings}[R];
export type NamedDataSource<R extends DataSourceRole> = DataSourceSettings<R> & {readonly name: string};
export type NamedSource = NamedDataSource<'source'>;
export type NamedDestination = NamedDataSource<'destination'>;

/** Where each role's data sources are kept in the store file, and the schema each entry is validated by. */
const ROLES = {
	source: {key: 'sources', schema: sourceSchema},
	destination: {key: 'destinations', schema: destinationSchema},
} as const satisfies Record<DataSourceRole, {key: keyof StoreShape; schema: unknown}>;

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

	/** Saved data sources of one role, by name (sorted); entries that no longer validate are left out. */
	dataSources<R extends DataSourceRole>(role: R): NamedDataSource<R>[] {
		const {key, schema} = ROLES[role];
		return Object.entries(this.conf.get(key) ?? {})
			.flatMap(([name, value]) => {
				const parsed = schema.safeParse(value);
				return parsed.success ? [{...(parsed.data as DataSourceSettings<R>), name}] : [];
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Saves (or replaces) a data source of one role under its name, validated by that role's schema. */
	saveDataSource<R extends DataSourceRole>(role: R, name: string, settings: DataSourceSettings<R>): void {
		const {key, schema} = ROLES[role];
		const valid = schema.parse(settings);
		this.conf.set(key, {...(this.conf.get(key) ?? {}), [name]: valid});
		chmodSync(this.path, 0o600);
	}

	removeDataSource(role: DataSourceRole, name: string): void {
		const {key} = ROLES[role];
		const {[name]: _, ...rest} = this.conf.get(key) ?? {};
		this.conf.set(key, rest);
	}

	/** saveDataSource('source', …), for the playground's setup (source/playground), which is outside the UI's reach. */
	saveSource(name: string, source: SourceSettings): void {
		this.saveDataSource('source', name, source);
	}

	/** saveDataSource('destination', …), for the playground's setup, like saveSource. */
	saveDestination(name: string, destination: DestinationSettings): void {
		this.saveDataSource('destination', name, destination);
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
