import { defineConfig } from 'vitest/config';
import SiteSequencer from './test/sequencer.ts';

/**
 * Projects: `unit` (test/unit, pure logic, no site is built; files share modules) with
 * `unit-fresh` (the one unit file that needs modules of its own), and `site` (test/build and
 * test/e2e, which share the fixture sites built once by test/global-setup.ts, and also share modules). `npm test` runs
 * them all, the unit files first; `npm run test:unit` runs the unit ones alone, in seconds.
 * CONTRIBUTING.md (技术人员参考) lists the habits that keep the suite fast.
 */
/** Unit files that need modules of their own: this one sets DATA_DIR and CONTENT_DIR before the build configuration reads them. */
const FRESH_MODULES = 'test/unit/read-dataset.test.ts';

// The test builds inherit this: Rolldown's allocator otherwise asks the kernel for huge pages, which
// it must zero first (what that cost: README, "Scale").
process.env.MIMALLOC_ALLOW_THP ??= '0';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    sequence: { sequencer: SiteSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [FRESH_MODULES],
          testTimeout: 30_000,
          // Files run in parallel: a test writes only to its own temporary or WORKER_OUTPUT folder.
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          // Files share the modules they import: loading them again for each file cost more CPU than most files' tests (CONTRIBUTING.md says what that asks of a test).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // A file that needs modules of its own: the build configuration reads the environment once per process.
          name: 'unit-fresh',
          include: [FRESH_MODULES],
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // The global setup builds the fixture sites while the unit files run; site files wait for them.
          setupFiles: ['test/helpers/wait-for-sites.ts'],
          sequence: { groupOrder: 1 },
          // As the unit files: a worker keeps the modules it loaded (Playwright, the helpers) for its next file.
          isolate: false,
          // Two files at a time, Astro one at a time (test/helpers/build-lock.ts, test/sequencer.ts).
          maxWorkers: 2,
          // Builds and browsers share two cores; a slow machine must not fail a correct test.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
