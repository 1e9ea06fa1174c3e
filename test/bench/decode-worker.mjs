/**
 * Runs in its own process, on the built code in dist/ as obsync itself runs (no TypeScript loader; not type-checked,
 * as dist/ may not exist yet when npm test type-checks), so that its peak RSS is its own: decodes a binlog file
 * either to typed events only
 * (`events`), all the way to `obsync binlog inspect` JSON lines written to /dev/null (`inspect`, as the command does), or reads it over
 * replication through transaction assembly (`stream`, the file name then the connection as JSON), and prints
 * {rows, events, seconds, maxRssMiB} as JSON.
 */
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import {writeLines} from '../../dist/commands/output.js';
import {readChanges} from '../../dist/engine/binlog/binlog-source.js';
import {EventDecoder} from '../../dist/engine/binlog/event-decoder.js';
import {readBinlogFile} from '../../dist/engine/binlog/file-reader.js';
import {inspectBinlogEvents} from '../../dist/engine/binlog/inspect.js';

const [mode, file, connection] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
let events = 0;
let bytes = 0;
if (mode === 'events') {
	const decoder = new EventDecoder({file});
	for await (const raw of readBinlogFile(file)) {
		const event = decoder.decode(raw.bytes, raw.pos);
		events++;
		if (event.kind === 'rows') rows += event.rows.rows.length;
	}
} else if (mode === 'stream') {
	const server = JSON.parse(connection ?? '{}');
	for await (const item of readChanges({...server, serverId: 0, start: {file, position: 4}, nonBlocking: true})) {
		events++;
		if (item.kind === 'rows') rows += item.changes.length;
	}
} else {
	// What `obsync binlog inspect FILE > /dev/null` does, counting as it goes.
	const devNull = fs.createWriteStream('/dev/null');
	async function* counted() {
		for await (const lines of inspectBinlogEvents(file)) {
			rows += lines.length;
			for (const line of lines) bytes += line.length + 1;
			yield lines;
		}
	}
	await writeLines(devNull, counted());
	await new Promise((resolve) => devNull.end(resolve));
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
	`${JSON.stringify({rows, events, outputBytes: bytes, seconds, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024)})}\n`,
);
