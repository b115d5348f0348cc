import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, HOSTILE_LONG, HOSTILE_PAYLOADS, VALID, brokenFixtures, materialise, materialiseHostile, readPatch } from '../helpers/fixtures.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { applyCsvOp, parseCsv, patchFile, writeCsv, type Op } from '../helpers/fixture-patch.ts';
import { OUTPUT } from '../helpers/paths.ts';

const CSVS = readdirSync(join(VALID, 'data')).filter((f) => f.endsWith('.csv'));
const problems = readFileSync(join(VALID, 'data/problems.csv'));
const lines = (b: Buffer | undefined) => b!.toString('utf8').split('\n');
const patch = (ops: Op[], before = problems, path = 'data/problems.csv') => patchFile(path, before, { ops });

describe('broken fixtures are patches, not copies', () => {
  it('holds one .yaml patch per fixture and no copied files', () => {
    expect(readdirSync(BROKEN).filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    for (const name of brokenFixtures()) expect(readPatch(name).about.length, name).toBeGreaterThan(10);
  });

  it('names no table by its whole header line', () => {
    const headers = CSVS.map((f) => readFileSync(join(VALID, 'data', f), 'utf8').split('\n')[0]!);
    for (const name of brokenFixtures()) {
      const text = readFileSync(join(BROKEN, `${name}.yaml`), 'utf8');
      for (const h of headers) expect(text.includes(h), `${name}.yaml contains the header ${h}`).toBe(false);
    }
  });

  it('need no edit when a column is added to a table of the valid fixture', () => {
    // A copy of valid with an optional column "extra" inserted in every table (second place).
    const base = join(OUTPUT, 'fixtures-extra-column');
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    cpSync(VALID, base, { recursive: true });
    const addExtra = (text: string) => {
      const m = parseCsv(text);
      m.header.splice(1, 0, 'extra');
      m.rows = m.rows.map((r) => ('cells' in r ? { cells: [...r.cells.slice(0, 1), '', ...r.cells.slice(1)] } : r));
      return writeCsv(m).text;
    };
    for (const f of CSVS) writeFileSync(join(base, 'data', f), addExtra(readFileSync(join(VALID, 'data', f), 'utf8')));
    const dropExtra = (text: string) => {
      const m = parseCsv(text);
      applyCsvOp(m, { removeColumn: 'extra' });
      return writeCsv(m).text;
    };

    for (const name of brokenFixtures()) {
      const p = readPatch(name);
      const plain = materialise(name);
      const expected = new Map(CSVS.filter((f) => !p.files[`data/${f}`]?.missing).map((f) => [f, readFileSync(join(plain, 'data', f), 'utf8')] as const));
      const extra = materialise(name, base); // every patch still applies
      for (const f of expected.keys()) {
        const fp = p.files[`data/${f}`];
        // Raw lines and re-encoded bytes are not CSV rows of the new shape; the rest must be.
        const rawText =
          fp &&
          (fp.encode || fp.bom || fp.crlf || fp.missing || fp.content !== undefined || fp.ops?.some((o) => 'raw' in o || 'bytes' in o || 'insertLines' in o));
        if (rawText) continue;
        expect(dropExtra(readFileSync(join(extra, 'data', f), 'utf8')), `${name}: ${f}`).toBe(expected.get(f));
      }
    }
  });
});

describe('patch operations', () => {
  it('set changes one cell on the line of that row and nothing else (after a two-line row)', () => {
    const after = lines(patch([{ set: { row: 'GS-2018-001', column: 'status', value: '已完成' } }]));
    const before = lines(problems);
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((l, k) => (l === before[k] ? [] : [k + 1]));
    expect(changed).toEqual([4]);
    expect(after[3]).toBe(before[3]!.replace(',整改中,', ',已完成,'));
  });

  it('quotes a set value when needed and keeps the other rows byte for byte', () => {
    const after = lines(patch([{ set: { row: 'GS-2018-001', column: 'title', value: '说"焚烧",垃圾' } }]));
    expect(after[3]).toContain(',"说""焚烧"",垃圾",');
    expect(after.slice(0, 3)).toEqual(lines(problems).slice(0, 3));
  });

  it('finds a row by several columns and refuses a reference that is ambiguous or matches nothing', () => {
    const ratings = readFileSync(join(VALID, 'data/credit-ratings.csv'));
    const set = (row: string | Record<string, string>) =>
      patchFile('data/credit-ratings.csv', ratings, { ops: [{ set: { row, column: 'score', value: '9' } }] });
    expect(lines(set({ uscc: '91110000600037341L', period: '2019-H1' }))[2]).toContain(',红色,9,');
    expect(() => set('91110000600037341L')).toThrow(/matches 3 rows/);
    expect(() => set('nobody')).toThrow(/matches 0 rows/);
    expect(() => patch([{ set: { row: 'GS-2018-001', column: 'nope', value: '' } }])).toThrow(/no column “nope”/);
  });

  it('inserts a row after a named row, values by column name, the others empty', () => {
    const villages = readFileSync(join(VALID, 'data/villages.csv'));
    const after = lines(patchFile('data/villages.csv', villages, { ops: [{ insert: { after: 'dongcun', values: { kind: '村', id: 'nancun' } } }] }));
    expect(after.slice(0, 4)).toEqual(['id,name,kind', 'dongcun,东村,村', 'nancun,,村', 'xishequ,西社区,社区']);
  });

  it('removes, renames, duplicates and adds header columns with their cells', () => {
    const villages = readFileSync(join(VALID, 'data/villages.csv'));
    const first = (ops: Op[]) => lines(patchFile('data/villages.csv', villages, { ops })).slice(0, 2);
    expect(first([{ removeColumn: 'name' }])).toEqual(['id,kind', 'dongcun,村']);
    expect(first([{ renameColumn: { from: 'kind', to: 'type' } }])).toEqual(['id,name,type', 'dongcun,东村,村']);
    expect(first([{ duplicateColumn: 'id' }])).toEqual(['id,name,kind,id', 'dongcun,东村,村,dongcun']);
    expect(first([{ addColumn: { name: 'n', values: { dongcun: 5 } } }])).toEqual(['id,name,kind,n', 'dongcun,东村,村,5']);
  });

  it('writes raw cells, raw lines and raw bytes as given', () => {
    const villages = readFileSync(join(VALID, 'data/villages.csv'));
    const out = patchFile('data/villages.csv', villages, {
      ops: [
        { raw: { row: 'dongcun', column: 'name', text: '"东村' } },
        { insertLines: { after: 'header', lines: ['a,b'] } },
        { bytes: { row: 'xishequ', column: 'name', hex: 'ff00' } },
      ],
    })!;
    expect(out.toString('utf8').startsWith('id,name,kind\na,b\ndongcun,"东村,村\nxishequ,')).toBe(true);
    expect(out.includes(Buffer.from(',\xff\x00,', 'latin1'))).toBe(true);
  });

  it('encodes GBK, UTF-16 with a byte-order mark and CRLF', () => {
    const villages = readFileSync(join(VALID, 'data/villages.csv'));
    const gbk = patchFile('data/villages.csv', villages, { encode: 'gbk' })!;
    expect(gbk.includes(Buffer.from('dongcun,\xb6\xab\xb4\xe5,\xb4\xe5\n', 'latin1'))).toBe(true);
    expect(new TextDecoder('gbk').decode(gbk)).toBe(villages.toString('utf8'));
    const utf16 = patchFile('data/villages.csv', villages, { encode: 'utf-16le', bom: true })!;
    expect([...utf16.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x69, 0x00]);
    expect(patchFile('data/villages.csv', villages, { crlf: true })!.toString('utf8')).toBe(villages.toString('utf8').replaceAll('\n', '\r\n'));
  });

  it('replaces text in a plan exactly once', () => {
    const plan = readFileSync(join(VALID, 'content/plan/mini.md'));
    expect(patchFile('content/plan/mini.md', plan, { ops: [{ replace: { find: '{#s2}', with: '{#s9}' } }] })!.toString('utf8')).toContain(
      '## 二、工作措施 {#s9}',
    );
    expect(() => patchFile('content/plan/mini.md', plan, { ops: [{ replace: { find: '{#s', with: '' } }] })).toThrow(/occurs 3 times/);
  });
});

describe('the hostile fixture', () => {
  it('is valid data with a payload in every free-text column of every table', () => {
    const dir = materialiseHostile();
    expect(validateDirs({ dataDir: `${dir}/data`, contentDir: `${dir}/content`, cwd: dir }).issues).toEqual([]);
    for (const table of ALL_TABLES) {
      const m = parseCsv(readFileSync(join(dir, 'data', `${table.name}.csv`), 'utf8'));
      for (const [name, meta] of Object.entries(table.columns)) {
        if (meta.type !== 'string' || meta.enum || meta.pattern || meta.format) continue;
        const k = m.header.indexOf(name);
        const cells = m.rows.map((r) => ('cells' in r ? String(r.cells[k]) : ''));
        expect(
          cells.some((c) => c === HOSTILE_LONG || HOSTILE_PAYLOADS.some((p) => c.endsWith(p))),
          `${table.name}.${name}`,
        ).toBe(true);
      }
    }
  });
});
