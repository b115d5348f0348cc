/**
 * Withdrawals without rewriting git (redactions.csv), on a site built from a repository made
 * here: a complainant's name, phone and ID-card number published in a problem's description and
 * corrected the next day; a second problem that carried them deleted; a commit message that
 * quoted the phone number; then two rows of redactions.csv. No file of the output may hold the
 * withheld text in any form (compressed files and the search index decompressed, words as an
 * index stores them), while the change stays visible as a change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { compactText, listFiles, readHtml } from '../helpers/html.ts';
import { FIXTURE } from '../helpers/paths.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { RECORD_INDEX_DIR } from '../../src/build/search/record-index.ts';
import { searchRecords, type IndexLoader } from '../../src/lib/search/record-index.ts';

const REPO_URL = 'https://example.org/gushan-repo';
// Rare characters and tokens that occur nowhere else in the fixture or the site's own text.
const NAME = '蔺霁珩';
const PHONE = '13912345678';
const ID_CARD = '32028119800101123X';
const LATIN = 'QwxHiddenMark';
const LEAK = `东村河南岸堆积大量生活垃圾，举报人${NAME}（电话${PHONE}，身份证${ID_CARD}，${LATIN}）。`;
const FIXED = '东村河南岸堆积大量生活垃圾，影响河道水质。';
const GONE_TITLE = `${NAME}家门口垃圾`;
/** test/fixtures/valid/data/responses.csv's report on GS-2017-001, and the same naming the person. */
const RESPONSE_FIXED = '（示例）排污口已封堵，沿河管网已接通污水处理厂。';
const RESPONSE_LEAK = `（示例）排污口已封堵，已告知举报人${NAME}（电话${PHONE}，${LATIN}）。`;

let repo: TempRepo;
let out: string;
let cache: string;
let log: string;
const ids: Record<string, string> = {};
const read = (file: string) => readFileSync(join(repo.dir, 'data', file), 'utf8');

beforeAll(() => {
  repo = tempRepo('gushan-withdrawal-');
  cpSync(FIXTURE, repo.dir, { recursive: true });
  const problems = read('problems.csv');
  const gone = problems
    .split('\n')
    .find((l) => l.startsWith('GS-2019-007,'))!
    .replace('GS-2019-007', 'GS-2019-098')
    .replace('餐饮油烟直排', GONE_TITLE)
    .replace('商业街多家餐馆油烟未经净化直排。', `联系${NAME}，电话${PHONE}。`);
  writeFileSync(join(repo.dir, 'data/problems.csv'), `${problems.replace(FIXED, LEAK).trimEnd()}\n${gone}\n`);
  // A reply that quoted the same person, on the record page, in the feeds and in the search entry until corrected.
  writeFileSync(join(repo.dir, 'data/responses.csv'), read('responses.csv').replace(RESPONSE_FIXED, RESPONSE_LEAK));
  ids.leak = repo.commit({}, '2020-01-10T09:00:00+08:00', '首次公开全部数据');
  ids.fix = repo.commit(
    { 'data/problems.csv': read('problems.csv').replace(LEAK, FIXED), 'data/responses.csv': read('responses.csv').replace(RESPONSE_LEAK, RESPONSE_FIXED) },
    '2020-01-11T09:00:00+08:00',
    `删去 GS-2019-005 中的电话 ${PHONE}`,
  );
  ids.remove = repo.commit(
    {
      'data/problems.csv': read('problems.csv')
        .split('\n')
        .filter((l) => !l.startsWith('GS-2019-098,'))
        .join('\n'),
    },
    '2020-01-12T09:00:00+08:00',
    '删除含个人信息的问题',
  );
  const rules = [
    'table,key,column,until,reason',
    'problems,GS-2019-005,description,,个人信息',
    'problems,GS-2019-098,,,个人信息',
    'problems,GS-2019-001,title,,个人信息',
    'responses,R-2017-001,text,,个人信息',
    '',
  ].join('\n');
  ids.redact = repo.commit({ 'data/redactions.csv': rules }, '2020-01-12T10:00:00+08:00', '隐去误发布的个人信息');
  cache = mkdtempSync(join(tmpdir(), 'gushan-withdrawal-cache-'));
  out = mkdtempSync(join(tmpdir(), 'gushan-withdrawal-out-'));
  const r = astroBuild({
    BASE_PATH: '/',
    SITE_URL: 'https://example.org',
    BUILD_DATE: '2026-01-15',
    REPO_URL,
    HISTORY_CACHE_DIR: cache,
    OUT_DIR: out,
    DATA_DIR: join(repo.dir, 'data'),
    CONTENT_DIR: join(repo.dir, 'content'),
  });
  log = r.output;
  if (r.status !== 0) throw new Error(r.output);
}, 600_000);

afterAll(() => {
  repo?.remove();
  for (const d of [out, cache]) if (d) rmSync(d, { recursive: true, force: true });
});

/** A file's text as a reader or an index consumer gets it: gzip and brotli undone (Pagefind's files are gzip). */
function contentOf(path: string): string {
  let bytes: Buffer = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  else if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
  // Pagefind's index files start with a signature line before the gzip stream.
  const gz = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
  if (gz > 0 && gz < 64) {
    try {
      bytes = Buffer.concat([bytes.subarray(0, gz), gunzipSync(bytes.subarray(gz))]);
    } catch {
      /* not a gzip stream after all */
    }
  }
  return bytes.toString('utf8');
}

/** Every form a withheld text may take in a file: as written, lower-cased, each rare character alone, escaped for JSON or HTML. */
const FORMS = [
  NAME,
  ...[...NAME],
  ...[...NAME].map((c) => `\\u${c.codePointAt(0)!.toString(16)}`),
  ...[...NAME].flatMap((c) => [`&#x${c.codePointAt(0)!.toString(16)};`, `&#${c.codePointAt(0)};`]),
  PHONE,
  ID_CARD,
  ID_CARD.toLowerCase(),
  LATIN,
  LATIN.toLowerCase(),
];

describe('a value withdrawn by redactions.csv', () => {
  it('appears in no file of the output, in any form an index or an encoder stores it', () => {
    const files = listFiles(out);
    expect(files.some((f) => f.includes('pagefind/'))).toBe(true);
    // The calendars and the village feed of the problem whose history held the value are among the files searched.
    for (const f of ['due.ics', 'villages/dongcun/due.ics', 'villages/dongcun/feed.xml', 'feed.xml', 'changes.xml']) expect(files, f).toContain(f);
    const found: string[] = [];
    for (const f of files) {
      const text = contentOf(join(out, f)).toLowerCase();
      for (const form of FORMS) if (text.includes(form.toLowerCase())) found.push(`${f}: ${form}`);
    }
    expect(found).toEqual([]);
  });

  it('is not in the record index, which is built from the current rows and finds the current value', async () => {
    const dir = join(out, RECORD_INDEX_DIR);
    const load: IndexLoader = async (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    expect((await searchRecords('影响河道水质', load)).results.map((r) => r.record.key)).toContain('GS-2019-005');
    for (const q of [NAME, PHONE, ID_CARD, LATIN, GONE_TITLE, 'GS-2019-098']) expect((await searchRecords(q, load)).results, q).toEqual([]);
    const files = listFiles(dir);
    expect(files).toContain('manifest.json');
    const found = files.flatMap((f) => {
      const text = contentOf(join(dir, f)).toLowerCase();
      return FORMS.filter((form) => text.includes(form.toLowerCase())).map((form) => `${f}: ${form}`);
    });
    expect(found).toEqual([]);
  });

  it('still shows the correction as a change, with what was withheld and why', () => {
    const lines = readHtml(out, 'problems/GS-2019-005/index.html')
      .querySelectorAll('[data-record-changes] [data-change]')
      .map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(lines.some((l) => l.startsWith('2020-01-11 问题描述：已隐去：个人信息 → 东村河南岸堆积大量生活垃圾'))).toBe(true);
    // The current value is what the editors publish: shown in full.
    expect(compactText(readHtml(out, 'problems/GS-2019-005/index.html').querySelector('main')!)).toContain(FIXED);
  });

  it('keeps a record withheld as a whole at its address, with only its key, the dates and the reason', () => {
    const page = readHtml(out, 'problems/GS-2019-098/index.html');
    expect(page.querySelector('[data-withheld]')?.getAttribute('data-withheld')).toBe('个人信息');
    expect(compactText(page.querySelector('h1')!)).toBe('GS-2019-098');
    expect(page.querySelector('.last-content')).toBeNull();
    expect(page.querySelector('[data-removed]')?.getAttribute('data-removed')).toBe('2020-01-12');
  });

  it('lists the changes on /changes/ and in its feed without the value or the commit message that quoted it', () => {
    const changes = compactText(readHtml(out, 'changes/index.html').querySelector('main')!);
    expect(changes).toContain('GS-2019-098');
    expect(changes).toContain('已隐去');
    expect(changes).toContain('提交说明中含有已隐去的内容');
    expect(readFileSync(join(out, 'changes.xml'), 'utf8')).toContain('已隐去：个人信息');
  });

  it('offers no link to a file version that holds a withheld value', () => {
    const card = readHtml(out, 'data/index.html');
    const short = (id: string) => repo.git(['rev-parse', '--short', id]);
    const version = (id: string) => card.querySelector(`section#problems [data-versions] [data-version="${id}"]`);
    for (const id of [ids.leak!, ids.fix!]) {
      // the leaking version, and the one that still held the deleted record
      const v = version(id)!;
      expect(v, short(id)).not.toBeNull();
      expect(v.querySelector('[data-version-withheld]'), short(id)).not.toBeNull();
      expect(
        v
          .querySelectorAll('a')
          .map((a) => a.getAttribute('href'))
          .filter((h) => h?.startsWith(REPO_URL)),
      ).toEqual([]);
    }
    const clean = version(ids.remove!)!;
    expect(clean.querySelector('[data-version-withheld]')).toBeNull();
    expect(clean.querySelector(`a[href^="${REPO_URL}"]`)).not.toBeNull();
  });

  it('reports a rule that withholds nothing in the build log, by line', () => {
    expect(log).toContain('redactions.csv:4：在数据的修改历史中没有找到要隐去的内容（problems 表 GS-2019-001 的 title 列）');
  });
});
