/**
 * Reads one column value of a rows event, losslessly:
 * - TINY/SHORT/INT24/LONG: number (signed reading; unsignedness is the schema's to apply), LONGLONG: bigint;
 * - FLOAT/DOUBLE: number; NEWDECIMAL: exact text; YEAR: number (0 for the zero year);
 * - DATE, DATETIME, TIME, TIMESTAMP: text (`YYYY-MM-DD`, `YYYY-MM-DD hh:mm:ss[.f]`, `[-]hh:mm:ss[.f]`,
 *   epoch `seconds[.f]`), fractions with the column's digits;
 * - CHAR/VARCHAR/TEXT/BLOB/BINARY, BIT, GEOMETRY: Buffer (charset decoding needs the schema);
 * - ENUM: index (number); SET: bitmask (bigint); JSON: JSON text;
 * - VECTOR (MySQL 9): Buffer of its float32s, little-endian (rendered by vector.ts).
 * The returned Buffers are views into the event: copy them to keep them past the event.
 */
import type {ByteReader} from '../byte-reader.js';
import {type BinlogColumn, ColumnType, columnTypeName} from '../column-types.js';
import {decimalBinaryLength, decodeDecimal} from './decimal.js';
import {decodeJsonBinary} from './json-binary.js';
import {decodeDate, decodeDatetime, decodeDatetime2, decodeTime, decodeTime2, decodeTimestamp2, fractionLength} from './temporal.js';

/** A decoded column value; `undefined` marks a column absent from a partial (MINIMAL/NOBLOB) image. */
export type CellValue = null | number | bigint | string | Buffer;

/** Reads the cell of column `index` (not NULL); rows.ts reads with readCell unless a partial update says otherwise. */
export type CellReader = (reader: ByteReader, column: BinlogColumn, index: number) => Exclude<CellValue, null>;

export const readCell: CellReader = (reader, column) => readValue(reader, column);

export function readValue(reader: ByteReader, column: BinlogColumn): Exclude<CellValue, null> {
	const buf = reader.buffer;
	switch (column.type) {
		case ColumnType.TINY:
			return buf.readInt8(reader.advance(1));
		case ColumnType.SHORT:
			return buf.readInt16LE(reader.advance(2));
		case ColumnType.INT24:
			return buf.readIntLE(reader.advance(3), 3);
		case ColumnType.LONG:
			return buf.readInt32LE(reader.advance(4));
		case ColumnType.LONGLONG:
			return reader.i64();
		case ColumnType.FLOAT:
			return buf.readFloatLE(reader.advance(4));
		case ColumnType.DOUBLE:
			return buf.readDoubleLE(reader.advance(8));
		case ColumnType.NEWDECIMAL:
			return decodeDecimal(buf, reader.advance(decimalBinaryLength(column.precision, column.scale)), column.precision, column.scale);
		case ColumnType.YEAR: {
			const raw = reader.u8();
			return raw === 0 ? 0 : raw + 1900;
		}
		case ColumnType.DATE:
		case ColumnType.NEWDATE:
			return decodeDate(buf, reader.advance(3));
		case ColumnType.TIME:
			return decodeTime(buf, reader.advance(3));
		case ColumnType.TIME2:
			return decodeTime2(buf, reader.advance(3 + fractionLength(column.fsp)), column.fsp);
		case ColumnType.DATETIME:
			return decodeDatetime(buf, reader.advance(8));
		case ColumnType.DATETIME2:
			return decodeDatetime2(buf, reader.advance(5 + fractionLength(column.fsp)), column.fsp);
		case ColumnType.TIMESTAMP:
			return String(reader.u32());
		case ColumnType.TIMESTAMP2:
			return decodeTimestamp2(buf, reader.advance(4 + fractionLength(column.fsp)), column.fsp);
		case ColumnType.VARCHAR:
		case ColumnType.VAR_STRING:
		case ColumnType.STRING:
			return reader.bytes(column.maxLength < 256 ? reader.u8() : reader.u16());
		case ColumnType.ENUM:
			return column.maxLength === 1 ? reader.u8() : reader.u16();
		case ColumnType.SET: {
			let mask = 0n;
			const bytes = reader.bytes(column.maxLength);
			for (let i = bytes.length - 1; i >= 0; i--) mask = (mask << 8n) | BigInt(bytes[i]!);
			return mask;
		}
		case ColumnType.BIT:
			return reader.bytes((column.bits + 7) >> 3);
		case ColumnType.BLOB:
		case ColumnType.TINY_BLOB:
		case ColumnType.MEDIUM_BLOB:
		case ColumnType.LONG_BLOB:
			return reader.bytes(reader.uintLE(column.lengthBytes));
		case ColumnType.GEOMETRY:
			return reader.bytes(reader.uintLE(column.lengthBytes));
		case ColumnType.JSON:
			return decodeJsonBinary(reader.bytes(reader.uintLE(column.lengthBytes)));
		case ColumnType.VECTOR: {
			const bytes = reader.bytes(reader.uintLE(column.lengthBytes));
			if (bytes.length % 4 !== 0) throw new RangeError(`VECTOR value of ${bytes.length} bytes is not a whole number of float32s`);
			return bytes;
		}
		default:
			// Unreachable: decodeTableMap marks tables with other types, and the decoder refuses their rows as unsupported.
			throw new RangeError(`column type ${columnTypeName(column.type)} cannot be decoded`);
	}
}
