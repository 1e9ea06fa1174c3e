/**
 * Turns whole events (header, body, checksum) into typed BinlogEvents. Pure apart from the state every binlog
 * reader must carry: the current FORMAT_DESCRIPTION and the table maps by id. The CRC32 of every event is checked
 * when the FDE says events carry one; a mismatch is a DecodeError with file and position, never a skip.
 */
import {CdcError, DecodeError, UnsupportedError} from '../errors.js';
import type {BinlogEvent} from './binlog-event.js';
import {ByteReader} from './byte-reader.js';
import {crc32} from './checksum.js';
import {columnTypeName} from './column-types.js';
import {EventType, eventTypeName, isKnownEventType} from './event-types.js';
import {decodeMariadbGtid, decodeMariadbGtidList, decodeMysqlGtid, decodePreviousGtids, decodeTaggedGtid} from './events/gtid.js';
import {decodeHeartbeatV2} from './events/heartbeat.js';
import {decodeQuery} from './events/query.js';
import {peekRowsTableId, STMT_END_FLAG} from './events/rows.js';
import {UnknownFieldError} from './events/serialization.js';
import {decodeTableMap, type TableMap} from './events/table-map.js';
import {decodeTransactionPayload, PayloadCompression} from './events/transaction-payload.js';
import {
	type ChecksumAlgorithm,
	DEFAULT_FORMAT,
	decodeFormatDescription,
	decodeStartV3,
	type FormatDescription,
	postHeaderLength,
} from './format-description.js';
import {ARTIFICIAL_FLAG, HEADER_LENGTH, IGNORABLE_FLAG, readHeader} from './header.js';
import {decodeRowsEvent, rowsKinds} from './rows-events.js';
import {zstdDecompress} from './zstd.js';

/** LOG_EVENT_BINLOG_IN_USE_F, in the FDE's flags while the server still writes the file. */
const IN_USE_FLAG = 0x01;

export type DecoderOptions = {
	/** Name of the file (or stream) being read, for error messages. */
	file?: string;
	/**
	 * Checksum of events that arrive before the first FDE (a dump's artificial ROTATE); default: none. `auto` tells
	 * by the bytes: OceanBase's Binlog Service decides it from a session variable it does not evaluate, so a client
	 * cannot know it in advance (shared/reference/oceanbase-source.md §1.3).
	 */
	checksumBeforeFormat?: ChecksumAlgorithm | 'auto';
	/** Verify CRC32 checksums (default true). */
	verifyChecksums?: boolean;
};

export class EventDecoder {
	format: FormatDescription = DEFAULT_FORMAT;
	file: string | undefined;
	private sawFormat = false;
	private readonly tables = new Map<number, TableMap>();
	private readonly checksumBeforeFormat: ChecksumAlgorithm | 'auto';
	private readonly verifyChecksums: boolean;

	constructor(options: DecoderOptions = {}) {
		this.file = options.file;
		this.checksumBeforeFormat = options.checksumBeforeFormat ?? 'NONE';
		this.verifyChecksums = options.verifyChecksums ?? true;
	}

	/** Decodes one whole event that starts at `pos` in the current file. */
	decode(event: Buffer, pos: number): BinlogEvent {
		const type = event.length > 4 ? event[4] : undefined;
		try {
			return this.decodeUnsafe(event, pos);
		} catch (error) {
			if (error instanceof CdcError) throw error;
			const reason = error instanceof Error ? error.message : String(error);
			throw new DecodeError(`corrupt ${type === undefined ? 'event' : eventTypeName(type)} event: ${reason}`, {
				file: this.file,
				pos,
				eventType: type,
			});
		}
	}

	private decodeUnsafe(event: Buffer, pos: number): BinlogEvent {
		if (event.length < HEADER_LENGTH) throw new RangeError(`event of ${event.length} bytes is shorter than its header`);
		const header = readHeader(new ByteReader(event));
		if (header.eventSize !== event.length) throw new RangeError(`header says ${header.eventSize} bytes, event has ${event.length}`);
		if (header.type === EventType.FORMAT_DESCRIPTION) {
			const format = decodeFormatDescription(event);
			this.verify(event, pos, format.checksum, header.type);
			this.format = format;
			this.sawFormat = true;
			this.tables.clear();
			return {kind: 'format-description', header, pos, format};
		}
		if (header.type === EventType.START_V3 && !this.sawFormat) {
			this.format = decodeStartV3(event);
			this.sawFormat = true;
			return {kind: 'format-description', header, pos, format: this.format};
		}
		const checksum = this.sawFormat ? this.format.checksum : this.preFormatChecksum(event);
		this.verify(event, pos, checksum, header.type);
		const reader = new ByteReader(event, this.format.headerLength, event.length - (checksum === 'CRC32' ? 4 : 0));
		return this.decodeBody(header, pos, reader);
	}

	private preFormatChecksum(event: Buffer): ChecksumAlgorithm {
		if (this.checksumBeforeFormat !== 'auto') return this.checksumBeforeFormat;
		// A CRC32 that matches by chance has a 1 in 2^32 probability.
		const matches = event.length >= HEADER_LENGTH + 4 && crc32(event.subarray(0, -4)) === event.readUInt32LE(event.length - 4);
		return matches ? 'CRC32' : 'NONE';
	}

	private verify(event: Buffer, pos: number, algorithm: ChecksumAlgorithm, type: number): void {
		if (algorithm !== 'CRC32' || !this.verifyChecksums) return;
		const expected = event.readUInt32LE(event.length - 4);
		let covered = event.subarray(0, event.length - 4);
		if (type === EventType.FORMAT_DESCRIPTION && (event[17]! & IN_USE_FLAG) !== 0) {
			// The server sets LOG_EVENT_BINLOG_IN_USE_F on the FDE of an open file after computing its checksum
			// (mysql-server Log_event_footer::event_checksum_test clears it before checking).
			covered = Buffer.from(covered);
			covered[17] = covered[17]! & ~IN_USE_FLAG;
		}
		const actual = crc32(covered);
		if (expected !== actual) {
			throw new DecodeError(
				`CRC32 mismatch: the event says 0x${expected.toString(16).padStart(8, '0')}, its bytes give 0x${actual.toString(16).padStart(8, '0')}`,
				{file: this.file, pos, eventType: type},
				{hint: 'the binlog is corrupt or was truncated while being copied; obsync never skips such an event'},
			);
		}
	}

	private postHeader(type: number, fallback: number): number {
		return postHeaderLength(this.format, type, fallback);
	}

	private decodeBody(header: BinlogEvent['header'], pos: number, reader: ByteReader): BinlogEvent {
		const type = header.type;
		const rowsKind = rowsKinds[type];
		if (rowsKind) {
			const version = rowsKind[1];
			const postHeader = this.postHeader(type, version === 2 ? 10 : 8);
			const tableId = peekRowsTableId(reader, postHeader);
			const table = this.tables.get(tableId);
			if (!table) {
				throw new DecodeError(`rows event for table id ${tableId} has no TABLE_MAP before it`, {file: this.file, pos, eventType: type});
			}
			if (table.unsupportedColumn) this.unsupportedColumn(table, pos, type);
			const rows = decodeRowsEvent(reader, rowsKind, postHeader, table, `${this.where(pos)}${this.writtenBy()}`);
			if (rows.flags & STMT_END_FLAG) this.tables.clear();
			return {kind: 'rows', header, pos, rows};
		}
		switch (type) {
			case EventType.TABLE_MAP: {
				const table = decodeTableMap(reader, this.postHeader(type, 8));
				this.tables.set(table.tableId, table);
				return {kind: 'table-map', header, pos, table};
			}
			case EventType.QUERY:
				return {kind: 'query', header, pos, ...decodeQuery(reader, this.postHeader(type, 13))};
			case EventType.XID:
				return {kind: 'xid', header, pos, xid: reader.u64()};
			case EventType.ROTATE: {
				const nextPosition = this.postHeader(type, 8) >= 8 ? Number(reader.u64()) : 4;
				const nextFile = reader.rest().toString('utf8');
				return {kind: 'rotate', header, pos, nextFile, nextPosition, artificial: (header.flags & ARTIFICIAL_FLAG) !== 0};
			}
			case EventType.GTID:
			case EventType.ANONYMOUS_GTID:
				return {kind: 'gtid', header, pos, ...decodeMysqlGtid(reader, type === EventType.ANONYMOUS_GTID)};
			case EventType.GTID_TAGGED:
				return {kind: 'gtid', header, pos, ...this.decodeTaggedGtid(reader, pos)};
			case EventType.PREVIOUS_GTIDS:
				return {kind: 'previous-gtids', header, pos, gtidSet: decodePreviousGtids(reader)};
			case EventType.MARIADB_GTID:
				return {kind: 'mariadb-gtid', header, pos, ...decodeMariadbGtid(reader, header.serverId)};
			case EventType.MARIADB_GTID_LIST:
				return {kind: 'mariadb-gtid-list', header, pos, gtids: decodeMariadbGtidList(reader)};
			case EventType.MARIADB_BINLOG_CHECKPOINT:
				return {kind: 'binlog-checkpoint', header, pos, file: reader.string(reader.u32())};
			case EventType.MARIADB_ANNOTATE_ROWS:
				return {kind: 'annotate-rows', header, pos, query: reader.rest().toString('utf8')};
			case EventType.ROWS_QUERY:
				reader.skip(1);
				return {kind: 'rows-query', header, pos, query: reader.rest().toString('utf8')};
			case EventType.HEARTBEAT:
				return {kind: 'heartbeat', header, pos, file: reader.rest().toString('utf8'), position: null};
			case EventType.HEARTBEAT_V2:
				return {kind: 'heartbeat', header, pos, ...decodeHeartbeatV2(reader)};
			case EventType.STOP:
				return {kind: 'stop', header, pos};
			case EventType.INCIDENT: {
				const incident = reader.u16();
				return {kind: 'incident', header, pos, incident, message: reader.string(reader.u8())};
			}
			case EventType.TRANSACTION_PAYLOAD:
				return {kind: 'transaction-payload', header, pos, events: this.decodePayload(reader, pos)};
			case EventType.MARIADB_START_ENCRYPTION:
				throw new UnsupportedError(`unsupported: encrypted binlog (START_ENCRYPTION event at ${this.where(pos)})`, {
					hint: 'obsync reads unencrypted binlogs; turn encrypt_binlog off or read through replication',
				});
			case EventType.MARIADB_QUERY_COMPRESSED:
			case EventType.MARIADB_WRITE_ROWS_COMPRESSED_V1:
			case EventType.MARIADB_UPDATE_ROWS_COMPRESSED_V1:
			case EventType.MARIADB_DELETE_ROWS_COMPRESSED_V1:
			case EventType.MARIADB_WRITE_ROWS_COMPRESSED:
			case EventType.MARIADB_UPDATE_ROWS_COMPRESSED:
			case EventType.MARIADB_DELETE_ROWS_COMPRESSED:
				throw new UnsupportedError(`unsupported: compressed binlog event ${eventTypeName(type)} at ${this.where(pos)}`, {
					hint: 'set log_bin_compress=OFF on the MariaDB source',
				});
			default:
				// LOG_EVENT_IGNORABLE_F: the server says a reader that does not know the event may skip it.
				if (isKnownEventType(type) || (header.flags & IGNORABLE_FLAG) !== 0) return {kind: 'other', header, pos};
				throw new UnsupportedError(`unsupported: unknown event type ${type} at ${this.where(pos)}${this.writtenBy()}`, {
					hint: 'obsync does not know this event, which a newer server writes; read this binlog with a newer obsync',
				});
		}
	}

	private where(pos: number): string {
		return `${this.file ?? 'stream'}:${pos}`;
	}

	/** `, written by MySQL 9.1.0` from the FDE, when there was one. */
	private writtenBy(): string {
		const version = this.format.serverVersion;
		return version ? `, written by ${this.format.flavor === 'mariadb' ? 'MariaDB' : 'MySQL'} ${version}` : '';
	}

	private decodeTaggedGtid(reader: ByteReader, pos: number) {
		try {
			return decodeTaggedGtid(reader);
		} catch (error) {
			if (!(error instanceof UnknownFieldError)) throw error;
			throw new UnsupportedError(`unsupported: GTID_TAGGED event (type 42) at ${this.where(pos)}${this.writtenBy()}: ${error.message}`, {
				hint: 'the event has a field newer than obsync; read this binlog with a newer obsync',
			});
		}
	}

	private unsupportedColumn(table: TableMap, pos: number, type: number): never {
		const {index, type: columnType} = table.unsupportedColumn!;
		const name = columnTypeName(columnType);
		throw new UnsupportedError(
			`unsupported: column ${index + 1} of \`${table.database}\`.\`${table.table}\` has column type ${name.startsWith('type ') ? columnType : `${name} (${columnType})`}, which obsync cannot decode (${eventTypeName(type)} event at ${this.where(pos)}${this.writtenBy()})`,
			{hint: 'leave this table out of the binlog (binlog-ignore-db / replicate filters) or change the column type'},
		);
	}

	/**
	 * TRANSACTION_PAYLOAD (MySQL 8.0.20+, binlog_transaction_compression=ON): the transaction's events, zstd-compressed
	 * (zstd.ts: Node's own, or fzstd on Node < 22.15), decoded with this decoder's format and table maps.
	 */
	private decodePayload(reader: ByteReader, pos: number): BinlogEvent[] {
		const {compression, payload} = decodeTransactionPayload(reader);
		let events: Buffer;
		if (compression === PayloadCompression.NONE) events = payload;
		else if (compression === PayloadCompression.ZSTD) events = zstdDecompress(payload);
		else {
			throw new UnsupportedError(
				`unsupported: transaction payload compression ${compression} (TRANSACTION_PAYLOAD event, type 40, at ${this.where(pos)}${this.writtenBy()})`,
				{hint: 'obsync reads zstd and uncompressed transaction payloads; set binlog_transaction_compression=OFF on the source'},
			);
		}
		// The inner events carry no checksum of their own.
		const inner = new EventDecoder({file: this.file, verifyChecksums: false});
		inner.format = {...this.format, checksum: 'NONE'};
		inner.sawFormat = true;
		for (const [id, table] of this.tables) inner.tables.set(id, table);
		const decoded: BinlogEvent[] = [];
		for (let at = 0; at < events.length; ) {
			const length = events.readUInt32LE(at + 9);
			decoded.push(inner.decode(events.subarray(at, at + length), pos));
			at += length;
		}
		return decoded;
	}
}
