/**
 * Writes lines (one by one or in batches) to a stream in large chunks, waiting for 'drain' so that memory stays
 * flat on huge outputs. A chunk is joined from an array: one flat string to encode, not a rope of a thousand pieces.
 */
import {once} from 'node:events';
import type {Writable} from 'node:stream';

const CHUNK_CHARS = 256 * 1024;

export async function writeLines(stream: Writable, lines: AsyncIterable<string | readonly string[]>): Promise<void> {
	let pending: string[] = [];
	let length = 0;
	const flush = async () => {
		if (pending.length === 0) return;
		pending.push(''); // so that the join ends with a newline
		const ok = stream.write(pending.join('\n'));
		pending = [];
		length = 0;
		if (!ok) await once(stream, 'drain');
	};
	try {
		for await (const item of lines) {
			if (typeof item === 'string') {
				pending.push(item);
				length += item.length + 1;
			} else {
				for (const line of item) {
					pending.push(line);
					length += line.length + 1;
				}
			}
			if (length >= CHUNK_CHARS) await flush();
		}
	} finally {
		// What was decoded before an error is still printed.
		await flush();
	}
}
