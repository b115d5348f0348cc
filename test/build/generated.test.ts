import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { OUTPUT, ROOT } from '../helpers/paths.ts';
import { generate } from '../../scripts/generate-data.ts';
import { LOCAL_SITE_WARNING } from '../../src/lib/urls.ts';
import { TARGETS_ON_VILLAGE_PAGE } from '../../src/lib/indicators.ts';
import { readHtml } from '../helpers/html.ts';
import Papa from 'papaparse';
import type { HTMLElement } from 'node-html-parser';

/** The generator and the configurable folders keep working: a small generated set validates and builds. */
/** More targets than a village's page lists (TARGETS_ON_VILLAGE_PAGE). */
const SIZES = { villages: 10, enterprises: 60, periods: 3, problems: 60, indicators: TARGETS_ON_VILLAGE_PAGE + 5, observations: 5 };

describe('a generated data set of 60 enterprises', () => {
  const dir = join(OUTPUT, 'generated-small');
  generate(dir, SIZES, 7);

  it('passes npm run validate', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts'), '--data', join(dir, 'data'), '--content', join(dir, 'content')], {
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^✓ 数据检查通过：11 个表共 \d+ 行/);
    expect(r.status).toBe(0);
  });

  it('is the same for the same seed', () => {
    const again = join(OUTPUT, 'generated-small-again');
    generate(again, SIZES, 7);
    for (const f of readdirSync(join(dir, 'data'))) {
      expect(spawnSync('cmp', [join(dir, 'data', f), join(again, 'data', f)]).status, f).toBe(0);
    }
  });

  it('builds from DATA_DIR and CONTENT_DIR, with a page per enterprise and per problem and a search index', () => {
    const out = join(OUTPUT, 'site-generated');
    const r = astroBuild({ OUT_DIR: out, DATA_DIR: join(dir, 'data'), CONTENT_DIR: join(dir, 'content'), BUILD_DATE: '2026-01-15' });
    expect(r.status, r.output.slice(-2000)).toBe(0);
    expect(readdirSync(join(out, 'credit')).filter((d) => d.startsWith('91320281'))).toHaveLength(60);
    expect(readdirSync(join(out, 'problems')).filter((d) => d.startsWith('GS-'))).toHaveLength(60);
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    expect(r.output).toContain('页面大小');
    // Built without SITE_URL: one warning, and the noticeboard sheets say their QR code is no good.
    expect(r.output.split(LOCAL_SITE_WARNING)).toHaveLength(2);
    const village = readdirSync(join(out, 'villages')).find((d) => existsSync(join(out, 'villages', d, 'notice/index.html')));
    const sheet = readFileSync(join(out, 'villages', village!, 'notice/index.html'), 'utf8');
    expect(sheet).toMatch(/<p class="sheet-local"[^>]* data-notice-local[^>]*>预览版：未设置网址，二维码指向本机，不可张贴<\/p>/);

    // A village's page lists the first targets of the plan only, and counts all of them by status, as the indicator list does.
    const targets = readHtml(out, `villages/${village!}/index.html`).querySelector('section[aria-labelledby="t-h"]')!;
    const names = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'data/indicators.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map(
      (r) => r.name,
    );
    expect(names).toHaveLength(TARGETS_ON_VILLAGE_PAGE + 5);
    expect(targets.querySelectorAll('.village-targets li > a').map((a) => a.textContent)).toEqual(names.slice(0, TARGETS_ON_VILLAGE_PAGE));
    expect(targets.querySelector('[data-targets-more]')!.textContent.replace(/\s+/g, ' ').trim()).toBe(
      `共 ${TARGETS_ON_VILLAGE_PAGE + 5} 项目标，这里列出方案中的前 ${TARGETS_ON_VILLAGE_PAGE} 项。按进展查看全部：`,
    );
    const filter = (doc: HTMLElement) =>
      doc
        .querySelector('.status-filter')!
        .querySelectorAll('a')
        .map((a) => [a.getAttribute('href'), a.textContent.replace(/\s+/g, '')]);
    expect(filter(targets)).toEqual(filter(readHtml(out, 'indicators/index.html')));
    expect(filter(targets)[0]).toEqual(['/indicators/', `全部（${TARGETS_ON_VILLAGE_PAGE + 5}）`]);
    // Not the indicator list: none of its links is the page the reader is on.
    expect(targets.querySelectorAll('[aria-current]')).toHaveLength(0);
    expect(targets.querySelector('.status-filter')!.getAttribute('aria-label')).toBe('按进展查看全部目标');
  });
});
