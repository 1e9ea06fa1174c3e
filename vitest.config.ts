import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		reporters: ['default', './test/helpers/summary-reporter.ts'],
		// Brings the MariaDB and RocketMQ test services up when they are not (npm test already did, so this is quick).
		globalSetup: ['test/helpers/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Integration tests share one MariaDB and one broker; files run one at a time so workloads don't overlap.
		fileParallelism: false,
	},
});
