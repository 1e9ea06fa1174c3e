import type {Reporter, TestModule} from 'vitest/node';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, which CI reads whatever the runner.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
		const counts = {passed: 0, failed: 0, skipped: 0, pending: 0};
		for (const module of testModules) {
			for (const test of module.children.allTests()) counts[test.result().state] += 1;
			// A file that fails before its tests run (syntax error, failed hook) counts as a failure too.
			if (module.state() === 'failed' && module.children.size === 0) counts.failed += 1;
		}
		process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.pending} skipped\n`);
	}
}
