/** Column type codes as they appear in TABLE_MAP events (mysql-server include/field_types.h). */
export const ColumnType = {
	DECIMAL: 0,
	TINY: 1,
	SHORT: 2,
	LONG: 3,
	FLOAT: 4,
	DOUBLE: 5,
	NULL: 6,
	TIMESTAMP: 7,
	LONGLONG: 8,
	INT24: 9,
	DATE: 10,
	TIME: 11,
	DATETIME: 12,
	YEAR: 13,
	NEWDATE: 14,
	VARCHAR: 15,
	BIT: 16,
	TIMESTAMP2: 17,
	DATETIME2: 18,
	TIME2: 19,
	TYPED_ARRAY: 20,
	VECTOR: 242,
	INVALID: 243,
	BOOL: 244,
	JSON: 245,
	NEWDECIMAL: 246,
	ENUM: 247,
	SET: 248,
	TINY_BLOB: 249,
	MEDIUM_BLOB: 250,
	LONG_BLOB: 251,
	BLOB: 252,
	VAR_STRING: 253,
	STRING: 254,
	GEOMETRY: 255,
} as const;

const names = new Map<number, string>(Object.entries(ColumnType).map(([name, code]) => [code, name]));

export function columnTypeName(code: number): string {
	return names.get(code) ?? `type ${code}`;
}

/**
 * The types a TABLE_MAP may log whose metadata and values obsync reads. Any other (a type newer than obsync, or one
 * MySQL never logs, such as TYPED_ARRAY) makes the table's rows unsupported, not corrupt.
 */
const decodable = new Set<number>([
	ColumnType.TINY,
	ColumnType.SHORT,
	ColumnType.INT24,
	ColumnType.LONG,
	ColumnType.LONGLONG,
	ColumnType.FLOAT,
	ColumnType.DOUBLE,
	ColumnType.NEWDECIMAL,
	ColumnType.YEAR,
	ColumnType.DATE,
	ColumnType.NEWDATE,
	ColumnType.TIME,
	ColumnType.TIME2,
	ColumnType.DATETIME,
	ColumnType.DATETIME2,
	ColumnType.TIMESTAMP,
	ColumnType.TIMESTAMP2,
	ColumnType.VARCHAR,
	ColumnType.VAR_STRING,
	ColumnType.STRING,
	ColumnType.ENUM,
	ColumnType.SET,
	ColumnType.BIT,
	ColumnType.BLOB,
	ColumnType.TINY_BLOB,
	ColumnType.MEDIUM_BLOB,
	ColumnType.LONG_BLOB,
	ColumnType.GEOMETRY,
	ColumnType.JSON,
	ColumnType.VECTOR,
]);

export function isDecodable(type: number): boolean {
	return decodable.has(type);
}

/** Bits of the integer types a binlog stores in 4 bytes or fewer (LONGLONG is read as a bigint). */
export function integerWidth(type: number): number {
	switch (type) {
		case ColumnType.TINY:
			return 8;
		case ColumnType.SHORT:
			return 16;
		case ColumnType.INT24:
			return 24;
		default:
			return 32;
	}
}

/** One column as the binlog describes it: type and the metadata that says how its values are laid out. */
export type BinlogColumn = {
	/** The real type: for CHAR/ENUM/SET (logged as STRING) the type from the metadata. */
	readonly type: number;
	/** The type code as written in the TABLE_MAP (STRING for CHAR, ENUM and SET). */
	readonly loggedType: number;
	/** Raw metadata, as mysqlbinlog -vv prints it (`meta=`). */
	readonly meta: number;
	readonly nullable: boolean;
	/** VARCHAR/CHAR: maximum length in bytes; ENUM/SET: pack length in bytes. */
	readonly maxLength: number;
	/** BLOB/TEXT/JSON/GEOMETRY: bytes of the length prefix (1-4). FLOAT/DOUBLE: pack length. */
	readonly lengthBytes: number;
	/** NEWDECIMAL precision and scale. */
	readonly precision: number;
	readonly scale: number;
	/** TIME2/DATETIME2/TIMESTAMP2: fractional-second digits (0-6). */
	readonly fsp: number;
	/** BIT: number of bits. */
	readonly bits: number;
};

/** Bytes of metadata each logged type carries in a TABLE_MAP. */
export function metadataLength(type: number): number {
	switch (type) {
		case ColumnType.FLOAT:
		case ColumnType.DOUBLE:
		case ColumnType.BLOB:
		case ColumnType.TINY_BLOB:
		case ColumnType.MEDIUM_BLOB:
		case ColumnType.LONG_BLOB:
		case ColumnType.GEOMETRY:
		case ColumnType.JSON:
		case ColumnType.TIME2:
		case ColumnType.DATETIME2:
		case ColumnType.TIMESTAMP2:
		case ColumnType.VECTOR:
			return 1;
		case ColumnType.VARCHAR:
		case ColumnType.VAR_STRING:
		case ColumnType.BIT:
		case ColumnType.NEWDECIMAL:
		case ColumnType.DECIMAL:
		case ColumnType.STRING:
		case ColumnType.ENUM:
		case ColumnType.SET:
			return 2;
		default:
			return 0;
	}
}

/** Builds a column from its logged type and raw metadata bytes. */
export function describeColumn(loggedType: number, metaBytes: Buffer, nullable: boolean): BinlogColumn {
	let type = loggedType;
	let meta = 0;
	let maxLength = 0;
	let lengthBytes = 0;
	let precision = 0;
	let scale = 0;
	let fsp = 0;
	let bits = 0;
	switch (loggedType) {
		case ColumnType.STRING:
		case ColumnType.ENUM:
		case ColumnType.SET: {
			// Big-endian: byte 0 is the real type, byte 1 the length; CHAR lengths above 255 fold two more bits into
			// byte 0 (mysql-server Field_string::do_save_field_metadata, read back in log_event_print_value).
			const byte0 = metaBytes[0]!;
			const byte1 = metaBytes[1]!;
			meta = (byte0 << 8) | byte1;
			if (meta < 256) {
				type = ColumnType.STRING;
				maxLength = meta;
			} else if ((byte0 & 0x30) !== 0x30) {
				type = byte0 | 0x30;
				maxLength = byte1 | (((byte0 & 0x30) ^ 0x30) << 4);
			} else {
				type = byte0;
				maxLength = byte1;
			}
			break;
		}
		case ColumnType.VARCHAR:
		case ColumnType.VAR_STRING:
			meta = metaBytes.readUInt16LE(0);
			maxLength = meta;
			break;
		case ColumnType.NEWDECIMAL:
		case ColumnType.DECIMAL:
			precision = metaBytes[0]!;
			scale = metaBytes[1]!;
			meta = (precision << 8) | scale;
			break;
		case ColumnType.BIT:
			// Byte 0: bits beyond whole bytes; byte 1: whole bytes.
			bits = metaBytes[1]! * 8 + metaBytes[0]!;
			meta = (metaBytes[1]! << 8) | metaBytes[0]!;
			break;
		case ColumnType.TIME2:
		case ColumnType.DATETIME2:
		case ColumnType.TIMESTAMP2:
			fsp = metaBytes[0]!;
			meta = fsp;
			break;
		case ColumnType.FLOAT:
		case ColumnType.DOUBLE:
		case ColumnType.BLOB:
		case ColumnType.TINY_BLOB:
		case ColumnType.MEDIUM_BLOB:
		case ColumnType.LONG_BLOB:
		case ColumnType.GEOMETRY:
		case ColumnType.JSON:
		case ColumnType.VECTOR:
			lengthBytes = metaBytes[0]!;
			meta = lengthBytes;
			break;
		default:
			break;
	}
	return {type, loggedType, meta, nullable, maxLength, lengthBytes, precision, scale, fsp, bits};
}
