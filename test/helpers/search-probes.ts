/**
 * Search queries drawn with a fixed seed from a data set (runs of characters from its plans,
 * exact problem titles and ids, enterprise names as written and shortened, codes, village names
 * right and one character off, the list pages' sections, problem titles in everyday words), each
 * with the page it must find (or, for a misspelt village, suggest). Shared by the sampled recall test and `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { LIST_SECTIONS, sectionPath } from '../../src/lib/search/list-sections.ts';
import { EVERYDAY_WORDS } from '../../src/lib/search/search-query.ts';

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

export interface Probe {
  kind: string;
  q: string;
  /** The pages it must find: one, or every record with the same title (generated titles repeat). */
  pages: string[];
  /** How far down the page may be and still count. */
  within: number;
  /** The page must be offered as “你是不是要找” rather than found among the results. */
  suggest?: true;
}

export function searchProbes(set: string, samples: number): Probe[] {
  const rand = rng(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
    return out;
  };
  const rows = (t: string) =>
    Papa.parse<Record<string, string>>(readFileSync(join(set, 'data', `${t}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const out: Probe[] = [];
  const planDir = join(set, 'content/plan');
  for (const f of readdirSync(planDir).filter((n) => n.endsWith('.md'))) {
    const body = readFileSync(join(planDir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    // Runs of 4–8 Chinese characters, without punctuation, from the plan's paragraphs.
    const runs = body
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && !l.startsWith(':::'))
      .flatMap((l) => l.match(/[\u4e00-\u9fff]{4,}/g) ?? []);
    for (let i = 0; i < samples && runs.length; i++) {
      const run = pick(runs);
      const len = 4 + Math.floor(rand() * 5);
      const start = Math.floor(rand() * Math.max(1, run.length - len + 1));
      out.push({ kind: '方案原文片段', q: run.slice(start, start + len), pages: [`plan/${f.replace(/\.md$/, '')}/`], within: 5 });
    }
  }
  const problems = rows('problems');
  const byTitle = new Map<string, string[]>();
  for (const p of problems) byTitle.set(p.title!, [...(byTitle.get(p.title!) ?? []), `problems/${p.id}/`]);
  for (const p of sample(problems, samples)) {
    out.push({ kind: '问题标题', q: p.title!, pages: byTitle.get(p.title!)!, within: 3 });
    out.push({ kind: '问题编号', q: p.id!, pages: [`problems/${p.id}/`], within: 1 });
  }
  for (const e of sample(rows('enterprises'), samples)) {
    out.push({ kind: '企业名称', q: e.name!, pages: [`credit/${e.uscc}/`], within: 3 });
    out.push({ kind: '企业简称', q: e.name!.replace(/^（示例）/, '').replace('有限公司', ''), pages: [`credit/${e.uscc}/`], within: 3 });
    out.push({ kind: '信用代码', q: e.uscc!, pages: [`credit/${e.uscc}/`], within: 1 });
  }
  // Places, lists and everyday words (issue 33).
  const villages = rows('villages');
  const names = new Set(villages.map((v) => v.name!));
  for (const v of sample(villages, samples)) {
    out.push({ kind: '村（社区）名称', q: v.name!, pages: [`villages/${v.id}/`], within: 1 });
    // One character changed (the first), unless that makes another village's name.
    const typo = `某${[...v.name!].slice(1).join('')}`;
    if (!names.has(typo)) out.push({ kind: '村名错一字', q: typo, pages: [`villages/${v.id}/`], within: 3, suggest: true });
  }
  for (const s of LIST_SECTIONS) {
    out.push({ kind: '列表栏目', q: s.name, pages: [sectionPath(s)], within: 1 });
    for (const w of s.words.slice(0, 1)) out.push({ kind: '列表栏目别称', q: w, pages: [sectionPath(s)], within: 5 });
  }
  // A problem title with the site's word put back into the everyday one (河道 → 河水) finds the problem.
  const everyday = problems.flatMap((p) =>
    EVERYDAY_WORDS.filter(([, site]) => p.title!.includes(site)).map(([word, site]) => ({ p, q: p.title!.replace(site, word) })),
  );
  for (const { p, q } of sample(everyday, samples)) out.push({ kind: '常用说法', q, pages: byTitle.get(p.title!)!, within: 5 });
  return out;
}
