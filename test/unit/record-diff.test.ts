import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffKeys, diffTable, isEmptyDiff, keyId, readSnapshot, rowOf, rowsOf, type Snapshot } from '../../src/lib/history/record-diff.ts';
import * as reference from '../helpers/record-diff-reference.ts';
import { columnTitle } from '../../src/schemas/table.ts';
import { problems } from '../../src/schemas/problems.ts';
import { creditRatings } from '../../src/schemas/credit-ratings.ts';
import { villages } from '../../src/schemas/villages.ts';
import { ROOT } from '../helpers/paths.ts';

const HEADER = 'id,name,kind';
const V1 = `${HEADER}\ndongcun,东村,村\nnanxiang,南巷村,村\nxishe,西社区,社区\n`;
const bytes = (s: string) => new TextEncoder().encode(s);

describe('diffTable: records by primary key', () => {
  it('reports rows added, removed and changed, with each changed field old → new', () => {
    const v2 = `${HEADER}\ndongcun,东村村,村\nxishe,西社区,村\nbeicun,北村,村\n`;
    const d = diffTable(villages, V1, v2);
    expect(d.added.map((r) => r.key)).toEqual([['beicun']]);
    expect(d.added[0]!.values.name).toBe('北村');
    expect(d.removed.map((r) => r.key)).toEqual([['nanxiang']]);
    expect(d.removed[0]!.values).toEqual({ id: 'nanxiang', name: '南巷村', kind: '村' }); // the last content
    expect(d.changed).toEqual([
      { key: ['dongcun'], fields: [{ column: 'name', from: '东村', to: '东村村' }], values: { id: 'dongcun', name: '东村村', kind: '村' } },
      { key: ['xishe'], fields: [{ column: 'kind', from: '社区', to: '村' }], values: { id: 'xishe', name: '西社区', kind: '村' } },
    ]);
    expect(d.columns).toEqual({ added: [], removed: [] });
    expect(d.unreadable).toBeUndefined();
  });

  it('does not see a change in reordered rows, a BOM, CRLF line ends or quotes Excel adds', () => {
    const lines = V1.trim().split('\n');
    const reordered = [lines[0], lines[3], lines[1], lines[2]].join('\n');
    expect(isEmptyDiff(diffTable(villages, V1, reordered))).toBe(true);
    expect(isEmptyDiff(diffTable(villages, bytes(V1), bytes(`\ufeff${V1.replace(/\n/g, '\r\n')}`)))).toBe(true);
    expect(isEmptyDiff(diffTable(villages, V1, V1.replace('东村,村', '"东村","村"')))).toBe(true);
  });

  it('reads a quoted line break as part of the cell, and CRLF inside it as LF', () => {
    const head =
      'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url';
    const row = (desc: string, status: string) => `GS-2017-001,2017-03-14,信访举报,,东村河,水,偷排,"${desc}",属实,,环保办,,${status},,,,,`;
    const a = `${head}\n${row('第一行\n第二行', '整改中')}\n`;
    expect(isEmptyDiff(diffTable(problems, a, a.replace(/\n/g, '\r\n')))).toBe(true);
    const d = diffTable(problems, a, `${head}\n${row('第一行\n第二行（补充）', '已整改')}\n`);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.fields).toEqual([
      { column: 'description', from: '第一行\n第二行', to: '第一行\n第二行（补充）' },
      { column: 'status', from: '整改中', to: '已整改' },
    ]);
  });

  it('reports a column added to the header once, and per row only the cells filled in', () => {
    const old = 'id,name\nx1,甲\nx2,乙\n';
    const now = 'id,kind,name,note\nx1,,甲,\nx2,社区,乙,\n';
    const d = diffTable(villages, old, now);
    expect(d.columns).toEqual({ added: ['kind', 'note'], removed: [] });
    expect(d.changed).toEqual([{ key: ['x2'], fields: [{ column: 'kind', from: '', to: '社区' }], values: { id: 'x2', name: '乙', kind: '社区', note: '' } }]);
    const back = diffTable(villages, now, old);
    expect(back.columns).toEqual({ added: [], removed: ['kind', 'note'] });
    expect(back.changed.map((c) => c.fields)).toEqual([[{ column: 'kind', from: '社区', to: '' }]]);
  });

  it('sees a renamed key as a removal and an addition, and keys composite keys on every column', () => {
    const d = diffTable(villages, V1, V1.replace('nanxiang,', 'nanxiangcun,'));
    expect(d.removed.map((r) => r.key)).toEqual([['nanxiang']]);
    expect(d.added.map((r) => r.key)).toEqual([['nanxiangcun']]);
    const h = 'uscc,period,rating,score,basis';
    const r = diffTable(creditRatings, `${h}\nA,2018,绿,,\nA,2019-H1,蓝,,\n`, `${h}\nA,2018,绿,,\nA,2019-H1,黄,,\n`);
    expect(r.changed.map((c) => [c.key, c.fields])).toEqual([[['A', '2019-H1'], [{ column: 'rating', from: '蓝', to: '黄' }]]]);
  });

  it('reads Chinese column titles as the column names (as the validator does)', () => {
    const titled = V1.replace(
      HEADER,
      HEADER.split(',')
        .map((c) => columnTitle(villages, c))
        .join(','),
    );
    expect(titled).not.toContain('name_en');
    const snap = readSnapshot(villages, titled);
    expect(snap.ok && snap.columns).toEqual(HEADER.split(','));
    expect(isEmptyDiff(diffTable(villages, V1, titled))).toBe(true);
  });

  it('never throws on versions that no longer validate: reports what it can', () => {
    // Duplicated key: the first row counts, the duplicate is named.
    const dup = `${V1}dongcun,东村二,村\n`;
    const d = diffTable(villages, V1, dup);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.notes).toEqual(['主键重复，只比较第一行：dongcun']);
    // Short rows and rows without a key.
    const short = diffTable(villages, V1, `${HEADER}\ndongcun\n,无编号\nnanxiang,南巷村,村\nxishe,西社区,社区\n`);
    expect(short.changed[0]!.fields).toEqual([
      { column: 'name', from: '东村', to: '' },
      { column: 'kind', from: '村', to: '' },
    ]);
    expect(short.notes).toEqual(['1 行没有主键（id），没有比较']);
    // The key column missing, an empty file, GBK bytes: unreadable, with the reason, no rows.
    expect(diffTable(villages, V1, 'name,kind\n东村,村\n')).toMatchObject({ unreadable: { side: 'new', reason: '缺少主键列 id' }, added: [], removed: [] });
    expect(diffTable(villages, '', V1).unreadable).toEqual({ side: 'old', reason: '文件是空的' });
    expect(diffTable(villages, V1, new Uint8Array([0x69, 0x64, 0x0a, 0xb6, 0xab, 0xb4, 0xe5, 0x0a])).unreadable?.reason).toBe(
      '文件是 GBK/GB18030 编码，不是 UTF-8',
    );
    // An absent file is an empty table: everything added, or everything removed.
    expect(diffTable(villages, undefined, V1).added).toHaveLength(3);
    expect(diffTable(villages, V1, undefined).removed).toHaveLength(3);
    expect(diffTable(villages, V1, undefined).columns).toEqual({ added: [], removed: [] });
  });

  it('never throws on arbitrary text, and a version compared with itself is empty (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'id', '东', ' ', '\ufeff') }),
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', 'id', 'x') }),
        (a, b) => {
          const d = diffTable(villages, a, b);
          expect(d.table).toBe('villages');
          expect(isEmptyDiff(diffTable(villages, a, a)) || diffTable(villages, a, a).unreadable !== undefined).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds exactly the rows a random edit changed (property)', () => {
    const row = fc.record({ id: fc.stringMatching(/^[a-z]{1,4}$/), name: fc.string({ unit: fc.constantFrom('东', '村', ',', '"', '\n', 'a') }) });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 12 }), fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 12 }), (a, b) => {
        const csv = (rs: Array<{ id: string; name: string }>) => `id,name\n${rs.map((r) => `${r.id},"${r.name.replace(/"/g, '""')}"`).join('\n')}\n`;
        const d = diffTable(villages, csv(a), csv(b));
        const ids = (rs: Array<{ id: string }>) => new Set(rs.map((r) => r.id));
        expect(new Set(d.added.map((r) => r.key[0]))).toEqual(new Set([...ids(b)].filter((x) => !ids(a).has(x))));
        expect(new Set(d.removed.map((r) => r.key[0]))).toEqual(new Set([...ids(a)].filter((x) => !ids(b).has(x))));
        const changed = b.filter((r) => a.some((o) => o.id === r.id && o.name.replace(/\r\n?/g, '\n') !== r.name.replace(/\r\n?/g, '\n')));
        expect(d.changed.map((c) => c.key[0]).sort()).toEqual(changed.map((r) => r.id).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('reads and compares versions as reading every row into a row does (property)', () => {
    const unit = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r\n', 'id', 'name', 'kind', '东', ' ', ';', '\t');
    const versions = fc.oneof(
      fc.string({ unit }).map((t) => `id,name,kind\n${t}`),
      fc.string({ unit }).map((t) => `id,name\n${t}`),
      // Saved by Excel with semicolons or tabs: read with that delimiter.
      fc.string({ unit }).map((t) => `id;name;kind\n${t}`),
      fc.string({ unit }).map((t) => `id\tname\tkind\n${t}`),
      fc.string({ unit }),
    );
    const rows = (s: Snapshot) => (s.ok ? { columns: s.columns, rows: [...rowsOf(s)], notes: s.notes } : s);
    const was = (s: ReturnType<typeof reference.readSnapshot>) =>
      s.ok ? { columns: s.columns, rows: s.order.map((id) => [id, s.records.get(id)!]), notes: s.notes } : s;
    fc.assert(
      fc.property(versions, versions, (a, b) => {
        expect(rows(readSnapshot(villages, b))).toEqual(was(reference.readSnapshot(villages, b)));
        expect(diffTable(villages, a, b)).toEqual(reference.diffTable(villages, a, b));
        // What the history keeps: the added records by key, the rest as the diff has it.
        const { added, ...rest } = diffKeys(villages, readSnapshot(villages, a), readSnapshot(villages, b));
        const full = reference.diffTable(villages, a, b);
        expect({ added, ...rest }).toEqual({ ...full, added: full.added.map((r) => keyId(r.key)) });
      }),
      { numRuns: 600 },
    );
    // A broken quote: read whole, recovering as the validator does (the rows after it still count).
    const broken = readSnapshot(villages, 'id,name\nx1,"甲\nx2,乙\n');
    expect(broken.ok && [...broken.records.keys()]).toEqual(['x2']);
    // Kept as text: a record is read into a row only when asked for.
    const kept = readSnapshot(villages, 'id,name\nx1,"甲,乙"\nx2,丙\n');
    expect(kept.ok && [...kept.records.values()]).toEqual(['x1,"甲,乙"', 'x2,丙']);
    expect(kept.ok && rowOf(kept, 'x1')).toEqual({ key: ['x1'], values: { id: 'x1', name: '甲,乙' } });
  });

  it('keys records by their key values', () => {
    expect(keyId(['a', 'b'])).not.toBe(keyId(['a,b']));
  });

  it('is pure, like the modules of the history it shares with the reader: no Node APIs', () => {
    for (const f of ['record-diff.ts', 'record-history.ts', 'diff-report.ts']) {
      expect(readFileSync(join(ROOT, 'src/lib/history', f), 'utf8'), f).not.toMatch(/from 'node:|process\./);
    }
  });
});
