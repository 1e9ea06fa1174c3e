/**
 * The one schema of a project: what the wizard builds, what `obsync project import` reads and `export` writes, what
 * the `conf` store holds and what the engine runs. Every field is documented in the README (Project file).
 */
import {z} from 'zod';
import {FORMATS} from '../format/index.js';

/** Letters (Chinese included), digits, `_` and `-`; at most 64 characters (OMS: project names). */
export const projectNameSchema = z
	.string()
	.min(1, 'a project name is required')
	.max(64, 'a project name has at most 64 characters')
	.regex(/^[\p{L}\p{N}_-]+$/u, 'a project name may hold letters (Chinese included), digits, _ and - only');

/** A password as text, or a `${ENV_VAR}` reference resolved when the project runs (kept out of the store). */
const secret = z.string();

// Every object is strict: an unknown field (a misspelt `were`, `startTimeStamp`) is an error that names it and the
// closest known one (parse-project.ts), never silently dropped.
const endpointSchema = z.strictObject({
	host: z.string().min(1, 'a host is required'),
	port: z.number().int().min(1).max(65_535),
	user: z.string().min(1, 'a user is required'),
	password: secret,
});

export const sourceSchema = endpointSchema.extend({
	/** `oceanbase` (CE, MySQL mode, through ODP), `mysql` or `mariadb`. */
	flavor: z.enum(['oceanbase', 'mysql', 'mariadb']).default('oceanbase'),
	/** OceanBase: the tenant and cluster, when the user is not already written `user@tenant#cluster`. */
	tenant: z.string().min(1).optional(),
	cluster: z.string().min(1).optional(),
	/** OceanBase: the config server URL of the cluster (recorded for operators; obsync does not call it). */
	obconfigUrl: z.string().url().optional(),
	/** The Binlog Service endpoint; by default the SQL endpoint above (obbinlog behind ODP answers on the same port). */
	binlog: endpointSchema.partial().optional(),
	/** The replica server id obsync registers with; unique among the server's replicas. Default: derived from the project name. */
	serverId: z.number().int().min(1).max(4_294_967_295).optional(),
});

export const TRANSPORTS = ['remoting', 'grpc'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const destinationSchema = z.strictObject({
	/**
	 * `remoting`: obsync's own producer, through the name server straight to the brokers (RocketMQ 4.x and 5.x).
	 * `grpc`: rocketmq-client-nodejs through the 5.x proxy. Absent: remoting when a name server is given, else grpc.
	 */
	transport: z.enum(TRANSPORTS).optional(),
	/** The gRPC proxy endpoint(s), `host:port[;host:port]`; needed by the grpc transport. */
	endpoints: z.string().min(1, 'the RocketMQ proxy endpoint is required (host:port)').optional(),
	/** The name server(s), `host:port[;host:port]`: routes for the remoting transport, topic lists for both. */
	nameServer: z.string().min(1).optional(),
	/** Remoting: messages in one batch to one queue, at most. @default 256 */
	batchMaxMessages: z.number().int().min(1).max(10_000).optional(),
	/** Remoting: bytes of one batch, at most (the broker's maxMessageSize, 4 MiB by default, applies to the batch). @default 1048576 */
	batchMaxBytes: z
		.number()
		.int()
		.min(1024)
		.max(4 * 1024 * 1024)
		.optional(),
	accessKey: z.string().min(1).optional(),
	secretKey: secret.optional(),
	namespace: z.string().default(''),
	tls: z.boolean().default(false),
});

const columnName = z.string().min(1);

export const objectSchema = z.strictObject({
	database: z.string().min(1),
	table: z.string().min(1),
	topic: z.string().regex(/^[%|a-zA-Z0-9_-]{1,127}$/, 'a topic name has 1-127 characters among letters, digits, %, |, _ and -'),
	/** The names the messages carry instead of the source's. */
	renameDatabase: z.string().min(1).optional(),
	renameTable: z.string().min(1).optional(),
	/** A SQL WHERE condition (without WHERE); only rows for which it is TRUE are sent. */
	where: z.string().min(1).optional(),
	/** Default: the primary key, else a unique key on NOT NULL columns. */
	shardingColumns: z.array(columnName).optional(),
	/** Default (or empty): all columns. */
	columns: z.array(columnName).optional(),
});

export const OPERATIONS = ['insert', 'update', 'delete'] as const;

export const optionsSchema = z.strictObject({
	/** Seconds since the epoch; absent: the time of the first run ("now"). */
	startTimestamp: z.number().int().min(0).optional(),
	format: z.enum(FORMATS).default('Default'),
	/** SharePlex only: `meta.seq`, the change's place in its transaction. */
	intraTransactionSequence: z.boolean().default(false),
	partitioning: z.literal('hash').default('hash'),
	businessId: z.string().min(1).max(20, 'the business system identification has 1-20 characters').optional(),
	producerGroup: z.string().min(1).optional(),
	tag: z.string().min(1).default('default_tag'),
	messageTracing: z.boolean().default(false),
	/**
	 * With messageTracing: the NORMAL topic that receives Java-compatible "Pub" trace records. Absent: over remoting
	 * RMQ_SYS_TRACE_TOPIC, where the Java client writes them; over gRPC obsync_msg_trace (the proxy refuses system topics).
	 */
	traceTopic: z
		.string()
		.regex(/^[%|a-zA-Z0-9_-]{1,127}$/, 'a topic name has 1-127 characters among letters, digits, %, |, _ and -')
		.optional(),
	/** Also send the DDL of the selected tables (OMS: incremental DDL). */
	ddl: z.boolean().default(false),
});

export const projectSchema = z
	.strictObject({
		version: z.literal(1).default(1),
		name: projectNameSchema,
		tags: z.array(z.string().min(1)).default([]),
		source: sourceSchema,
		destination: destinationSchema,
		/** Incremental synchronization of DML: which operations are sent. */
		operations: z
			.array(z.enum(OPERATIONS))
			.min(1, 'choose at least one of insert, update, delete')
			.default([...OPERATIONS]),
		objects: z.array(objectSchema).min(1, 'select at least one table'),
		options: optionsSchema.default(optionsSchema.parse({})),
	})
	.superRefine((project, context) => {
		const seen = new Set<string>();
		project.objects.forEach((object, i) => {
			const key = `${object.database}.${object.table}`;
			if (seen.has(key)) context.addIssue({code: 'custom', path: ['objects', i], message: `${key} is selected twice`});
			seen.add(key);
		});
		if (project.options.intraTransactionSequence && project.options.format !== 'SharePlex') {
			context.addIssue({
				code: 'custom',
				path: ['options', 'intraTransactionSequence'],
				message: 'the intra-transaction sequence exists only in the SharePlex format',
			});
		}
		const transport = destinationTransport(project.destination);
		if (transport === 'grpc' && !project.destination.endpoints) {
			context.addIssue({
				code: 'custom',
				path: ['destination', 'endpoints'],
				message: 'the grpc transport needs the RocketMQ proxy endpoint (host:port)',
			});
		}
		if (transport === 'remoting' && !project.destination.nameServer) {
			context.addIssue({
				code: 'custom',
				path: ['destination', 'nameServer'],
				message: 'the remoting transport needs the RocketMQ name server (host:port)',
			});
		}
		if (Boolean(project.destination.accessKey) !== Boolean(project.destination.secretKey)) {
			context.addIssue({code: 'custom', path: ['destination'], message: 'give both accessKey and secretKey, or neither'});
		}
	});

/** The transport a destination uses: as set, else remoting when it has a name server, else grpc. */
export function destinationTransport(destination: {
	readonly transport?: Transport | undefined;
	readonly nameServer?: string | undefined;
}): Transport {
	return destination.transport ?? (destination.nameServer ? 'remoting' : 'grpc');
}

/** Where a destination is reached, for people: `name server at HOST:PORT` or `proxy at HOST:PORT`. */
export function destinationAddress(destination: Pick<DestinationSettings, 'transport' | 'nameServer' | 'endpoints'>): string {
	return destinationTransport(destination) === 'remoting'
		? `name server at ${destination.nameServer}`
		: `proxy at ${destination.endpoints}`;
}

export type Project = z.infer<typeof projectSchema>;
export type ProjectInput = z.input<typeof projectSchema>;
export type ProjectObject = z.infer<typeof objectSchema>;
export type SourceSettings = z.infer<typeof sourceSchema>;
export type DestinationSettings = z.infer<typeof destinationSchema>;
export type Operation = (typeof OPERATIONS)[number];
