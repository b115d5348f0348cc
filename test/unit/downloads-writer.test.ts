/** The downloads the build writes itself, on a thread of their own, a piece at a time (src/build/downloads.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLoopUtilization } from 'node:perf_hooks';
import {
  forgetProvidedDownloads,
  isSafeDownloadPath,
  providedDownloads,
  provideDownloads,
  whenDownloadsProvided,
  writeDownloads,
  type DownloadFile,
} from '../../src/build/downloads.ts';
import { downloadPieces, type DownloadContent } from '../../src/lib/publishing/downloads.ts';

describe('the downloads written by the build', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'gushan-downloads-'));
    dirs.push(d);
    return d;
  };

  const bytes = (text: string) => new TextEncoder().encode(text);
  /** A download whose content counts how often it is asked for. */
  function download(path: string, key: string, content: DownloadContent): DownloadFile & { reads: number } {
    const f = { path, key, reads: 0, content: () => (f.reads++, content) };
    return f;
  }
  /** A plain file of `text`. */
  const file = (path: string, key: string, text: string) => download(path, key, { kind: 'bytes', bytes: bytes(text) });
  /** What the dev server sends for a content: the text the thread must write. */
  const expected = (c: DownloadContent) => Buffer.concat([...downloadPieces(c)].map((p) => (typeof p === 'string' ? bytes(p) : p))).toString('utf8');

  it('writes each kind of content as the dev server sends it, into folders it makes', async () => {
    const out = temp();
    const columns = ['id', '标题', '罚款', '类别'];
    const records = [
      { id: 'GS-1', 标题: '渣土车\n夜间倾倒', 罚款: 1.5, 类别: ['水', '大气'] },
      { id: 'GS-2', 标题: '"引号",逗号', 罚款: null, 类别: [] },
      { id: 'GS-3', 标题: undefined, 罚款: 0, 类别: ['其他'] },
    ];
    const contents: Record<string, DownloadContent> = {
      'data/problems.csv': { kind: 'bytes', bytes: bytes('id,标题\nGS-1,渣土车\n') },
      'data/problems-excel.csv': {
        kind: 'excel-csv',
        csv: bytes('id,标题,罚款,日期\nGS-1,=1+1,007,2019-01-02\nGS-2,"a\nb",-0.5,2019-1-2\n'),
        columns: { 罚款: 'number', 日期: 'date' },
      },
      'data/problems.json': { kind: 'json', columns, records },
      'data/empty.json': { kind: 'json', columns, records: [] },
      'credit/period/2019-H1.csv': { kind: 'bytes', bytes: new Uint8Array(0) },
    };
    const r = await writeDownloads(
      out,
      Object.entries(contents).map(([path, c]) => download(path, 'k', c)),
    );
    expect(r).toEqual({ written: Object.keys(contents), kept: [] });
    for (const [path, c] of Object.entries(contents)) expect(readFileSync(join(out, path), 'utf8'), path).toBe(expected(c));
    expect(JSON.parse(readFileSync(join(out, 'data/problems.json'), 'utf8'))[2]).toEqual({ id: 'GS-3', 标题: null, 罚款: 0, 类别: ['其他'] });
    // Nothing half-written is left beside them.
    expect(readdirSync(join(out, 'data')).sort()).toEqual(['empty.json', 'problems-excel.csv', 'problems.csv', 'problems.json']);
  });

  it('a JSON download of many records, sent to the thread a group at a time: the same text as written whole', async () => {
    const out = temp();
    const columns = ['id', '说明', 'n'];
    // Groups of 2,000: none, one, exactly one, one and a bit, several.
    for (const count of [1, 1999, 2000, 2001, 9001]) {
      const records = Array.from({ length: count }, (_, i) => ({ id: `GS-${i}`, 说明: '水'.repeat(i % 50), n: i / 7 }));
      const c: DownloadContent = { kind: 'json', columns, records };
      await writeDownloads(out, [download(`data/big-${count}.json`, 'k', c)]);
      const text = readFileSync(join(out, `data/big-${count}.json`), 'utf8');
      expect(text, String(count)).toBe(expected(c));
      expect(text).toBe(`${JSON.stringify(records, null, 1)}\n`);
    }
  });

  it("a file that is a view of a larger buffer (a table read from git with others) is written as the view's bytes", async () => {
    const out = temp();
    const whole = bytes('前面的别的文件|a,b\n1,2\n|后面的');
    const start = whole.indexOf('|'.charCodeAt(0)) + 1;
    const view = whole.subarray(start, whole.lastIndexOf('|'.charCodeAt(0)));
    await writeDownloads(out, [
      download('data/a.csv', 'k', { kind: 'bytes', bytes: view }),
      download('data/a-excel.csv', 'k', { kind: 'excel-csv', csv: view, columns: {} }),
    ]);
    expect(readFileSync(join(out, 'data/a.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(readFileSync(join(out, 'data/a-excel.csv'), 'utf8')).toBe(expected({ kind: 'excel-csv', csv: bytes('a,b\n1,2\n'), columns: {} }));
  });

  it('encodes on a thread of its own: the main thread stays free while a large table is written', async () => {
    const out = temp();
    const rows = Array.from({ length: 150_000 }, (_, i) => `GS-${i},=SUM(A${i}),${i}.5,2019-01-02,913202810000000E12`).join('\n');
    const c: DownloadContent = { kind: 'excel-csv', csv: bytes(`id,a,n,d,code\n${rows}\n`), columns: { n: 'number', d: 'date' } };
    const before = eventLoopUtilization();
    let finished = false;
    const writing = writeDownloads(out, [download('data/big-excel.csv', 'k', c)]).finally(() => (finished = true));
    // The thread runs below the main thread (nice 10), which renders the pages meanwhile, and above the copies' (19).
    const nicedThreads = () =>
      readdirSync('/proc/self/task').filter((t) => readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16] === '10');
    let sawNiced = false;
    while (!finished && !(sawNiced = nicedThreads().length > 0)) await new Promise((r) => setTimeout(r, 5));
    await writing;
    const busy = eventLoopUtilization(before);
    expect(sawNiced).toBe(true);
    // Encoded on the main thread, it would have kept it busy nearly all the while (a utilization near 1).
    expect(busy.utilization).toBeLessThan(0.5);
    expect(readFileSync(join(out, 'data/big-excel.csv'), 'utf8')).toBe(expected(c));
  });

  it('keeps a file whose key and file are those it last wrote, and writes it again otherwise', async () => {
    const out = temp();
    const record = join(temp(), 'cache', 'gushan-downloads.json');
    const first = [file('data/a.csv', 'a1', 'a\n'), file('data/b.csv', 'b1', 'b\n'), file('data/c.csv', 'c1', 'c\n')];
    expect((await writeDownloads(out, first, record)).written).toEqual(['data/a.csv', 'data/b.csv', 'data/c.csv']);
    const before = statSync(join(out, 'data/a.csv'), { bigint: true }).mtimeNs;

    // b's key changed; c was touched by something else since (another time, the same length).
    utimesSync(join(out, 'data/c.csv'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    const second = [file('data/a.csv', 'a1', 'a\n'), file('data/b.csv', 'b2', 'B\n'), file('data/c.csv', 'c1', 'c\n')];
    const r = await writeDownloads(out, second, record);
    expect(r).toEqual({ written: ['data/b.csv', 'data/c.csv'], kept: ['data/a.csv'] });
    expect(second[0]!.reads).toBe(0);
    expect(statSync(join(out, 'data/a.csv'), { bigint: true }).mtimeNs).toBe(before);
    expect(readFileSync(join(out, 'data/b.csv'), 'utf8')).toBe('B\n');

    // A file gone from the output, or a record of another kind or unreadable, is written again.
    rmSync(join(out, 'data/a.csv'));
    expect((await writeDownloads(out, second, record)).written).toEqual(['data/a.csv']);
    writeFileSync(record, '{"kind":"downloads-0","files":{}}');
    expect((await writeDownloads(out, second, record)).written).toHaveLength(3);
    writeFileSync(record, 'not json');
    expect((await writeDownloads(out, second, record)).written).toHaveLength(3);
  });

  it('without a record (a clean build) writes every file', async () => {
    const out = temp();
    const files = [file('data/a.csv', 'a1', 'a\n')];
    await writeDownloads(out, files);
    expect((await writeDownloads(out, files)).written).toEqual(['data/a.csv']);
  });

  it('never writes outside the output, nor one path twice', async () => {
    const out = temp();
    for (const bad of ['../x.csv', 'data/../../x.csv', '/etc/x.csv', 'data/./x.csv', 'data//x.csv', '', 'data/', 'data\\x.csv', 'data/x y.csv', 'data/.']) {
      expect(isSafeDownloadPath(bad), bad).toBe(false);
      await expect(writeDownloads(out, [file(bad, 'k', 'x')]), bad).rejects.toThrow(/is not a relative path of plain names/);
    }
    for (const good of ['data/problems.json', 'credit/period/2019-H1-excel.csv', 'data/indicator-progress.csv'])
      expect(isSafeDownloadPath(good), good).toBe(true);
    await expect(writeDownloads(out, [file('data/a.csv', 'k', 'x'), file('data/a.csv', 'k', 'y')])).rejects.toThrow(/two downloads are written to data\/a.csv/);
    expect(existsSync(join(out, '..', 'x.csv'))).toBe(false);
  });

  it('a record that fails to encode leaves no file behind, the file before it in place, and names the error', async () => {
    const out = temp();
    await writeDownloads(out, [file('data/a.json', 'k1', 'old')]);
    // The third group holds a value JSON cannot write (a thread can be sent it, JSON.stringify refuses it).
    const records: Record<string, unknown>[] = Array.from({ length: 5000 }, (_, i) => ({ id: i }));
    records[4500] = { id: 10n };
    const failing = download('data/a.json', 'k2', { kind: 'json', columns: ['id'], records });
    await expect(writeDownloads(out, [failing, file('data/b.csv', 'k', 'b')])).rejects.toThrow(/BigInt/);
    expect(readFileSync(join(out, 'data/a.json'), 'utf8')).toBe('old');
    expect(readdirSync(join(out, 'data'))).toEqual(['a.json']);
    // The next build's thread writes it once it encodes.
    records[4500] = { id: 10 };
    await writeDownloads(out, [failing]);
    expect(JSON.parse(readFileSync(join(out, 'data/a.json'), 'utf8'))).toHaveLength(5000);
  });

  it('tells each file as it is written, with its size (the compressed copies begin it at once)', async () => {
    const out = temp();
    const told: Array<[string, number]> = [];
    const record = join(temp(), 'gushan-downloads.json');
    const files = [file('data/a.csv', 'a', 'aaa\n'), file('data/b.csv', 'b', '中文\n')];
    await writeDownloads(out, files, record, (path, size) => told.push([path, size]));
    expect(told).toEqual([
      ['data/a.csv', 4],
      ['data/b.csv', 7],
    ]);
    // A file kept from the build before is not told again.
    told.length = 0;
    await writeDownloads(out, files, record, (path, size) => told.push([path, size]));
    expect(told).toEqual([]);
  });

  it('the data module and the build step meet on a global symbol (they are bundled apart), and the writing begins when the list is given', async () => {
    forgetProvidedDownloads();
    const list = async () => [file('data/a.csv', 'k', 'a')];
    const begun: unknown[] = [];
    whenDownloadsProvided((l) => begun.push(l));
    expect(begun).toEqual([]);
    provideDownloads(list);
    expect(providedDownloads()).toBe(list);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('gushan.downloads')]).toBe(list);
    // Not while the data module that gives it is still being evaluated: on the next turn.
    expect(begun).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(begun).toEqual([list]);
    // Once only; a step that asks after the list was given begins at once.
    provideDownloads(list);
    await new Promise((resolve) => setImmediate(resolve));
    expect(begun).toEqual([list]);
    whenDownloadsProvided((l) => begun.push(l));
    expect(begun).toEqual([list, list]);
    forgetProvidedDownloads();
    expect(providedDownloads()).toBeUndefined();
  });
});
