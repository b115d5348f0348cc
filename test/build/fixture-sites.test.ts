import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { materialise, VALID } from '../helpers/fixtures.ts';
import { OUTPUT, ROOT, SITE_DIR } from '../helpers/paths.ts';
import { formatIssue } from '../../src/lib/validation/issues.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';

describe('building fixture sites', () => {
  // The fixture site test/global-setup.ts built with DATA_DIR and CONTENT_DIR (it fails the run if the build fails).
  it('builds a small valid data set from DATA_DIR and CONTENT_DIR', () => {
    expect(readFileSync(join(SITE_DIR, 'data/villages.csv')).equals(readFileSync(join(VALID, 'data/villages.csv')))).toBe(true);
    expect(readFileSync(join(SITE_DIR, 'plan/mini/index.html'), 'utf8')).toContain('示例镇2017年环境整治方案');
  });

  it('fails on broken data with the same messages as npm run validate, and writes no pages', () => {
    const dir = materialise('many-errors-one-pass');
    const out = join(OUTPUT, 'site-broken');
    const dirs = { DATA_DIR: join(dir, 'data'), CONTENT_DIR: join(dir, 'content') };
    const r = astroBuild({ OUT_DIR: out, ...dirs });
    expect(r.status).not.toBe(0);
    const expected = validateDirs({ dataDir: dirs.DATA_DIR, contentDir: dirs.CONTENT_DIR, cwd: ROOT }).issues.map(formatIssue);
    expect(expected).toHaveLength(8);
    for (const m of expected) expect(r.output).toContain(m);
    expect(r.output).toContain('数据检查发现 8 个问题，网站没有生成');
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });
});
