/**
 * FORMAT_DESCRIPTION_EVENT (15): the layout of everything after it, including whether events carry a CRC32.
 * Also START_EVENT_V3 (1), the binlog v3 predecessor, for which the layout is implied.
 *
 * The checksum algorithm must come from here, not from SQL: OceanBase's Binlog Service ignores
 * `SET @master_binlog_checksum` for everything but the artificial ROTATE (shared/reference/oceanbase-source.md §1.3).
 */
import {ByteReader} from './byte-reader.js';
import {EventType} from './event-types.js';
import {HEADER_LENGTH} from './header.js';

export type ChecksumAlgorithm = 'NONE' | 'CRC32';

export type FormatDescription = {
	readonly binlogVersion: number;
	readonly serverVersion: string;
	readonly flavor: 'mysql' | 'mariadb';
	readonly createTimestamp: number;
	readonly headerLength: number;
	/** Post-header length per event type (index = type - 1). */
	readonly postHeaderLengths: Uint8Array;
	readonly checksum: ChecksumAlgorithm;
};

/** Post-header length of `type`, or `fallback` when the FDE predates that event type. */
export function postHeaderLength(format: FormatDescription, type: number, fallback: number): number {
	return format.postHeaderLengths[type - 1] ?? fallback;
}

function versionAtLeast(version: string, major: number, minor: number, patch: number): boolean {
	const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
	if (!match) return false;
	const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/**
 * Whether this server version writes the checksum-algorithm byte at the end of its FDE: MySQL from 5.6.1,
 * MariaDB from 5.3 (every 10.x and 11.x). MariaDB 10+ versions are compared as MariaDB whatever the suffix.
 */
function writesChecksumAlgorithm(version: string, flavor: 'mysql' | 'mariadb'): boolean {
	return flavor === 'mariadb' ? versionAtLeast(version, 5, 3, 0) : versionAtLeast(version, 5, 6, 1);
}

/** The fields FORMAT_DESCRIPTION and START_EVENT_V3 begin with: binlog version, server version, creation time. */
function readStartFields(reader: ByteReader) {
	const binlogVersion = reader.u16();
	const serverVersion = reader.bytes(50).toString('latin1').replace(/\0.*$/s, '');
	const createTimestamp = reader.u32();
	const flavor: FormatDescription['flavor'] = /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql';
	return {binlogVersion, serverVersion, createTimestamp, flavor};
}

/** Decodes the body (after the 19-byte header) of a FORMAT_DESCRIPTION event; `event` is the whole event. */
export function decodeFormatDescription(event: Buffer): FormatDescription {
	const reader = new ByteReader(event, HEADER_LENGTH);
	const {binlogVersion, serverVersion, createTimestamp, flavor} = readStartFields(reader);
	const headerLength = reader.u8();
	let lengthsEnd = event.length;
	let checksum: ChecksumAlgorithm = 'NONE';
	if (writesChecksumAlgorithm(serverVersion, flavor)) {
		// ... post-header lengths, 1 byte algorithm, 4 bytes CRC32 (present even when the algorithm is NONE).
		const algorithm = event[event.length - 5];
		lengthsEnd = event.length - 5;
		if (algorithm === 1) checksum = 'CRC32';
		else if (algorithm !== 0 && algorithm !== 0xff) throw new RangeError(`unknown binlog checksum algorithm ${algorithm}`);
	}
	const postHeaderLengths = Uint8Array.from(event.subarray(reader.offset, lengthsEnd));
	return {binlogVersion, serverVersion, flavor, createTimestamp, headerLength, postHeaderLengths, checksum};
}

/** Binlog v3 (MySQL 4.0/4.1) has no FDE: its START_EVENT_V3 implies fixed post-header lengths and no checksum. */
export function decodeStartV3(event: Buffer): FormatDescription {
	const start = readStartFields(new ByteReader(event, HEADER_LENGTH));
	const lengths = new Uint8Array(EventType.FORMAT_DESCRIPTION);
	const v3: Array<[number, number]> = [
		[EventType.START_V3, 56],
		[EventType.QUERY, 11],
		[EventType.ROTATE, 8],
		[EventType.INTVAR, 0],
		[EventType.LOAD, 18],
		[EventType.SLAVE, 0],
		[EventType.CREATE_FILE, 4],
		[EventType.APPEND_BLOCK, 4],
		[EventType.EXEC_LOAD, 4],
		[EventType.DELETE_FILE, 4],
		[EventType.NEW_LOAD, 18],
		[EventType.RAND, 0],
		[EventType.USER_VAR, 0],
	];
	for (const [type, length] of v3) lengths[type - 1] = length;
	return {
		...start,
		headerLength: HEADER_LENGTH,
		postHeaderLengths: lengths,
		checksum: 'NONE',
	};
}

/** What a reader assumes before the first FDE: a binlog v4 layout with the standard 19-byte header. */
export const DEFAULT_FORMAT: FormatDescription = {
	binlogVersion: 4,
	serverVersion: '',
	flavor: 'mysql',
	createTimestamp: 0,
	headerLength: HEADER_LENGTH,
	postHeaderLengths: new Uint8Array(0),
	checksum: 'NONE',
};
