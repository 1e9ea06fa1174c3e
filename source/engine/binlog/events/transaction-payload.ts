/**
 * TRANSACTION_PAYLOAD_EVENT (40, MySQL 8.0.20+ with binlog_transaction_compression=ON): a header of
 * (type, length, value) fields, each a length-encoded integer, ended by type 0 (mysql-server
 * libs/mysql/binlog/event/codecs/binary.cpp), then the transaction's events, compressed. Field 1 is the payload size,
 * 2 the compression (0 zstd, 255 none), 3 the uncompressed size.
 */
import {ByteReader} from '../byte-reader.js';

export const PayloadCompression = {ZSTD: 0, NONE: 255} as const;

export type TransactionPayload = {
	readonly compression: number;
	/** The events as stored (compressed unless `compression` is NONE). */
	readonly payload: Buffer;
	/** From the header, when the server wrote it. */
	readonly uncompressedSize: number | null;
};

export function decodeTransactionPayload(reader: ByteReader): TransactionPayload {
	let compression = -1; // none written: refused as an unknown compression
	let size = -1;
	let uncompressedSize: number | null = null;
	for (;;) {
		const field = reader.packedInt();
		if (field === 0) break;
		const value = new ByteReader(reader.bytes(reader.packedInt()));
		const number = value.remaining > 0 ? value.packedInt() : 0;
		if (field === 1) size = number;
		else if (field === 2) compression = number;
		else if (field === 3) uncompressedSize = number;
	}
	return {compression, payload: reader.bytes(size >= 0 ? size : reader.remaining), uncompressedSize};
}
