/** Tables checked by the build before, kept between incremental builds (src/build/validation-cache.ts). */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDatasetInput } from '../../src/build/read-dataset.ts';
import { codeVersion, validationCache } from '../../src/build/validation-cache.ts';
import { validateDataset, type TableCache, type ValidationResult } from '../../src/lib/validation/validate.ts';
import { FIXTURE, ROOT } from '../helpers/paths.ts';

describe('the tables an incremental build checked before', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const temp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  /** A copy of the valid fixture and a cache folder. */
  const setup = () => {
    const site = temp('gushan-vcache-site-');
    cpSync(FIXTURE, site, { recursive: true });
    return { site, cacheDir: temp('gushan-vcache-') };
  };
  /** The cache, counting the tables it gave back. */
  const counted = (cacheDir: string, version = 'v1') => {
    const inner = validationCache(cacheDir, version);
    const hits: string[] = [];
    const cache: TableCache = {
      get: (...a) => {
        const r = inner.get(...a);
        if (r) hits.push(a[0].name);
        return r;
      },
      set: (...a) => inner.set(...a),
    };
    return { cache, hits };
  };
  const check = (site: string, tableCache?: TableCache, today = '2026-01-15') =>
    validateDataset({ ...readDatasetInput({ dataDir: join(site, 'data'), contentDir: join(site, 'content'), today }), tableCache });
  /** What pages get of each table. */
  const tables = (r: ValidationResult) =>
    [...r.tables.values()].map((t) => ({
      name: t.def.name,
      file: t.file,
      decoded: t.decoded,
      rows: t.rows,
      referable: t.referable,
      letters: t.letters,
      keys: t.keys,
    }));
  const edit = (site: string, table: string, from: string, to: string) => {
    const p = join(site, 'data', `${table}.csv`);
    const text = readFileSync(p, 'utf8');
    expect(text).toContain(from);
    writeFileSync(p, text.replace(from, to));
  };

  it('gives back every table unchanged since, as checking it again would find it', () => {
    const { site, cacheDir } = setup();
    const fresh = check(site);
    expect(fresh.issues).toEqual([]);
    const first = counted(cacheDir);
    expect(tables(check(site, first.cache))).toEqual(tables(fresh));
    expect(first.hits).toEqual([]);
    const second = counted(cacheDir);
    const again = check(site, second.cache);
    expect(second.hits.length).toBe(fresh.tables.size);
    expect(again.issues).toEqual([]);
    expect(tables(again)).toEqual(tables(fresh));
    // The bytes are the file's as read now, not a copy kept beside the result.
    expect(again.tables.get('villages')!.bytes).toEqual(readFileSync(join(site, 'data/villages.csv')));
  });

  it('checks again the table whose bytes changed, and only it', () => {
    const { site, cacheDir } = setup();
    check(site, counted(cacheDir).cache);
    edit(site, 'problems', '河道沿岸生活垃圾堆积', '河道沿岸生活垃圾堆积（已核实）');
    const { cache, hits } = counted(cacheDir);
    const r = check(site, cache);
    expect(hits).not.toContain('problems');
    expect(hits.length).toBe(r.tables.size - 1);
    expect(tables(r)).toEqual(tables(check(site)));
  });

  it('keeps no table with a problem, so its message is given every time', () => {
    const { site, cacheDir } = setup();
    edit(site, 'problems', ',2019-08-22,', ',2019-13-22,');
    const messages = check(site).issues.map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);
    check(site, counted(cacheDir).cache);
    const { cache, hits } = counted(cacheDir);
    expect(check(site, cache).issues.map((i) => i.message)).toEqual(messages);
    expect(hits).not.toContain('problems');
  });

  it('still finds a reference a kept table makes to a row removed since', () => {
    const { site, cacheDir } = setup();
    check(site, counted(cacheDir).cache);
    const villages = join(site, 'data/villages.csv');
    writeFileSync(
      villages,
      readFileSync(villages, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('dongcun,'))
        .join('\n'),
    );
    const { cache, hits } = counted(cacheDir);
    const r = check(site, cache);
    expect(hits).toContain('problems');
    expect(r.issues.filter((i) => i.code === 'E060' && i.file.endsWith('problems.csv')).map((i) => i.value)).toContain('dongcun');
    expect(r.issues).toEqual(check(site).issues);
  });

  it('checks every table again for other code, another day, or a kept file it cannot read', () => {
    const { site, cacheDir } = setup();
    check(site, counted(cacheDir, 'v1').cache);
    const other = counted(cacheDir, 'v2');
    check(site, other.cache);
    expect(other.hits).toEqual([]);
    const day = counted(cacheDir, 'v2');
    check(site, day.cache, '2026-01-16');
    expect(day.hits).toEqual([]);
    writeFileSync(join(cacheDir, 'villages.v8'), 'not what was written');
    const broken = counted(cacheDir, 'v2');
    const r = check(site, broken.cache, '2026-01-16');
    expect(broken.hits).not.toContain('villages');
    expect(r.issues).toEqual([]);
  });

  it('knows the code by every source file and the lockfile', () => {
    const root = temp('gushan-vcache-code-');
    expect(codeVersion(root)).toBeUndefined();
    cpSync(join(ROOT, 'src/lib/validation'), join(root, 'src/lib/validation'), { recursive: true });
    cpSync(join(ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
    const before = codeVersion(root);
    expect(before).toMatch(/^[\w-]{43}$/);
    expect(codeVersion(root)).toBe(before);
    const file = join(root, 'src/lib/validation/validate.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// changed\n`);
    expect(codeVersion(root)).not.toBe(before);
  });
});
