/** QUERY_EVENT (2): BEGIN, COMMIT, ROLLBACK, DDL and statement-based DML, with the default database. */
import type {ByteReader} from '../byte-reader.js';

export type QueryEvent = {
	readonly threadId: number;
	readonly executionTime: number;
	readonly errorCode: number;
	readonly database: string;
	readonly query: string;
};

export function decodeQuery(reader: ByteReader, postHeaderLength: number): QueryEvent {
	const threadId = reader.u32();
	const executionTime = reader.u32();
	const databaseLength = reader.u8();
	const errorCode = reader.u16();
	// Binlog v4 adds a status-variables block (post-header 13); v3 has none (post-header 11).
	const statusLength = postHeaderLength >= 13 ? reader.u16() : 0;
	reader.skip(postHeaderLength - (postHeaderLength >= 13 ? 13 : 11));
	reader.skip(statusLength);
	const database = reader.string(databaseLength);
	reader.skip(1);
	return {threadId, executionTime, errorCode, database, query: reader.rest().toString('utf8')};
}
