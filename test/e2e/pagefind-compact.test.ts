import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { close, createIndex } from 'pagefind';
import type { Browser } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { testBrowser } from '../helpers/site-browser.ts';
import { listFiles as files } from '../helpers/html.ts';
import { serveStatic, type RunningServer } from '../helpers/static-server.ts';
import { compactPagefindIndex } from '../../src/build/search/pagefind-compact.ts';

const browserPath = browserAvailability();

/**
 * The meta-file compaction (src/build/search/pagefind-compact.ts) on a real Pagefind index whose
 * fragments are grouped, searched by Pagefind's own browser code before and after: every
 * query must give the same results, scores and excerpts, while the meta file shrinks.
 */
const VILLAGES = ['东村', '西村', '南村', '北村', '河泾社区', '红豆村'];
const THINGS = ['污水直排', '夜间施工噪声', '秸秆焚烧', '黑臭河道', '垃圾堆放', '油烟扰民'];
const QUERIES = ['污水', '东村 污水直排', '噪声', '河泾社区', '秸秆焚烧问题17', '红色', '整改', '找不到的词语'];

/** The page that runs Pagefind's own browser code; its script is a file, as the site's CSP requires. */
const HARNESS = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>t</title><body><script type="module" src="/harness.js"></script></body></html>';
const HARNESS_JS = `const pf = await import('/pagefind/pagefind.js');
await pf.options({ excerptLength: 20 });
window.run = async (q) => {
  const r = await pf.search(q);
  const data = await Promise.all(r.results.map((x) => x.data()));
  return r.results.map((x, i) => ({ score: x.score, words: x.words, url: data[i].url, title: data[i].meta.title, excerpt: data[i].excerpt, filters: data[i].filters }));
};
window.ready = true;
`;

describe.skipIf(browserPath.skip)('Pagefind meta compaction', () => {
  let root: string;
  let browser: Browser;
  const servers: RunningServer[] = [];
  const sites: Record<'before' | 'after', string> = { before: '', after: '' };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pf-compact-'));
    sites.before = join(root, 'before');
    const { index, errors } = await createIndex({ forceLanguage: 'zh-cn', maxFragments: 25 });
    if (!index) throw new Error(errors.join('; '));
    for (let i = 0; i < 240; i++) {
      const village = VILLAGES[i % VILLAGES.length]!;
      const thing = THINGS[(i * 7) % THINGS.length]!;
      const title = `${thing}问题${i}`;
      const content = `${title}。${village}${thing}，群众反映强烈。整改措施：第${i}号。${i % 5 === 0 ? '企业等级：红色。' : ''}`.repeat(1 + (i % 4));
      await index.addCustomRecord({ url: `/problems/P${i}/`, content, language: 'zh-cn', meta: { title }, filters: { village: [village] } });
    }
    await index.writeFiles({ outputPath: join(sites.before, 'pagefind') });
    await close();
    writeFileSync(join(sites.before, 'index.html'), HARNESS);
    writeFileSync(join(sites.before, 'harness.js'), HARNESS_JS);
    sites.after = join(root, 'after');
    cpSync(sites.before, sites.after, { recursive: true });
    browser = await testBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function answers(site: 'before' | 'after') {
    const server = await serveStatic(sites[site], '/');
    servers.push(server);
    const page = await browser.newPage();
    await page.goto(`${server.root}index.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const out: Record<string, unknown> = {};
    for (const q of QUERIES) out[q] = await page.evaluate((query) => (window as unknown as { run: (q: string) => Promise<unknown> }).run(query), q);
    await page.close();
    return out;
  }

  it('gives the same results, scores and excerpts with a meta file less than half the size', async () => {
    const metaOf = (dir: string) => readdirSync(join(dir, 'pagefind')).find((n) => n.endsWith('.pf_meta'))!;
    const before = await answers('before');
    const metaBefore = statSync(join(sites.before, 'pagefind', metaOf(sites.before))).size;

    const result = compactPagefindIndex(join(sites.after, 'pagefind'));
    expect(result.skipped).toEqual([]);
    expect(result.compacted).toEqual(['zh-cn']);
    const metaAfter = statSync(join(sites.after, 'pagefind', metaOf(sites.after))).size;
    expect(metaAfter).toBe(result.metaBytesAfter);
    expect(metaAfter).toBeLessThan(metaBefore / 2);

    const after = await answers('after');
    expect((before['污水'] as unknown[]).length).toBeGreaterThan(20);
    expect((before['找不到的词语'] as unknown[]).length).toBe(0);
    expect(after).toEqual(before);
  }, 120_000);

  it('leaves no stale file behind and names every file by its build', () => {
    const dir = join(sites.after, 'pagefind');
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
    const metas = files(dir).filter((f) => f.endsWith('.pf_meta'));
    expect(metas).toEqual([`pagefind.${entry.languages['zh-cn']!.hash}.pf_meta`]);
    const groups = files(join(dir, 'fragment'));
    // 240 pages in at most 25 fragment files, each named with the token of this index.
    expect(groups.length).toBeLessThanOrEqual(25);
    const before = files(join(sites.before, 'pagefind', 'fragment'));
    expect(groups.length).toBe(before.length);
    for (const g of groups) expect(before).not.toContain(g);
    const token = new Set(groups.map((g) => g.slice(0, 4)));
    expect(token.size).toBe(1);
    // Every fragment file is a Pagefind file: gzip of the signature and JSON.
    for (const g of groups)
      expect(
        gunzipSync(readFileSync(join(dir, 'fragment', g)))
          .subarray(0, 12)
          .toString(),
      ).toBe('pagefind_dcd');
  });

  it('leaves an index with a file it cannot read as Pagefind wrote it, without failing the build', () => {
    const dir = join(root, 'unreadable');
    cpSync(sites.before, dir, { recursive: true });
    const fragmentDir = join(dir, 'pagefind', 'fragment');
    writeFileSync(join(fragmentDir, readdirSync(fragmentDir)[0]!), 'not gzip');
    const listing = files(dir);
    const result = compactPagefindIndex(join(dir, 'pagefind'));
    expect(result.compacted).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatch(/^zh-cn: 索引文件无法读取（/);
    expect(files(dir)).toEqual(listing);
  });

  it('leaves an index it does not understand as Pagefind wrote it', () => {
    const dir = join(root, 'odd');
    cpSync(sites.before, dir, { recursive: true });
    const fragmentDir = join(dir, 'pagefind', 'fragment');
    const victim = readdirSync(fragmentDir)[0]!;
    // A group file that does not hold the pages the meta file assigns to it.
    writeFileSync(join(fragmentDir, victim), readFileSync(join(fragmentDir, readdirSync(fragmentDir)[1]!)));
    const listing = files(dir);
    const result = compactPagefindIndex(join(dir, 'pagefind'));
    expect(result.compacted).toEqual([]);
    expect(result.skipped).toEqual([`zh-cn: 片段组 ${victim.replace('.pf_fragment', '')} 与索引不符`]);
    expect(files(dir)).toEqual(listing);
  });
});
