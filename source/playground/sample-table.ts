/**
 * The playground's sample table, `obsync_playground.orders`, made as the test services' administrator: the database,
 * the table (kept when it exists) and SELECT on it for the user obsync reads the binlog as.
 */
import mysql from 'mysql2/promise';
import {PLAYGROUND, type PlaygroundSettings} from './playground-settings.js';

/** Order statuses, in the order an order moves through them. */
export const ORDER_STATUSES = ['new', 'paid', 'shipped', 'delivered', 'cancelled'] as const;

export const ORDERS_DDL = `CREATE TABLE IF NOT EXISTS \`${PLAYGROUND.database}\`.\`${PLAYGROUND.table}\` (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer VARCHAR(64) NOT NULL,
	amount DECIMAL(12,2) NOT NULL,
	status ENUM(${ORDER_STATUSES.map((status) => `'${status}'`).join(', ')}) NOT NULL DEFAULT 'new',
	updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) CHARACTER SET utf8mb4`;

/** An administrator connection to the playground's MariaDB (`database` selected when given). */
export function connectPlaygroundAdmin(settings: PlaygroundSettings, database?: string): Promise<mysql.Connection> {
	return mysql.createConnection({
		host: settings.mariadb.host,
		port: settings.mariadb.port,
		user: settings.admin.user,
		password: settings.admin.password,
		...(database ? {database} : {}),
		connectTimeout: 10_000,
		supportBigNumbers: true,
		bigNumberStrings: true,
	});
}

export type SampleTable = {readonly created: boolean; readonly rows: number};

/** Creates the database and table when missing and grants obsync's user SELECT on them; says whether it made the table. */
export async function createSampleTable(settings: PlaygroundSettings): Promise<SampleTable> {
	const db = await connectPlaygroundAdmin(settings);
	try {
		await db.query(`CREATE DATABASE IF NOT EXISTS \`${PLAYGROUND.database}\` CHARACTER SET utf8mb4`);
		const [existing] = await db.query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [
			PLAYGROUND.database,
			PLAYGROUND.table,
		]);
		const created = Number((existing as Array<{n: number | string}>)[0]?.n ?? 0) === 0;
		await db.query(ORDERS_DDL);
		await db.query(`GRANT SELECT ON \`${PLAYGROUND.database}\`.* TO ?@'%'`, [settings.mariadb.user]);
		const [count] = await db.query(`SELECT COUNT(*) AS n FROM \`${PLAYGROUND.database}\`.\`${PLAYGROUND.table}\``);
		return {created, rows: Number((count as Array<{n: number | string}>)[0]?.n ?? 0)};
	} finally {
		await db.end().catch(() => undefined);
	}
}
