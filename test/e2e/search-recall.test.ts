import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { FIXTURE, SITE_BASE, SITE_DIR } from '../helpers/paths.ts';

/**
 * Sampled recall: queries drawn with a fixed seed from the data the site was built from — runs
 * of characters from the plans, exact problem titles, enterprise names (as written and without
 * 有限公司 and the sample marker), codes and ids — each must find its own page near the top.
 *
 * Runs on the fixture in `npm test`. For a generated set (issue "Search at scale": M):
 *   node scripts/generate-data.ts --out /tmp/m --size M
 *   DATA_DIR=/tmp/m/data CONTENT_DIR=/tmp/m/content OUT_DIR=/tmp/m/dist BASE_PATH=/gushan/ npx astro build
 *   REUSE_SITES=1 RECALL_SET=/tmp/m RECALL_SITE=/tmp/m/dist npx vitest run --project site test/e2e/search-recall.test.ts
 */
const SET = process.env.RECALL_SET ?? FIXTURE;
const DIST = process.env.RECALL_SITE ?? SITE_DIR;
const SAMPLES = Number(process.env.RECALL_SAMPLES ?? 25);

/** mulberry32: a small seeded generator, so every run draws the same queries. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Probe {
  kind: string;
  q: string;
  page: string;
  /** How far down the page may be and still count. */
  within: number;
}

function probes(): Probe[] {
  const rand = rng(20261201);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sample = <T,>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
    return out;
  };
  const rows = (t: string) => Papa.parse<Record<string, string>>(readFileSync(join(SET, 'data', `${t}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const out: Probe[] = [];
  const planDir = join(SET, 'content/plan');
  for (const f of readdirSync(planDir).filter((n) => n.endsWith('.md'))) {
    const body = readFileSync(join(planDir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    // Runs of 4–8 Chinese characters, without punctuation, from the plan's paragraphs.
    const runs = body.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith(':::')).flatMap((l) => l.match(/[\u4e00-\u9fff]{4,}/g) ?? []);
    for (let i = 0; i < SAMPLES && runs.length; i++) {
      const run = pick(runs);
      const len = 4 + Math.floor(rand() * 5);
      const start = Math.floor(rand() * Math.max(1, run.length - len + 1));
      out.push({ kind: '方案原文片段', q: run.slice(start, start + len), page: `plan/${f.replace(/\.md$/, '')}/`, within: 5 });
    }
  }
  for (const p of sample(rows('problems'), SAMPLES)) {
    out.push({ kind: '问题标题', q: p.title!, page: `problems/${p.id}/`, within: 3 });
    out.push({ kind: '问题编号', q: p.id!, page: `problems/${p.id}/`, within: 1 });
  }
  for (const e of sample(rows('enterprises'), SAMPLES)) {
    out.push({ kind: '企业名称', q: e.name!, page: `credit/${e.uscc}/`, within: 3 });
    out.push({ kind: '企业简称', q: e.name!.replace(/^（示例）/, '').replace('有限公司', ''), page: `credit/${e.uscc}/`, within: 3 });
    out.push({ kind: '信用代码', q: e.uscc!, page: `credit/${e.uscc}/`, within: 1 });
  }
  return out;
}

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)(`sampled search recall on ${SET === FIXTURE ? 'the fixture' : SET}`, () => {
  const site = siteInBrowser(DIST, SITE_BASE);
  const tally = new Map<string, { found: number; total: number; misses: string[] }>();
  afterAll(() => {
    for (const [kind, t] of tally) console.info(`search recall: ${kind} ${t.found}/${t.total}${t.misses.length ? `; missed: ${t.misses.slice(0, 5).join('、')}` : ''}`);
  });

  it('finds each sampled query’s own page near the top', async () => {
    const page = await site.browser.newPage();
    for (const p of probes()) {
      await page.goto(`${site.server.root}search/?q=${encodeURIComponent(p.q)}`);
      await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
      const top = await page.locator('.search-results .result-title').evaluateAll((els, n) => els.slice(0, n).map((e) => new URL((e as HTMLAnchorElement).href).pathname), p.within);
      const t = tally.get(p.kind) ?? { found: 0, total: 0, misses: [] };
      t.total++;
      if (top.includes(`${SITE_BASE}${p.page}`)) t.found++;
      else t.misses.push(p.q);
      tally.set(p.kind, t);
    }
    await page.close();
    // Titles, names, codes and ids: every one. Plan fragments: nearly every one (a 4-character run
    // can be a phrase that many record pages repeat).
    for (const [kind, t] of tally) expect(t.found / t.total, `${kind}: ${t.found}/${t.total}, missed ${t.misses.join('、')}`).toBeGreaterThanOrEqual(kind === '方案原文片段' ? 0.9 : 1);
  });
});
