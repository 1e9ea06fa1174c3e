import type {Reporter, TestModule} from 'vitest/node';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, which CI reads whatever the runner.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
		const counts = {passed: 0, failed: 0, skipped: 0, pending: 0};
		for (const module of testModules) {
			let failedHere = 0;
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				counts[state] += 1;
				if (state === 'failed') failedHere += 1;
			}
			// A file that fails outside its tests (import error, failed or timed-out hook) counts as one failure.
			if (module.state() === 'failed' && failedHere === 0) counts.failed += 1;
		}
		process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.pending} skipped\n`);
	}
}
