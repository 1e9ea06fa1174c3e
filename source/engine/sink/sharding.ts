/**
 * Sharding columns and FIFO message groups. Rows with the same sharding values go to the same message group, so
 * RocketMQ keeps their order; different groups are independent. The group is a stable hash of the table and the
 * values (the proxy limits a group to 64 bytes), the same in every process and after every restart.
 */
import {ConfigError} from '../errors.js';
import {type TableSchema, tableKey} from '../schema/table-schema.js';
import {sha256Hex} from './hex-digest.js';

/**
 * The columns that decide a row's message group: the user's choice, else the primary key, else a unique key whose
 * columns are all NOT NULL. A table with none of these needs the user to choose.
 */
export function resolveShardingColumns(schema: TableSchema, chosen: readonly string[] | undefined): string[] {
	const where = `\`${schema.database}\`.\`${schema.table}\``;
	if (chosen && chosen.length > 0) {
		const missing = chosen.filter((name) => !schema.columns.some((column) => column.name === name));
		if (missing.length > 0) {
			throw new ConfigError(`sharding column(s) ${missing.map((m) => `\`${m}\``).join(', ')} do not exist in ${where}`, {
				hint: `choose among: ${schema.columns.map((c) => c.name).join(', ')}`,
			});
		}
		return [...chosen];
	}
	const key = tableKey(schema);
	if (key.length > 0) return [...key];
	throw new ConfigError(`${where} has no primary key and no unique key on NOT NULL columns, so rows cannot be kept in order by key`, {
		hint: 'choose sharding columns for it in the object settings (rows with equal values in them keep their order)',
	});
}

/** A stable 32-character message group for a table and its sharding values (texts as rendered in messages). */
export function messageGroup(database: string, table: string, values: readonly string[]): string {
	// One string, one digest: the same as updating with each part.
	let text = `${database}\u0000${table}`;
	for (const value of values) text += `\u0000${value}`;
	return sha256Hex(text).slice(0, 32);
}
