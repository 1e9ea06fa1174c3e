import {describe, expect, it} from 'vitest';
import {ConnectionError} from '../../../source/engine/errors.js';
import {errorText} from '../../../source/ui/error-text.js';
import {emptyDraft} from '../../../source/ui/wizard/draft.js';
import {
	checkDestinationForm,
	describeDestination,
	destinationFormFrom,
	emptyDestinationForm,
} from '../../../source/ui/wizard/steps/source-destination/destination-form.js';
import {isEndpointList, parsePort} from '../../../source/ui/wizard/steps/source-destination/endpoint-text.js';
import {readForms, writeForms} from '../../../source/ui/wizard/steps/source-destination/form-state.js';
import {
	binlogProbe,
	binlogSummary,
	checkSourceForm,
	describeSource,
	emptySourceForm,
	sourceFormFrom,
	withFlavor,
} from '../../../source/ui/wizard/steps/source-destination/source-form.js';
import {projectNameProblem, stepOneProblems} from '../../../source/ui/wizard/steps/source-destination/step-one-rules.js';
import {operationsProblem, toggleOperation} from '../../../source/ui/wizard/steps/source-destination/sync-operations.js';
import {removeFromList, renameInList, tagNameProblem, toggleInList} from '../../../source/ui/wizard/steps/source-destination/tag-rules.js';
import {testDestination, testSource} from '../helpers/render-ui.js';

const mariadbForm = {
	...emptySourceForm(),
	name: 'local',
	flavor: 'mariadb' as const,
	host: '127.0.0.1',
	port: '3306',
	user: 'obsync',
	password: 'pw',
};

describe('Step 1 rules: the project name', () => {
	it('refuses an empty name, one over 64 characters and one with other characters, saying why', () => {
		expect(projectNameProblem('', [], null)).toBe('a project name is required');
		expect(projectNameProblem('a'.repeat(65), [], null)).toBe('a project name has at most 64 characters');
		expect(projectNameProblem('orders sync', [], null)).toBe('a project name may hold letters (Chinese included), digits, _ and - only');
	});

	it('takes letters including Chinese, digits, _ and - up to 64 characters', () => {
		expect(projectNameProblem('订单_sync-2', [], null)).toBeUndefined();
		expect(projectNameProblem('a'.repeat(64), [], null)).toBeUndefined();
	});

	it('refuses the name of another project, but lets an edited project keep its own', () => {
		expect(projectNameProblem('orders', ['orders'], null)).toMatch(/^a project named "orders" already exists/);
		expect(projectNameProblem('orders', ['orders'], 'orders')).toBeUndefined();
	});

	it('lists every problem of the step: name, source, destination', () => {
		expect(stepOneProblems(emptyDraft('d'), [])).toEqual({
			name: 'a project name is required',
			source: 'pick a source data source, or add one',
			destination: 'pick a destination data source, or add one',
		});
		expect(stepOneProblems({...emptyDraft('d'), name: 'x', source: testSource, destination: testDestination}, [])).toEqual({});
	});
});

describe('Step 1 rules: the source form', () => {
	it('gives settings for a complete form and names the data source', () => {
		const check = checkSourceForm(mariadbForm, []);
		expect(check.errors).toEqual({});
		expect(check.name).toBe('local');
		expect(check.settings).toEqual({flavor: 'mariadb', host: '127.0.0.1', port: 3306, user: 'obsync', password: 'pw'});
	});

	it('says what is wrong with the port, the host and the user', () => {
		expect(checkSourceForm({...mariadbForm, port: 'abc'}, []).errors.port).toBe('the port is a number from 1 to 65535');
		expect(checkSourceForm({...mariadbForm, port: '70000'}, []).errors.port).toBe('the port is a number from 1 to 65535');
		expect(checkSourceForm({...mariadbForm, port: ''}, []).errors.port).toBe('a port is required');
		expect(checkSourceForm({...mariadbForm, host: ' '}, []).errors.host).toBe('a host is required');
		expect(checkSourceForm({...mariadbForm, user: ''}, []).errors.user).toBe('a user is required');
		expect(checkSourceForm({...mariadbForm, port: 'abc'}, []).settings).toBeNull();
	});

	it('refuses a missing or taken data source name, but still gives settings to test with', () => {
		const missing = checkSourceForm({...mariadbForm, name: ''}, []);
		expect(missing.errors.name).toBe('a data source name is required');
		expect(missing.settings).not.toBeNull();
		expect(checkSourceForm(mariadbForm, ['local']).errors.name).toMatch(/^a data source named "local" already exists/);
		expect(checkSourceForm({...mariadbForm, editing: 'local'}, ['local']).errors).toEqual({});
	});

	it('keeps OceanBase fields for OceanBase only, checks obconfig_url and asks for the tenant with a cluster', () => {
		const oceanbase = {
			...mariadbForm,
			flavor: 'oceanbase' as const,
			tenant: 'sys',
			cluster: 'obcluster',
			obconfigUrl: 'http://cfg:8080/services',
		};
		expect(checkSourceForm(oceanbase, []).settings).toMatchObject({
			tenant: 'sys',
			cluster: 'obcluster',
			obconfigUrl: 'http://cfg:8080/services',
		});
		expect(checkSourceForm({...oceanbase, flavor: 'mysql'}, []).settings).not.toHaveProperty('tenant');
		expect(checkSourceForm({...oceanbase, obconfigUrl: 'not a url'}, []).errors.obconfigUrl).toMatch(/^obconfig_url is a URL/);
		expect(checkSourceForm({...oceanbase, tenant: ''}, []).errors.tenant).toMatch(/^give the tenant too/);
		expect(checkSourceForm({...oceanbase, tenant: '', user: 'root@sys#obcluster'}, []).errors.tenant).toBeUndefined();
	});

	it('keeps only the Binlog Service fields given, and checks its port', () => {
		expect(checkSourceForm(mariadbForm, []).settings).not.toHaveProperty('binlog');
		const own = checkSourceForm({...mariadbForm, binlogHost: 'binlog.local', binlogPort: '2983'}, []);
		expect(own.settings?.binlog).toEqual({host: 'binlog.local', port: 2983});
		expect(checkSourceForm({...mariadbForm, binlogPort: '0'}, []).errors.binlogPort).toBe('the port is a number from 1 to 65535');
		expect(binlogSummary(mariadbForm)).toBe('same as the SQL endpoint');
		expect(binlogSummary({...mariadbForm, binlogPort: '2983'})).toBe('127.0.0.1:2983 as obsync');
		expect(binlogProbe(own.settings!)).toEqual({flavor: 'mariadb', host: 'binlog.local', port: 2983, user: 'obsync', password: 'pw'});
		expect(binlogProbe(checkSourceForm(mariadbForm, []).settings!)).toBeNull();
	});

	it('follows the flavour with the default port only while the port is the old default', () => {
		expect(withFlavor(emptySourceForm(), 'mariadb').port).toBe('3306');
		expect(withFlavor({...emptySourceForm(), port: '23306'}, 'mariadb').port).toBe('23306');
	});

	it('reopens a saved data source with every field, and describes it without the password', () => {
		const form = sourceFormFrom({...testSource, name: 'local', binlog: {port: 1234}, serverId: 77});
		expect(form).toMatchObject({editing: 'local', port: String(testSource.port), binlogPort: '1234', serverId: 77});
		expect(checkSourceForm(form, ['local']).settings).toMatchObject({serverId: 77, binlog: {port: 1234}});
		expect(describeSource(testSource)).toBe(`mariadb ${testSource.host}:${testSource.port} as ${testSource.user}`);
		expect(describeSource({...testSource, flavor: 'oceanbase', tenant: 't1', cluster: 'c1'})).toContain(`as ${testSource.user}@t1#c1`);
		expect(describeSource(testSource)).not.toContain(testSource.password);
	});
});

describe('Step 1 rules: the destination form', () => {
	const form = {...emptyDestinationForm(), name: 'mq', endpoints: '127.0.0.1:8081', nameServer: '127.0.0.1:9876'};

	it('gives settings for a complete form, remoting unless gRPC is chosen', () => {
		expect(checkDestinationForm(form, []).settings).toEqual({
			transport: 'remoting',
			endpoints: '127.0.0.1:8081',
			nameServer: '127.0.0.1:9876',
			namespace: '',
			tls: false,
		});
	});

	it('asks for what the transport needs: the name server for remoting, the proxy endpoint for gRPC, each as host:port', () => {
		expect(checkDestinationForm({...form, nameServer: ''}, []).errors.nameServer).toBe(
			'the remoting transport needs the name server (host:port, usually 9876)',
		);
		expect(checkDestinationForm({...form, endpoints: ''}, []).errors).toEqual({});
		expect(checkDestinationForm({...form, transport: 'grpc', endpoints: ''}, []).errors.endpoints).toBe(
			'the gRPC transport needs the proxy endpoint (host:port, usually 8081)',
		);
		expect(checkDestinationForm({...form, transport: 'grpc', nameServer: ''}, []).errors).toEqual({});
		expect(checkDestinationForm({...form, endpoints: 'localhost'}, []).errors.endpoints).toMatch(/^the proxy endpoint is host:port/);
		expect(checkDestinationForm({...form, endpoints: 'a:8081;b:99999'}, []).errors.endpoints).toMatch(/^the proxy endpoint is host:port/);
		expect(checkDestinationForm({...form, endpoints: 'a:8081;b:8081'}, []).errors).toEqual({});
		expect(checkDestinationForm({...form, nameServer: 'ns'}, []).errors.nameServer).toMatch(/^the name server is host:port/);
	});

	it('wants the AccessKey and the SecretKey together', () => {
		expect(checkDestinationForm({...form, accessKey: 'ak'}, []).errors.secretKey).toBe(
			'give the SecretKey that goes with the AccessKey (or clear both)',
		);
		expect(checkDestinationForm({...form, secretKey: 'sk'}, []).errors.accessKey).toBe(
			'give the AccessKey that goes with the SecretKey (or clear both)',
		);
		expect(checkDestinationForm({...form, accessKey: 'ak', secretKey: 'sk'}, []).settings).toMatchObject({
			accessKey: 'ak',
			secretKey: 'sk',
		});
	});

	it('reopens a saved destination and describes it without the SecretKey', () => {
		const saved = {...testDestination, name: 'mq', accessKey: 'ak', secretKey: 'very-secret', namespace: 'ns', tls: true};
		expect(checkDestinationForm(destinationFormFrom(saved), ['mq']).settings).toEqual({
			...testDestination,
			accessKey: 'ak',
			secretKey: 'very-secret',
			namespace: 'ns',
			tls: true,
		});
		expect(describeDestination(saved)).toBe(`remoting, name server ${testDestination.nameServer}, namespace ns, AccessKey ak, TLS`);
		expect(describeDestination({...saved, transport: 'grpc'})).toBe(
			`proxy ${testDestination.endpoints}, name server ${testDestination.nameServer}, namespace ns, AccessKey ak, TLS`,
		);
		expect(describeDestination(saved)).not.toContain('very-secret');
	});
});

describe('Step 1 rules: endpoints and errors as text', () => {
	it('parses ports and endpoint lists', () => {
		expect(parsePort(' 80 ')).toEqual({port: 80});
		expect(parsePort('')).toBeNull();
		expect(parsePort('8o')).toEqual({error: 'the port is a number from 1 to 65535'});
		expect(isEndpointList('[::1]:8081;host:1')).toBe(true);
		expect(isEndpointList('host:0')).toBe(false);
	});

	it('says an error with its hint and hides secrets in it', () => {
		const error = new ConnectionError('cannot connect as u with secret-pw', {hint: 'check the user'});
		expect(errorText(error, ['secret-pw'])).toBe('cannot connect as u with ****** (check the user)');
		expect(errorText(new Error('plain'))).toBe('plain');
	});
});

describe('Step 1 rules: tags', () => {
	it('refuses an empty, long or existing tag name, except the tag being renamed', () => {
		expect(tagNameProblem(' ', [])).toBe('a tag name is required');
		expect(tagNameProblem('t'.repeat(65), [])).toBe('a tag has at most 64 characters');
		expect(tagNameProblem('prod', ['prod'])).toBe('there is already a tag named "prod"');
		expect(tagNameProblem('prod', ['prod'], 'prod')).toBeUndefined();
	});

	it('renames in place without duplicates, removes and toggles', () => {
		expect(renameInList(['a', 'b', 'c'], 'b', 'x')).toEqual(['a', 'x', 'c']);
		expect(renameInList(['a', 'b'], 'b', 'a')).toEqual(['a']);
		expect(removeFromList(['a', 'b'], 'a')).toEqual(['b']);
		expect(toggleInList(['a'], 'b')).toEqual(['a', 'b']);
		expect(toggleInList(['a', 'b'], 'a')).toEqual(['b']);
	});
});

describe('Step 2 rules: operations', () => {
	it('toggles an operation and keeps the order insert, update, delete', () => {
		expect(toggleOperation(['insert', 'update', 'delete'], 'update')).toEqual(['insert', 'delete']);
		expect(toggleOperation(['delete'], 'insert')).toEqual(['insert', 'delete']);
	});

	it('wants at least one', () => {
		expect(operationsProblem([])).toBe('choose at least one of Insert, Update, Delete (nothing would be sent)');
		expect(operationsProblem(['delete'])).toBeUndefined();
	});
});

describe('Step 1 rules: forms kept in the draft', () => {
	it('keeps the forms through a JSON round trip and ignores what is not a form', () => {
		const forms = {source: {...mariadbForm, serverId: 5}, destination: {...emptyDestinationForm(), name: 'mq', tls: true}};
		const draft = JSON.parse(JSON.stringify(writeForms(emptyDraft('d'), forms)));
		expect(readForms(draft)).toEqual(forms);
		expect(readForms(emptyDraft('d'))).toEqual({source: null, destination: null});
		expect(readForms({...emptyDraft('d'), sourceDestinationForms: {source: {host: 5}, destination: 'x'}} as never)).toEqual({
			source: null,
			destination: null,
		});
		expect(readForms({...emptyDraft('d'), sourceDestinationForms: {source: {flavor: 'oracle'}}} as never).source).toBeNull();
	});
});
