/**
 * TABLE_MAP_EVENT (19): maps a table id to a database, table and column layout, for the rows events after it.
 * MySQL 8 and MariaDB (binlog_row_metadata=MINIMAL/FULL) may append optional metadata: signedness, charsets,
 * column names, ENUM/SET values, primary key. OceanBase's Binlog Service and MariaDB's default (NO_LOG) append
 * none, so names always come from SQL; the metadata only fills gaps when it is there.
 */
import {ByteReader} from '../byte-reader.js';
import {type BinlogColumn, ColumnType, describeColumn, isDecodable, metadataLength} from '../column-types.js';

export type TableMap = {
	readonly tableId: number;
	readonly database: string;
	readonly table: string;
	readonly flags: number;
	readonly columns: readonly BinlogColumn[];
	readonly optional: OptionalMetadata;
	/**
	 * The first column of a type obsync cannot read (newer than obsync, or never logged by MySQL), when there is one:
	 * the metadata of the columns after it cannot be told apart, so they are left undescribed and the table's rows
	 * are refused as unsupported. The table map itself is kept, so that tables nobody reads do not stop the stream.
	 */
	readonly unsupportedColumn?: {readonly index: number; readonly type: number};
};

/** What the optional metadata block said, when present (all fields absent otherwise). */
export type OptionalMetadata = {
	/** Per column; only numeric columns are meaningful. */
	unsigned?: boolean[];
	/** Collation id per column (character columns only). */
	collations?: Array<number | undefined>;
	columnNames?: string[];
	enumValues?: Array<string[] | undefined>;
	setValues?: Array<string[] | undefined>;
	primaryKey?: number[];
};

const OptionalField = {
	SIGNEDNESS: 1,
	DEFAULT_CHARSET: 2,
	COLUMN_CHARSET: 3,
	COLUMN_NAME: 4,
	SET_STR_VALUE: 5,
	ENUM_STR_VALUE: 6,
	GEOMETRY_TYPE: 7,
	SIMPLE_PRIMARY_KEY: 8,
	PRIMARY_KEY_WITH_PREFIX: 9,
	ENUM_AND_SET_DEFAULT_CHARSET: 10,
	ENUM_AND_SET_COLUMN_CHARSET: 11,
	COLUMN_VISIBILITY: 12,
} as const;

/** Reads the 6-byte table id (4 bytes in the oldest v4 formats, where the post-header is 6 bytes). */
export function readTableId(reader: ByteReader, postHeaderLength: number): number {
	return postHeaderLength === 6 ? reader.u32() : reader.uintLE(6);
}

export function decodeTableMap(reader: ByteReader, postHeaderLength: number): TableMap {
	const tableId = readTableId(reader, postHeaderLength);
	const flags = reader.u16();
	const database = reader.string(reader.u8());
	reader.skip(1);
	const table = reader.string(reader.u8());
	reader.skip(1);
	const count = reader.packedInt();
	const types = reader.bytes(count);
	// MySQL 5.1 betas (before 5.1.18) wrote neither the metadata block nor the null bitmap.
	const metaBlock = reader.remaining > 0 ? new ByteReader(reader.bytes(reader.packedInt())) : null;
	const nullBitmap = reader.remaining > 0 ? reader.bytes((count + 7) >> 3) : null;
	const columns: BinlogColumn[] = [];
	let unsupportedColumn: TableMap['unsupportedColumn'];
	for (let i = 0; i < count; i++) {
		const type = types[i]!;
		const nullable = nullBitmap ? (nullBitmap[i >> 3]! & (1 << (i & 7))) !== 0 : true;
		const known = unsupportedColumn === undefined && isDecodable(type);
		const length = known ? metadataLength(type) : 0;
		const column = describeColumn(type, metaBlock && known ? metaBlock.bytes(length) : Buffer.alloc(2), nullable);
		if (unsupportedColumn === undefined && !(known && isDecodable(column.type))) unsupportedColumn = {index: i, type: column.type};
		columns.push(column);
	}
	if (unsupportedColumn) return {tableId, database, table, flags, columns, optional: {}, unsupportedColumn};
	const optional = reader.remaining > 0 ? decodeOptionalMetadata(reader, columns) : {};
	return {tableId, database, table, flags, columns, optional};
}

const numericTypes = new Set<number>([
	ColumnType.TINY,
	ColumnType.SHORT,
	ColumnType.INT24,
	ColumnType.LONG,
	ColumnType.LONGLONG,
	ColumnType.NEWDECIMAL,
	ColumnType.DECIMAL,
	ColumnType.FLOAT,
	ColumnType.DOUBLE,
]);
const characterTypes = new Set<number>([
	ColumnType.STRING,
	ColumnType.VAR_STRING,
	ColumnType.VARCHAR,
	ColumnType.BLOB,
	ColumnType.TINY_BLOB,
	ColumnType.MEDIUM_BLOB,
	ColumnType.LONG_BLOB,
]);

/** Indexes of the columns a per-kind metadata list applies to. */
function columnsOf(columns: readonly BinlogColumn[], test: (column: BinlogColumn) => boolean): number[] {
	return columns.flatMap((column, index) => (test(column) ? [index] : []));
}

function decodeOptionalMetadata(reader: ByteReader, columns: readonly BinlogColumn[]): OptionalMetadata {
	const result: OptionalMetadata = {};
	const numeric = columnsOf(columns, (c) => numericTypes.has(c.type));
	const character = columnsOf(columns, (c) => characterTypes.has(c.type));
	const enums = columnsOf(columns, (c) => c.type === ColumnType.ENUM);
	const sets = columnsOf(columns, (c) => c.type === ColumnType.SET);
	while (reader.remaining > 0) {
		const field = reader.u8();
		const value = new ByteReader(reader.bytes(reader.packedInt()));
		switch (field) {
			case OptionalField.SIGNEDNESS: {
				const unsigned = columns.map(() => false);
				numeric.forEach((column, i) => {
					unsigned[column] = (value.buffer[i >> 3]! & (0x80 >> (i & 7))) !== 0;
				});
				result.unsigned = unsigned;
				break;
			}
			case OptionalField.DEFAULT_CHARSET:
			case OptionalField.COLUMN_CHARSET:
				result.collations = readCollations(value, field === OptionalField.DEFAULT_CHARSET, character, columns.length);
				break;
			case OptionalField.COLUMN_NAME: {
				const names: string[] = [];
				while (value.remaining > 0) names.push(value.string(value.packedInt()));
				result.columnNames = names;
				break;
			}
			case OptionalField.ENUM_STR_VALUE:
			case OptionalField.SET_STR_VALUE: {
				const lists = columns.map((): string[] | undefined => undefined);
				for (const column of field === OptionalField.ENUM_STR_VALUE ? enums : sets) {
					const values: string[] = [];
					for (let n = value.packedInt(); n > 0; n--) values.push(value.string(value.packedInt()));
					lists[column] = values;
				}
				if (field === OptionalField.ENUM_STR_VALUE) result.enumValues = lists;
				else result.setValues = lists;
				break;
			}
			case OptionalField.SIMPLE_PRIMARY_KEY: {
				const key: number[] = [];
				while (value.remaining > 0) key.push(value.packedInt());
				result.primaryKey = key;
				break;
			}
			case OptionalField.PRIMARY_KEY_WITH_PREFIX: {
				const key: number[] = [];
				while (value.remaining > 0) {
					key.push(value.packedInt());
					value.packedInt(); // prefix length
				}
				result.primaryKey = key;
				break;
			}
			default:
				// Geometry types, ENUM/SET charsets and column visibility are not needed downstream.
				break;
		}
	}
	return result;
}

function readCollations(value: ByteReader, isDefault: boolean, character: number[], count: number): Array<number | undefined> {
	const collations: Array<number | undefined> = new Array(count).fill(undefined);
	if (isDefault) {
		const fallback = value.packedInt();
		for (const column of character) collations[column] = fallback;
		// Then pairs (index among character columns, collation) for the exceptions.
		while (value.remaining > 0) {
			const index = value.packedInt();
			const collation = value.packedInt();
			const column = character[index];
			if (column !== undefined) collations[column] = collation;
		}
	} else {
		for (const column of character) collations[column] = value.packedInt();
	}
	return collations;
}
