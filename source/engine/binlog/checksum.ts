/** CRC32 (the binlog's, i.e. zlib's), with Node's native implementation where it exists (Node >= 20.15). */
import zlib from 'node:zlib';

const table = new Int32Array(256);
for (let n = 0; n < 256; n++) {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	table[n] = c;
}

function crc32Table(data: Uint8Array): number {
	let crc = -1;
	for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

const native = (zlib as {crc32?: (data: Uint8Array) => number}).crc32;

export const crc32: (data: Uint8Array) => number = native ? (data) => native(data) >>> 0 : crc32Table;
