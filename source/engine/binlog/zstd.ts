/**
 * zstd decompression for TRANSACTION_PAYLOAD events (binlog_transaction_compression=ON, MySQL 8.0.20+): Node's own
 * zlib.zstdDecompressSync where it exists (Node >= 22.15, native and fastest), else fzstd, a pure-JS decoder with no
 * dependencies, so that obsync reads compressed transactions on Node 20 too. fzstd is loaded only the first time a
 * compressed transaction arrives on a Node without native zstd: most runs never pay for it.
 */
import {createRequire} from 'node:module';
import zlib from 'node:zlib';

type Decompress = (data: Buffer) => Buffer;

const native = (zlib as {zstdDecompressSync?: Decompress}).zstdDecompressSync;
let fallback: Decompress | undefined;

function pureJs(): Decompress {
	if (!fallback) {
		const {decompress} = createRequire(import.meta.url)('fzstd') as {decompress: (data: Uint8Array) => Uint8Array};
		fallback = (data) => {
			const out = decompress(data);
			return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
		};
	}
	return fallback;
}

/** Which implementation decompresses here: for messages and tests. */
export const zstdImplementation: 'node:zlib' | 'fzstd' = native ? 'node:zlib' : 'fzstd';

/** Decompresses a whole zstd stream (one or more frames); throws on corrupt data. */
export function zstdDecompress(data: Buffer, implementation = zstdImplementation): Buffer {
	return implementation === 'node:zlib' && native ? native(data) : pureJs()(data);
}
