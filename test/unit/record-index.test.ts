import { describe, expect, it } from 'vitest';
import { readDatasetInput } from '../../src/build/read-dataset.ts';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_INDEX_DIR, recordIndexInput, writeRecordIndex } from '../../src/build/search/record-index.ts';
import { listFiles } from '../helpers/html.ts';
import { validateDataset } from '../../src/lib/validation/validate.ts';
import {
  bigrams,
  buildRecordIndex,
  compact,
  coverBigrams,
  queryCover,
  exactTerm,
  fold,
  NORMALISATION_VERSION,
  RECORD_INDEX_FORMAT,
  RECORD_INDEX_VERSION,
  RECORDS_PER_FILE,
  searchRecords,
  termShard,
  type IndexLoader,
  type RecordIndexInput,
  type RecordIndexManifest,
  type SearchOptions,
  TOWN_WIDE,
} from '../../src/lib/search/record-index.ts';
import { FIXTURE_CONTENT, FIXTURE_DATA } from '../helpers/paths.ts';
import { PROBLEM_STATUSES } from '../../src/schemas/enums.ts';

const fixture = validateDataset(readDatasetInput({ dataDir: FIXTURE_DATA, contentDir: FIXTURE_CONTENT }));
const input = recordIndexInput(fixture);
const files = buildRecordIndex(input);

/** A loader over built files that records what it was asked for. */
function loader(built: Map<string, string>): IndexLoader & { asked: string[] } {
  const asked: string[] = [];
  const load = async (file: string) => {
    asked.push(file);
    const text = built.get(file);
    if (text === undefined) throw new Error(`no file ${file}`);
    return JSON.parse(text) as unknown;
  };
  return Object.assign(load, { asked });
}

const search = (q: string, opts: SearchOptions = {}, built = files) => searchRecords(q, loader(built), { limit: 1000, ...opts });
const keysOf = async (q: string, opts: SearchOptions = {}) => (await search(q, opts)).results.map((r) => r.record.key);

/** A larger made-up data set, so that the index has many shards and records files. */
function synthetic(n: number): RecordIndexInput {
  const firm = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  const villages = Array.from({ length: 10 }, (_, i) => ({ id: `v${i}`, name: `${firm[i]}${firm[i + 10]}村` }));
  const enterprises = Array.from({ length: n }, (_, i) => ({
    uscc: `9132${String(i).padStart(14, '0')}`,
    name: `（示例）${firm[i % 22]}${firm[(i * 7) % 22]}${firm[(i * 13) % 22]}化工有限公司${i}号`,
    industry: '化工',
    village: `v${i % 10}`,
  }));
  const problems = Array.from({ length: n }, (_, i) => ({
    id: `GS-${2017 + (i % 5)}-${String(i).padStart(4, '0')}`,
    title: `${firm[(i * 3) % 22]}${firm[(i * 5) % 22]}河道污染${i}`,
    description: `群众反映${firm[i % 22]}${firm[(i * 11) % 22]}附近有异味，编号${i}。`,
    status: PROBLEM_STATUSES[i % 4]!,
    village: `v${i % 10}`,
    reported: `${2017 + (i % 5)}-06-01`,
  }));
  return { problems, enterprises, ratings: [], villages };
}

describe('the record index format', () => {
  it('has a manifest with its format, version, normalisation, counts and villages', () => {
    const m = JSON.parse(files.get('manifest.json')!) as RecordIndexManifest;
    expect(m).toMatchObject({
      format: RECORD_INDEX_FORMAT,
      version: RECORD_INDEX_VERSION,
      normalisation: NORMALISATION_VERSION,
      recordsPerFile: RECORDS_PER_FILE,
    });
    expect(m.records).toBe(input.problems.length + input.enterprises.length + input.villages.length + (input.sections?.length ?? 0));
    expect(m.recordFiles).toBe(Math.ceil(m.records / RECORDS_PER_FILE));
    expect(m.villages.map((v) => v[0])).toEqual(input.villages.map((v) => v.id).sort());
    const names = [...files.keys()].sort();
    expect(names).toEqual(
      [
        'manifest.json',
        'keys.json',
        ...Array.from({ length: m.recordFiles }, (_, i) => `records/${i}.json`),
        ...Array.from({ length: m.shards }, (_, i) => `terms/${i}.json`),
      ].sort(),
    );
  });

  it('gives the same bytes for the same rows, in any order', () => {
    const shuffled: RecordIndexInput = {
      problems: [...input.problems].reverse(),
      enterprises: [...input.enterprises].reverse(),
      ratings: input.ratings,
      villages: [...input.villages].reverse(),
      sections: [...(input.sections ?? [])].reverse(),
      responses: [...(input.responses ?? [])].reverse(),
    };
    expect([...buildRecordIndex(shuffled)].sort()).toEqual([...files].sort());
  });

  it('stores each term in the shard its hash names, with ascending record numbers as differences', () => {
    const built = buildRecordIndex(synthetic(3000));
    const m = JSON.parse(built.get('manifest.json')!) as RecordIndexManifest;
    expect(m.shards).toBeGreaterThan(8);
    for (let s = 0; s < m.shards; s++) {
      const shard = JSON.parse(built.get(`terms/${s}.json`)!) as Record<string, [number[], number[]]>;
      for (const [term, lists] of Object.entries(shard)) {
        expect(termShard(term, m.shards)).toBe(s);
        for (const list of lists) expect(list.every((d, i) => (i === 0 ? d >= 0 : d > 0))).toBe(true);
      }
    }
  });

  it('refuses an index of another version or normalisation', async () => {
    const m = JSON.parse(files.get('manifest.json')!) as RecordIndexManifest;
    const other = new Map(files).set('manifest.json', JSON.stringify({ ...m, normalisation: NORMALISATION_VERSION + 1 }));
    await expect(search('东村', {}, other)).rejects.toThrow(/normalisation/);
  });
});

describe('normalisation, the same at build time and in the browser', () => {
  it('folds full-width forms, traditional characters, case and white space', () => {
    expect(fold('ＧＳ－２０１７－００１')).toBe('gs-2017-001');
    expect(fold('環保  問題\t水質')).toBe('环保 问题 水质');
    expect(fold(' （示例）ABC\n化工 ')).toBe('(示例)abc 化工');
    expect(compact('甲乙 化工')).toBe('甲乙化工');
  });

  it('cuts text into overlapping pairs and covers a query with every other pair and the last', () => {
    expect(bigrams('甲乙化工')).toEqual(['甲乙', '乙化', '化工']);
    expect(bigrams('村')).toEqual(['村']);
    expect(coverBigrams('甲乙化工厂')).toEqual(['甲乙', '化工', '工厂']);
    expect(coverBigrams('甲乙化工')).toEqual(['甲乙', '化工']);
    // the sample marker and 有限公司 are on every enterprise: left out of the lookup, kept in the check
    expect(queryCover(compact('（示例）甲乙化工有限公司12号'))).toEqual(['甲乙', '化工', '12', '2号']);
    expect(queryCover(compact('有限公司'))).toEqual(['有限', '公司']);
  });

  it('finds a record whatever form the query is typed in', async () => {
    const e = input.enterprises[0]!;
    const full = e.name.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect((await keysOf(full))[0]).toBe(e.uscc);
    expect((await keysOf(e.uscc.toLowerCase()))[0]).toBe(e.uscc);
    expect((await keysOf(` ${[...e.name].join(' ')} `))[0]).toBe(e.uscc);
    // 偷排废水 as a reader of traditional characters types it
    const p = input.problems.find((x) => x.title.includes('废水'))!;
    expect(await keysOf(p.title.replace('废', '廢'))).toContain(p.id);
  });
});

describe('a round trip of every record of the fixture', () => {
  const records = [
    ...input.problems.map((p) => ({ type: 'problem', key: p.id, title: p.title })),
    ...input.enterprises.map((e) => ({ type: 'enterprise', key: e.uscc, title: e.name })),
    ...input.villages.map((v) => ({ type: 'village', key: v.id, title: v.name })),
  ];

  it.each(records)('$type $key: by its whole title or name, first', async ({ key, title }) => {
    const r = await search(title);
    expect(r.results[0]?.record.key).toBe(key);
    expect(r.results[0]?.match).toBe('exact');
  });

  it.each(records)('$type $key: by every two-character run of its title or name', async ({ key, title }) => {
    const missing: string[] = [];
    for (const pair of new Set(bigrams(compact(title)))) {
      const found = (await search(pair)).results.find((x) => x.record.key === key);
      if (found?.match !== 'name' && found?.match !== 'exact') missing.push(pair);
    }
    expect(missing).toEqual([]);
  });

  it.each(records)('$type $key: by its id or code, first, and by its first characters', async ({ key }) => {
    const r = await search(key);
    expect(r.results[0]?.record.key).toBe(key);
    expect(r.results[0]?.match).toBe('exact');
    const prefix = key.slice(0, Math.max(2, key.length - 4));
    expect((await search(prefix)).results.some((x) => x.record.key === key)).toBe(true);
  });

  it('shows what a result needs: type, title, path, village, state, excerpt', async () => {
    const p = input.problems[0]!;
    const [hit] = (await search(p.id)).results;
    expect(hit!.record).toMatchObject({ type: 'problem', key: p.id, title: p.title, path: `problems/${p.id}/`, state: p.status });
    expect(hit!.record.village?.id).toBe(p.village);
    expect(p.description.replace(/\s+/g, ' ')).toContain(hit!.record.excerpt.replace(/…$/, ''));
    const e = input.enterprises[0]!;
    const [ent] = (await search(e.uscc)).results;
    expect(ent!.record).toMatchObject({ type: 'enterprise', path: `credit/${e.uscc}/`, excerpt: e.industry });
    expect(ent!.record.state).toBe([...input.ratings].filter((r) => r.uscc === e.uscc).sort((a, b) => (a.period < b.period ? 1 : -1))[0]?.rating ?? '');
  });

  it('finds problems by their descriptions and measures, and enterprises by their rating reasons, after names', async () => {
    const p = input.problems.find((x) => x.measures && !x.title.includes(x.measures.slice(0, 2)))!;
    const m = compact(p.measures!).slice(0, 4);
    expect((await search(m)).results.find((x) => x.record.key === p.id)?.match).toBe('text');
    const d = compact(p.description).slice(0, 4);
    expect((await search(d)).results.some((x) => x.record.key === p.id)).toBe(true);
    const rated = input.ratings.find((r) => r.reason)!;
    expect(await keysOf(rated.reason!)).toContain(rated.uscc);
  });

  it('finds a record by the text of the objections and replies that answer it (a rating’s under its enterprise)', async () => {
    // test/fixtures/valid/data/responses.csv: a report on GS-2017-001, an explanation of an enterprise, an objection to its rating.
    expect(await keysOf('沿河管网已接通')).toEqual(['GS-2017-001']);
    expect(await keysOf('更换废水处理设备')).toEqual(['91110000600037341L']);
    expect(await keysOf('采样不规范')).toEqual(['91110000600037341L']);
    const without = buildRecordIndex({ ...input, responses: [] });
    expect((await search('采样不规范', {}, without)).results).toEqual([]);
  });

  it('ranks exact matches, then names, then id prefixes, then texts', async () => {
    const order = ['exact', 'name', 'prefix', 'text'];
    for (const q of ['东村', '化工', '整改', 'GS-2018', '91']) {
      const tiers = (await search(q)).results.map((r) => order.indexOf(r.match));
      expect(tiers, q).toEqual([...tiers].sort((a, b) => a - b));
    }
    const village = input.villages[0]!;
    const r = await search(village.name);
    expect(r.results[0]).toMatchObject({ match: 'exact', record: { type: 'village', key: village.id } });
  });
});

describe('loading on demand', () => {
  const big = synthetic(3000);
  const built = buildRecordIndex(big);
  const m = JSON.parse(built.get('manifest.json')!) as RecordIndexManifest;

  it('loads the manifest, the shards of the query’s own terms and the records files of its results only', async () => {
    const e = big.enterprises[1234]!;
    const load = loader(built);
    const r = await searchRecords(e.name, load, { limit: 1 });
    expect(r.results[0]?.record.key).toBe(e.uscc);
    const q = compact(e.name);
    const shards = new Set([...queryCover(q), exactTerm(e.name)].map((t) => `terms/${termShard(t, m.shards)}.json`));
    const terms = load.asked.filter((f) => f.startsWith('terms/'));
    expect(new Set(terms)).toEqual(shards);
    expect(terms.length).toBe(shards.size);
    expect(terms.length).toBeLessThan(m.shards / 4);
    expect(load.asked.filter((f) => f.startsWith('records/'))).toHaveLength(1);
    expect(load.asked).not.toContain('keys.json');
  });

  it('looks an id up by prefix in the records files keys.json points to, without term shards for its digits', async () => {
    const load = loader(built);
    const p = big.problems[777]!;
    const r = await searchRecords(p.id, load, { limit: 5 });
    expect(r.results[0]).toMatchObject({ match: 'exact', record: { key: p.id } });
    expect(load.asked.filter((f) => f.startsWith('records/')).length).toBeLessThanOrEqual(2);
    expect(load.asked.filter((f) => f.startsWith('terms/'))).toEqual([]);
    const prefix = await searchRecords('91320000000000123', loader(built), { limit: 50 });
    expect(prefix.results.map((x) => x.record.key)).toEqual(Array.from({ length: 10 }, (_, i) => `91320000000000123${i}`));
  });

  it('stops at the limit and says there is more', async () => {
    const r = await searchRecords('化工', loader(built), { limit: 10 });
    expect(r.results).toHaveLength(10);
    expect(r.more).toBe(true);
  });
});

describe('filters', () => {
  it('by record type, village, problem status and latest rating colour', async () => {
    const all = (await search('示例')).results.map((r) => r.record);
    expect(all.length).toBeGreaterThan(0);
    expect((await search('东村', { types: ['problem'] })).results.every((r) => r.record.type === 'problem')).toBe(true);
    const village = input.problems[0]!.village!;
    const inVillage = (await search('问题', { villages: [village] })).results;
    expect(inVillage.every((r) => r.record.village?.id === village)).toBe(true);
    // a village's own page is in it
    const own = input.villages.find((v) => v.id === village)!;
    expect((await keysOf(own.name, { villages: [village] }))[0]).toBe(village);
    const open = await search('整改', { statuses: ['待整改', '整改中'] });
    expect(open.results.every((r) => r.record.type === 'problem' && ['待整改', '整改中'].includes(r.record.state))).toBe(true);
    const red = input.enterprises.filter((e) => (all.find((r) => r.key === e.uscc)?.state ?? '') === '红色').map((e) => e.uscc);
    expect(red.length).toBeGreaterThan(0);
    expect((await keysOf('示例', { ratings: ['红色'] })).sort()).toEqual(red.sort());
  });
});

describe('the list pages’ sections (issue 33)', () => {
  const sections = input.sections ?? [];

  it('are in the index, each found first by its name, with its page and anchor', async () => {
    expect(sections.map((s) => s.name)).toContain('预警名单');
    for (const s of sections) {
      const [hit] = (await search(s.name)).results;
      expect(hit, s.name).toMatchObject({ match: 'exact', record: { type: 'section', title: s.name, path: `${s.page}#${s.anchor}` } });
      expect(hit!.record.excerpt).toBe(`${s.pageName}：${s.text}`);
    }
  });

  it('are found by the words readers call them, after names', async () => {
    const warn = sections.find((s) => s.name === '预警名单')!;
    const hits = (await search('黑名单')).results;
    expect(hits.find((h) => h.record.type === 'section')).toMatchObject({ match: 'text', record: { path: `${warn.page}#${warn.anchor}` } });
    expect((await search('差别电价')).results.map((h) => h.record.path)).toContain('credit/#scheme-h');
  });

  it('are never taken for an id', async () => {
    expect((await search('credit')).results).toEqual([]);
  });
});

describe('filters by the search page’s keys', () => {
  const manifest = JSON.parse(files.get('manifest.json')!) as RecordIndexManifest;

  it('lists every filter value with its count in the manifest', () => {
    expect(manifest.facets.type).toEqual({
      企业: input.enterprises.length,
      问题: input.problems.length,
      '村（社区）': input.villages.length,
      栏目: input.sections!.length,
    });
    expect(Object.keys(manifest.facets.status!).sort()).toEqual([...new Set(input.problems.map((p) => p.status))].sort());
    expect(manifest.facets.village![TOWN_WIDE]).toBe(input.problems.filter((p) => p.village === undefined).length);
    expect(Object.keys(manifest.facets.year!)).toEqual([...new Set(input.problems.map((p) => p.reported.slice(0, 4)))].sort());
  });

  it('selects records with no query: every unfinished problem, every red enterprise', async () => {
    const open = await search('', { facets: { type: ['问题'], status: ['待整改', '整改中'] } });
    expect(open.results.map((r) => r.record.key).sort()).toEqual(
      input.problems
        .filter((p) => p.status === '待整改' || p.status === '整改中')
        .map((p) => p.id)
        .sort(),
    );
    expect(open.results.every((r) => r.match === 'filter')).toBe(true);
    const red = await search('', { facets: { type: ['企业'], rating: ['红色'] } });
    expect(red.results.length).toBe(manifest.facets.rating!['红色']);
    expect(red.results.every((r) => r.record.state === '红色')).toBe(true);
  });

  it('narrows a query: values of one key are either, keys together are both', async () => {
    const year = input.problems[0]!.reported.slice(0, 4);
    const inYear = await search('', { facets: { year: [year] } });
    expect(inYear.results.map((r) => r.record.key).sort()).toEqual(
      input.problems
        .filter((p) => p.reported.startsWith(year))
        .map((p) => p.id)
        .sort(),
    );
    const town = await search('', { facets: { village: [TOWN_WIDE] } });
    expect(town.results.every((r) => r.record.type === 'problem' && r.record.village === undefined)).toBe(true);
    expect((await search('整改', { facets: { type: ['计划原文'] } })).results).toEqual([]);
    expect((await search('', { facets: { status: [] } })).results).toEqual([]);
  });
});

describe('writing the record index into an output folder', () => {
  it('writes only the files whose content changed, deletes those the index no longer has, and leaves the copies to the hosting step', () => {
    const out = mkdtempSync(join(tmpdir(), 'gushan-record-index-'));
    try {
      const dir = join(out, RECORD_INDEX_DIR);
      const before = synthetic(3000);
      expect(writeRecordIndex(out, before).written).toBe(buildRecordIndex(before).size);
      const old = new Date(1_000_000);
      for (const f of listFiles(dir)) utimesSync(join(dir, f), old, old);
      writeFileSync(join(dir, 'records/0.json.gz'), 'a compressed copy');
      // One problem fewer and one title changed: a few shards change, and the records files shrink by one.
      const after = { ...before, problems: before.problems.slice(0, -1).map((p, i) => (i === 0 ? { ...p, title: '新标题：黑臭水体' } : p)) };
      const expected = buildRecordIndex(after);
      const r = writeRecordIndex(out, after);
      expect(r.files).toBe(expected.size);
      expect(r.written).toBeGreaterThan(0);
      expect(r.written).toBeLessThan(expected.size / 2);
      expect(expected.size).toBeGreaterThan(40);
      expect(
        listFiles(dir)
          .filter((f) => !f.endsWith('.gz'))
          .sort(),
      ).toEqual([...expected.keys()].sort());
      for (const [f, text] of expected) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(text);
      const rewritten = listFiles(dir).filter((f) => !f.endsWith('.gz') && statSync(join(dir, f)).mtimeMs > old.getTime());
      expect(rewritten.length).toBe(r.written);
      expect(existsSync(join(dir, 'records/0.json.gz'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('deletes nothing in a folder of that name it did not write', () => {
    const out = mkdtempSync(join(tmpdir(), 'gushan-record-index-foreign-'));
    try {
      mkdirSync(join(out, RECORD_INDEX_DIR, 'terms'), { recursive: true });
      writeFileSync(join(out, RECORD_INDEX_DIR, 'terms/notes.txt'), 'someone else’s');
      writeRecordIndex(out, synthetic(20));
      expect(readFileSync(join(out, RECORD_INDEX_DIR, 'terms/notes.txt'), 'utf8')).toBe('someone else’s');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
