import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {DestinationSettings, SourceSettings} from '../../source/engine/project/project-schema.js';
import {ProjectStore} from '../../source/store/project-store.js';

const source: SourceSettings = {flavor: 'mariadb', host: '127.0.0.1', port: 3306, user: 'sync', password: 'pw'};
const destination: DestinationSettings = {transport: 'remoting', nameServer: '127.0.0.1:9876', namespace: '', tls: false};

let directory: string | undefined;
afterEach(() => {
	if (directory) rmSync(directory, {recursive: true, force: true});
	directory = undefined;
});

function newStore(): ProjectStore {
	directory = mkdtempSync(path.join(tmpdir(), 'obsync-store-'));
	return new ProjectStore({directory});
}

describe('Saved data sources, one API for both roles', () => {
	it('keeps sources under "sources" and destinations under "destinations" in the store file, as before', () => {
		const store = newStore();
		store.saveDataSource('source', 'db', source);
		store.saveDataSource('destination', 'mq', destination);
		const file = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, Record<string, unknown>>;
		expect(Object.keys(file.sources ?? {})).toEqual(['db']);
		expect(Object.keys(file.destinations ?? {})).toEqual(['mq']);
		expect(file.sources?.db).toMatchObject({host: '127.0.0.1', port: 3306});
	});

	it('lists the data sources of one role only, sorted by name, each with its name', () => {
		const store = newStore();
		store.saveDataSource('source', 'zeta', source);
		store.saveDataSource('source', 'alpha', {...source, port: 3307});
		store.saveDataSource('destination', 'mq', destination);
		expect(store.dataSources('source').map((entry) => [entry.name, entry.port])).toEqual([
			['alpha', 3307],
			['zeta', 3306],
		]);
		expect(store.dataSources('destination')).toEqual([{...destination, name: 'mq'}]);
	});

	it('removes a data source from its own role, leaving a same-named one of the other role', () => {
		const store = newStore();
		store.saveDataSource('source', 'shared', source);
		store.saveDataSource('destination', 'shared', destination);
		store.removeDataSource('source', 'shared');
		expect(store.dataSources('source')).toEqual([]);
		expect(store.dataSources('destination').map((entry) => entry.name)).toEqual(['shared']);
	});

	it('refuses to save settings its role does not accept, and leaves out stored entries that no longer validate', () => {
		const store = newStore();
		expect(() => store.saveDataSource('source', 'bad', {...source, port: -1})).toThrow();
		store.saveDataSource('destination', 'mq', destination);
		const file = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, unknown>;
		writeFileSync(store.path, JSON.stringify({...file, destinations: {mq: destination, broken: {transport: 'carrier-pigeon'}}}));
		expect(store.dataSources('destination').map((entry) => entry.name)).toEqual(['mq']);
	});
});
