/**
 * Projects saved on this machine, through `conf`: one JSON file (mode 0600, in a 0700 directory) validated by the
 * project schema on every read and write. `OBSYNC_HOME` moves the store (tests, several operators on one host).
 * Checkpoints live beside it, one file per project.
 */
import {chmodSync, copyFileSync, existsSync, mkdirSync, rmSync} from 'node:fs';
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
import {checkStoreDirectory, checkStoreFile, defaultStoreDirectory} from './store-file-check.js';

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

/** A project this large is refused: projects are kilobytes, and a 50 MB one made `project list` take seconds. */
export const MAX_PROJECT_BYTES = 1024 * 1024;

export type StoreOptions = {
	/** The directory of the store. @default $OBSYNC_HOME, else the user's config directory */
	readonly directory?: string | undefined;
};

export class ProjectStore {
	private readonly conf: Conf<StoreShape>;
	/** What opening the store fixed (a mode too open), for the command or the app to say. */
	readonly warnings: string[];

	constructor(options: StoreOptions = {}) {
		const directory = options.directory || process.env.OBSYNC_HOME || defaultStoreDirectory();
		checkStoreDirectory(directory);
		// Checked before conf reads it: conf throws a bare SyntaxError on a damaged file.
		this.warnings = checkStoreFile(path.join(path.resolve(directory), 'obsync.json'), (file) => chmodSync(file, 0o600));
		// No `defaults`: conf writes them into the file on construction, and a command that only reads must not write.
		this.conf = new Conf<StoreShape>({
			projectName: 'obsync',
			projectSuffix: '',
			cwd: path.resolve(directory),
			configName: 'obsync',
			configFileMode: 0o600,
			accessPropertiesByDotNotation: false,
		});
		if (!existsSync(this.directory)) mkdirSync(this.directory, {recursive: true, mode: 0o700});
		chmodSync(this.directory, 0o700);
	}

	/** A key of the store, or its empty value when the file lacks it. */
	private read<Key extends keyof StoreShape>(key: Key): StoreShape[Key] {
		return this.conf.get(key) ?? ((key === 'tags' ? [] : {}) as StoreShape[Key]);
	}

	/** Changes keys in one write: the file as it was is kept as `obsync.json.bak` (mode 0600) first, to go back to. */
	private write(changes: Partial<StoreShape>): void {
		if (existsSync(this.path)) {
			// Removed first: copying onto an existing backup would keep that file's mode, maybe one too open.
			rmSync(`${this.path}.bak`, {force: true});
			copyFileSync(this.path, `${this.path}.bak`);
			chmodSync(`${this.path}.bak`, 0o600);
		}
		this.conf.set(changes);
		chmodSync(this.path, 0o600);
	}

	/** The store file's path. */
	get path(): string {
		return this.conf.path;
	}

	get directory(): string {
		return path.dirname(this.conf.path);
	}

	names(): string[] {
		return Object.keys(this.read('projects')).sort((a, b) => a.localeCompare(b));
	}

	/** The project, validated; an unknown name fails with the names that exist. */
	get(name: string): Project {
		const projects = this.read('projects');
		const stored = Object.hasOwn(projects, name) ? projects[name] : undefined;
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
		// Own keys only: `__proto__`, `constructor` or `toString` are not projects that "exist already".
		return Object.hasOwn(this.read('projects'), name);
	}

	save(project: Project): void {
		const valid = parseProject(project, `project "${project.name}"`);
		const size = JSON.stringify(valid).length;
		if (size > MAX_PROJECT_BYTES) {
			throw new ConfigError(`project "${valid.name}" is ${(size / 1024).toFixed(0)} KiB as JSON; a project is at most 1,024 KiB`, {
				hint: 'a project of thousands of tables fits in far less: look for a huge filter or repeated objects',
			});
		}
		this.write({projects: {...this.read('projects'), [valid.name]: valid}});
	}

	/**
	 * Removes a project and its last precheck. Its checkpoint file (where it would resume) is kept unless
	 * `withCheckpoint`, for a project re-imported under the same name; the caller makes sure it is not running.
	 */
	remove(name: string, options: {withCheckpoint?: boolean} = {}): boolean {
		const projects = {...this.read('projects')};
		if (!Object.hasOwn(projects, name)) return false;
		delete projects[name];
		const {[name]: _, ...prechecks} = this.read('prechecks');
		this.write({projects, prechecks});
		if (options.withCheckpoint) {
			rmSync(this.checkpointFile(name), {force: true});
			rmSync(this.lockFile(name), {force: true});
		}
		return true;
	}

	/** Saved data sources of one role, by name (sorted); entries that no longer validate are left out. */
	dataSources<R extends DataSourceRole>(role: R): NamedDataSource<R>[] {
		const {key, schema} = ROLES[role];
		return Object.entries(this.read(key))
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
		this.write({[key]: {...this.read(key), [name]: valid}});
	}

	removeDataSource(role: DataSourceRole, name: string): void {
		const {key} = ROLES[role];
		const {[name]: _, ...rest} = this.read(key);
		this.write({[key]: rest});
	}

	/** The tags projects can carry (OMS: Manage Tags), in the order they were made. */
	tags(): string[] {
		return [...this.read('tags')];
	}

	setTags(tags: readonly string[]): void {
		this.write({tags: [...new Set(tags)]});
	}

	/** Unfinished wizard runs, by draft id. */
	drafts(): Record<string, unknown> {
		return {...this.read('drafts')};
	}

	saveDraft(id: string, draft: unknown): void {
		this.write({drafts: {...this.read('drafts'), [id]: draft}});
	}

	removeDraft(id: string): void {
		const {[id]: _, ...rest} = this.read('drafts');
		this.write({drafts: rest});
	}

	/** The last precheck run of a project (`{at, results}`), as the dashboard shows it; undefined when none was kept. */
	precheck(name: string): unknown {
		const prechecks = this.read('prechecks');
		return Object.hasOwn(prechecks, name) ? prechecks[name] : undefined;
	}

	savePrecheck(name: string, value: unknown): void {
		this.write({prechecks: {...this.read('prechecks'), [name]: value}});
	}

	/** The lock that keeps a project to one running process (see project-lock.ts). */
	lockFile(name: string): string {
		return this.checkpointFile(name).replace(/\.json$/, '.lock');
	}

	/** The control socket of the project's run (engine/control), beside its lock. */
	socketFile(name: string): string {
		return this.checkpointFile(name).replace(/\.json$/, '.sock');
	}

	checkpointFile(name: string): string {
		const directory = path.join(this.directory, 'checkpoints');
		mkdirSync(directory, {recursive: true, mode: 0o700});
		return path.join(directory, `${name}.json`);
	}
}
