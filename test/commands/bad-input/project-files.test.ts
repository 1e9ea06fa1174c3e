/** Bad project files on import: exit 3, the file, the field path and what to do; the store is never changed. */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe} from 'vitest';
import {type Case, runCases, shop, withBaselineStore, writeJson} from './harness.js';

withBaselineStore();

type Project = ReturnType<typeof shop>;

/** A case importing `shop` changed by `change` (as `other`, so that the name is free), refused with `says`. */
function refused(does: string, change: (project: Project) => void, says: readonly (string | RegExp)[]): Case {
	return {
		does,
		args: (home) => {
			const project = shop();
			project.name = 'other';
			change(project);
			return ['project', 'import', writeJson(home, 'other.json', project)];
		},
		code: 3,
		says: ['other.json is not a valid obsync project', ...says],
	};
}

const cases: Case[] = [
	{
		does: 'says when the project file does not exist',
		args: (home) => ['project', 'import', path.join(home.directory, 'missing.json')],
		code: 3,
		says: ['missing.json: no such file', 'check the path'],
	},
	{
		does: 'says when the project file is a folder',
		args: (home) => {
			mkdirSync(path.join(home.directory, 'folder.json'));
			return ['project', 'import', path.join(home.directory, 'folder.json')];
		},
		code: 3,
		says: ['folder.json is a folder, not a project file'],
	},
	{
		does: 'says when the project file is not JSON',
		args: (home) => ['project', 'import', writeJson(home, 'p.json', 'name: shop')],
		code: 3,
		says: ['p.json is not JSON', 'a project file is one JSON object'],
	},
	{
		does: 'says when the project file is empty',
		args: (home) => ['project', 'import', writeJson(home, 'p.json', '')],
		code: 3,
		says: ['p.json is not JSON'],
	},
	{
		does: 'says when stdin is not a project',
		args: () => ['project', 'import', '-'],
		input: '{"name": ',
		code: 3,
		says: ['the project on stdin is not JSON'],
	},
	...[
		['an array', []],
		['null', null],
		['a number', 42],
	].map(
		([what, value]): Case => ({
			does: `refuses a project file holding ${what}`,
			args: (home) => ['project', 'import', writeJson(home, 'p.json', JSON.stringify(value))],
			code: 3,
			says: ['p.json is not a valid obsync project', '(top level)'],
		}),
	),
	{
		does: 'refuses a file over 1 MiB',
		args: (home) => {
			const project = shop();
			project.options = {businessId: 'x', padding: 'y'.repeat(1_100_000)};
			return ['project', 'import', writeJson(home, 'big.json', project)];
		},
		code: 3,
		says: ['big.json is 1075 KiB; a project file is at most 1,024 KiB'],
	},
	refused('names a misspelt row filter and the field it meant', (p) => Object.assign(p.objects[0]!, {were: 'id > 1'}), [
		'objects.0.were: unknown field; did you mean "where"?',
	]),
	refused('names a misspelt start timestamp and the field it meant', (p) => Object.assign(p.options, {startTimeStamp: 1}), [
		'options.startTimeStamp: unknown field; did you mean "startTimestamp"?',
	]),
	refused('names a misspelt host', (p) => Object.assign(p.source, {hots: 'x'}), ['source.hots: unknown field; did you mean "host"?']),
	refused('names a misspelt name server, whatever its case', (p) => Object.assign(p.destination, {nameserver: 'x:1'}), [
		'destination.nameserver: unknown field; did you mean "nameServer"?',
	]),
	refused('names a misspelt Binlog Service port', (p) => Object.assign(p.source, {binlog: {prot: 2883}}), [
		'source.binlog.prot: unknown field; did you mean "port"?',
	]),
	refused('lists the known fields for an unknown one far from all of them', (p) => Object.assign(p, {colour: 'blue'}), [
		'colour: unknown field; the fields here are version, name, tags, source, destination, operations, objects, options',
	]),
	refused('refuses a port out of range', (p) => Object.assign(p.source, {port: 70000}), ['source.port:']),
	refused('refuses a port written as text', (p) => Object.assign(p.source, {port: '3306'}), ['source.port:', 'expected number']),
	refused('refuses a project without tables', (p) => Object.assign(p, {objects: []}), ['objects: select at least one table']),
	refused('refuses a table selected twice', (p) => p.objects.push({...p.objects[0]!}), ['shop.orders is selected twice']),
	refused('refuses a topic name with a space', (p) => Object.assign(p.objects[0]!, {topic: 'my topic'}), [
		'objects.0.topic: a topic name has 1-127 characters',
	]),
	refused('refuses a project name with a space', (p) => Object.assign(p, {name: 'my shop'}), ['name: a project name may hold letters']),
	refused('refuses a project name over 64 characters', (p) => Object.assign(p, {name: 'n'.repeat(65)}), [
		'a project name has at most 64 characters',
	]),
	refused('refuses an unknown format', (p) => Object.assign(p.options, {format: 'Avro'}), ['options.format:']),
	refused('refuses the intra-transaction sequence outside SharePlex', (p) => Object.assign(p.options, {intraTransactionSequence: true}), [
		'the intra-transaction sequence exists only in the SharePlex format',
	]),
	refused('refuses the gRPC transport without a proxy endpoint', (p) => Object.assign(p.destination, {transport: 'grpc'}), [
		'destination.endpoints: the grpc transport needs the RocketMQ proxy endpoint',
	]),
	refused('refuses an AccessKey without a SecretKey', (p) => Object.assign(p.destination, {secretKey: undefined}), [
		'give both accessKey and secretKey, or neither',
	]),
	refused('refuses an empty list of operations', (p) => Object.assign(p, {operations: []}), [
		'choose at least one of insert, update, delete',
	]),
	refused('refuses an unknown operation', (p) => Object.assign(p, {operations: ['upsert']}), ['operations.0:']),
	refused('refuses a business id over 20 characters', (p) => Object.assign(p.options, {businessId: 'b'.repeat(21)}), [
		'the business system identification has 1-20 characters',
	]),
	{
		does: 'refuses a project exported with masked secrets',
		args: (home) => {
			const project = shop();
			project.name = 'other';
			project.source.password = '******';
			return ['project', 'import', writeJson(home, 'masked.json', project)];
		},
		code: 3,
		says: ['holds masked secrets (source.password)', 'write the passwords in'],
	},
	{
		does: 'refuses to overwrite a saved project without --replace',
		args: (home) => ['project', 'import', writeJson(home, 'shop.json', shop())],
		code: 3,
		says: ['a project named "shop" exists already', 'add --replace'],
	},
	{
		does: 'accepts a project file that starts with a byte order mark',
		args: (home) => {
			const project = shop();
			project.name = 'bom';
			return ['project', 'import', writeJson(home, 'bom.json', `\uFEFF${JSON.stringify(project)}`)];
		},
		code: 0,
		says: ['saved project bom'],
		changesStore: true,
	},
];

describe('bad project files', () => runCases(cases));
