/**
 * What the Objects step reads from the outside: the source's tables, the destination's topics, and the schema of
 * every selected table (read in the background as tables are selected, so a table that cannot run as configured
 * is marked at once). All through the UI services.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {CatalogTable} from '../../../../engine/catalog/source-catalog.js';
import type {DestinationSettings, ProjectObject, SourceSettings} from '../../../../engine/project/project-schema.js';
import type {TopicInfo} from '../../../../engine/remoting/index.js';
import type {TableSchema} from '../../../../engine/schema/table-schema.js';
import {errorText} from '../../../error-text.js';
import {useServices} from '../../../services.js';
import {checkObject} from './object-check.js';
import {idOf} from './selection.js';

export type Loadable<T> =
	| {readonly state: 'loading'}
	| {readonly state: 'ready'; readonly value: T}
	| {readonly state: 'failed'; readonly error: string};

/** A value loaded once and on `reload`; `load` null means it cannot be loaded, for the reason `missing`. */
export function useLoadable<T>(load: (() => Promise<T>) | null, missing: string): [Loadable<T>, () => void] {
	const [attempt, setAttempt] = useState(0);
	const [value, setValue] = useState<Loadable<T>>(load ? {state: 'loading'} : {state: 'failed', error: missing});
	const loadRef = useRef(load);
	loadRef.current = load;
	// biome-ignore lint/correctness/useExhaustiveDependencies: loads again on `reload` only (the attempt counter).
	useEffect(() => {
		const current = loadRef.current;
		if (!current) return;
		let alive = true;
		setValue({state: 'loading'});
		current().then(
			(result) => alive && setValue({state: 'ready', value: result}),
			(error: unknown) => alive && setValue({state: 'failed', error: errorText(error)}),
		);
		return () => {
			alive = false;
		};
	}, [attempt]);
	return [value, useCallback(() => setAttempt((n) => n + 1), [])];
}

/** A schema, or why it could not be read. */
export type SchemaEntry = TableSchema | {readonly error: string};

export type ObjectsCatalog = {
	readonly tables: Loadable<CatalogTable[]>;
	readonly reloadTables: () => void;
	readonly topics: Loadable<TopicInfo[]>;
	readonly reloadTopics: () => void;
	/** Schemas of the selected tables read so far, by objectId. */
	readonly schemas: ReadonlyMap<string, SchemaEntry>;
	/** Records a schema read elsewhere (the Settings dialog reads a fresh one). */
	readonly setSchema: (id: string, schema: TableSchema) => void;
	/** Forgets the schemas that could not be read, so they are read again. */
	readonly retryFailed: () => void;
	/**
	 * Why each selected table cannot run as configured, by objectId: a view or a Chinese name (a selection from an older
	 * draft or an imported project), or what the engine says against its schema (once read).
	 */
	readonly problems: ReadonlyMap<string, string>;
	/** Selected tables whose schema is still being read. */
	readonly pending: number;
};

const parallel = 4;

export function useObjectsCatalog(
	source: SourceSettings | null,
	destination: DestinationSettings | null,
	objects: readonly ProjectObject[],
): ObjectsCatalog {
	const services = useServices();
	const [tables, reloadTables] = useLoadable(
		source ? () => services.listTables(source) : null,
		'there is no source yet: go back to step 1 (Esc) and choose one',
	);
	const [topics, reloadTopics] = useLoadable(
		destination ? () => services.listTopics(destination) : null,
		'there is no destination yet: go back to step 1 (Esc) and choose one',
	);
	const [schemas, setSchemas] = useState<ReadonlyMap<string, SchemaEntry>>(new Map());
	const reading = useRef(new Set<string>());
	const alive = useRef(true);
	useEffect(() => {
		alive.current = true;
		return () => {
			alive.current = false;
		};
	}, []);
	useEffect(() => {
		if (!source) return;
		const missing = objects.filter((object) => !schemas.has(idOf(object)) && !reading.current.has(idOf(object)));
		if (missing.length === 0) return;
		for (const object of missing) reading.current.add(idOf(object));
		const queue = [...missing];
		const worker = async () => {
			for (let object = queue.shift(); object; object = queue.shift()) {
				let entry: SchemaEntry;
				try {
					entry = await services.describeTable(source, object.database, object.table);
				} catch (error) {
					entry = {error: errorText(error)};
				}
				const id = idOf(object);
				reading.current.delete(id);
				if (alive.current) setSchemas((previous) => new Map(previous).set(id, entry));
			}
		};
		for (let i = 0; i < Math.min(parallel, missing.length); i++) void worker();
	}, [objects, schemas, source, services]);
	const setSchema = useCallback((id: string, schema: TableSchema) => setSchemas((previous) => new Map(previous).set(id, schema)), []);
	const retryFailed = useCallback(
		() =>
			setSchemas((previous) =>
				[...previous.values()].some((entry) => 'error' in entry)
					? new Map([...previous].filter(([, entry]) => !('error' in entry)))
					: previous,
			),
		[],
	);
	const problems = useMemo(() => {
		const found = new Map<string, string>();
		const catalog = new Map(tables.state === 'ready' ? tables.value.map((table) => [idOf(table), table]) : []);
		for (const object of objects) {
			const reason = catalog.get(idOf(object))?.disabledReason;
			if (reason) {
				found.set(idOf(object), `it cannot be synchronized: ${reason} (remove it)`);
				continue;
			}
			const entry = schemas.get(idOf(object));
			if (!entry) continue;
			const problem = 'error' in entry ? `its columns cannot be read: ${entry.error}` : checkObject(object, entry);
			if (problem) found.set(idOf(object), problem);
		}
		return found;
	}, [objects, schemas, tables]);
	const pending = objects.filter((object) => !schemas.has(idOf(object))).length;
	return {tables, reloadTables, topics, reloadTopics, schemas, setSchema, retryFailed, problems, pending};
}
