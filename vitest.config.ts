import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (test/unit, pure logic, no site is built) and `site` (test/build and
 * test/e2e, which share the fixture sites built once by test/global-setup.ts). `npm test` runs
 * both; `npm run test:unit` runs the first alone, in seconds.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Browser tests share two cores with builds; run files one after another to keep timings stable.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // Builds and browsers share two cores; a slow machine must not fail a correct test.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
