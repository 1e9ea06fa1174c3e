import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {COALESCE_MS, useStoreChanges} from '../../../source/ui/home/use-store-changes.js';

let directory: string | undefined;
let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	if (directory) rmSync(directory, {recursive: true, force: true});
	directory = undefined;
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function Probe({directories}: {readonly directories: readonly string[]}) {
	const {version} = useStoreChanges(directories);
	return <Text>version {version}</Text>;
}

describe('Home: reading the disk again only when it changes', () => {
	it('stays on one version while nothing changes, and moves on once for a burst of writes in a watched directory', async () => {
		directory = mkdtempSync(path.join(tmpdir(), 'obsync-watch-'));
		const checkpoints = path.join(directory, 'checkpoints');
		const ui = render(<Probe directories={[directory, checkpoints]} />);
		unmount = ui.unmount;
		await wait(COALESCE_MS * 3);
		expect(ui.lastFrame()).toBe('version 0');
		for (let i = 0; i < 5; i++) writeFileSync(path.join(directory, 'obsync.json'), `{"n": ${i}}`);
		await wait(COALESCE_MS * 4);
		expect(ui.lastFrame()).toBe('version 1');
		writeFileSync(path.join(checkpoints, 'p.lock'), '123\n');
		await wait(COALESCE_MS * 4);
		expect(ui.lastFrame()).toBe('version 2');
	});
});
