import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest site files, longest first. Only an order (a fresh clone has no timings of an
 * earlier run for Vitest to sort by); a file missing here runs after them, larger files first.
 */
const LONGEST = [
  'test/e2e/quality.test.ts',
  'test/e2e/hostile.test.ts',
  'test/e2e/search.test.ts',
  'test/build/incremental.test.ts',
  'test/build/history-site.test.ts',
  'test/build/content-pages.test.ts',
  'test/e2e/noticeboard.test.ts',
  'test/e2e/phone-layout.test.ts',
  'test/e2e/embed.test.ts',
  'test/build/withdrawal.test.ts',
  'test/build/generated.test.ts',
  'test/build/dev-server.test.ts',
];

/**
 * Site files run two at a time while Astro runs one at a time (test/helpers/build-lock.ts). So
 * files that run Astro alternate with files that do not, each kind longest first: while one
 * worker builds, the other has browser work to do rather than a wait for the lock.
 */
export default class SiteSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.indexOf(relative(f.project.config.root, f.moduleId));
      return i < 0 ? LONGEST.length : i;
    };
    const builds = (f: TestSpecification) => /\b(astroBuild|acquireBuildLock)\(/.test(readFileSync(f.moduleId, 'utf8'));
    const out: TestSpecification[] = [];
    for (const project of new Set(sorted.map((f) => f.project))) {
      const mine = sorted.filter((f) => f.project === project);
      if (project.name !== 'site') {
        out.push(...mine);
        continue;
      }
      // A stable sort keeps Vitest's order (its timings, else size) among files of one rank.
      const byRank = [...mine].sort((a, b) => rank(a) - rank(b));
      const building = byRank.filter(builds);
      const other = byRank.filter((f) => !builds(f));
      for (let i = 0; i < Math.max(building.length, other.length); i++) {
        if (building[i]) out.push(building[i]!);
        if (other[i]) out.push(other[i]!);
      }
    }
    return out;
  }
}
