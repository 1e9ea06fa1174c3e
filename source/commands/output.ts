/** Writes lines to a stream in large chunks, waiting for 'drain' so that memory stays flat on huge outputs. */
import {once} from 'node:events';
import type {Writable} from 'node:stream';

export async function writeLines(stream: Writable, lines: AsyncIterable<string>): Promise<void> {
	let chunk = '';
	const flush = async () => {
		if (chunk.length === 0) return;
		const ok = stream.write(chunk);
		chunk = '';
		if (!ok) await once(stream, 'drain');
	};
	try {
		for await (const line of lines) {
			chunk += `${line}\n`;
			if (chunk.length >= 256 * 1024) await flush();
		}
	} finally {
		// What was decoded before an error is still printed.
		await flush();
	}
}
