/** The downloads the build writes itself, a piece at a time, after the pages (src/build/downloads.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSafeDownloadPath, providedDownloads, provideDownloads, writeDownloads, type DownloadFile } from '../../src/build/downloads.ts';

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

  /** A download whose pieces count how often they are asked for. */
  function file(path: string, key: string, pieces: (string | Uint8Array)[]): DownloadFile & { reads: number } {
    const f = { path, key, reads: 0, pieces: () => (f.reads++, pieces) };
    return f;
  }

  it('writes every piece, text and bytes, in order, into folders it makes', async () => {
    const out = temp();
    const json = file('data/problems.json', 'k1', ['[\n', '{"标题":"渣土车"}', '\n]\n']);
    const csv = file('credit/period/2019-H1.csv', 'k2', [new TextEncoder().encode('\uFEFFuscc,评级\r\n'), 'x,A\r\n', new Uint8Array(0)]);
    const r = await writeDownloads(out, [json, csv]);
    expect(readFileSync(join(out, 'data/problems.json'), 'utf8')).toBe('[\n{"标题":"渣土车"}\n]\n');
    expect(readFileSync(join(out, 'credit/period/2019-H1.csv'), 'utf8')).toBe('\uFEFFuscc,评级\r\nx,A\r\n');
    expect(r).toEqual({ written: ['data/problems.json', 'credit/period/2019-H1.csv'], kept: [] });
    // Nothing half-written is left beside them.
    expect(readdirSync(join(out, 'data'))).toEqual(['problems.json']);
  });

  it('a large file is written piece by piece: the same bytes as the pieces joined', async () => {
    const out = temp();
    const pieces = Array.from({ length: 2000 }, (_, i) => `${i === 0 ? '[' : ','}\n {"id": "GS-${i}", "说明": "${'水'.repeat(i % 50)}"}`).concat(['\n]\n']);
    await writeDownloads(out, [file('data/big.json', 'k', pieces)]);
    expect(readFileSync(join(out, 'data/big.json'), 'utf8')).toBe(pieces.join(''));
  });

  it('lets timers run while it writes a long file (the thread compressing pages is handed work by one)', async () => {
    const out = temp();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // Sixty pieces of about 5 ms each: 300 ms in all, more than one turn.
    const slow: DownloadFile = {
      path: 'data/slow.csv',
      key: 'k',
      *pieces() {
        for (let i = 0; i < 60; i++) {
          const until = performance.now() + 5;
          while (performance.now() < until);
          yield `${i}\n`;
        }
      },
    };
    const ticksAt: number[] = [];
    const writing = writeDownloads(out, [slow]);
    ticksAt.push(ticks);
    await writing;
    clearInterval(timer);
    expect(ticksAt).toEqual([0]);
    expect(ticks).toBeGreaterThan(3);
    expect(readFileSync(join(out, 'data/slow.csv'), 'utf8')).toBe(Array.from({ length: 60 }, (_, i) => `${i}\n`).join(''));
  });

  it('keeps a file whose key and file are those it last wrote, and writes it again otherwise', async () => {
    const out = temp();
    const record = join(temp(), 'cache', 'gushan-downloads.json');
    const first = [file('data/a.csv', 'a1', ['a\n']), file('data/b.csv', 'b1', ['b\n']), file('data/c.csv', 'c1', ['c\n'])];
    expect((await writeDownloads(out, first, record)).written).toEqual(['data/a.csv', 'data/b.csv', 'data/c.csv']);
    const before = statSync(join(out, 'data/a.csv'), { bigint: true }).mtimeNs;

    // b's key changed; c was touched by something else since (another time, the same length).
    utimesSync(join(out, 'data/c.csv'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    const second = [file('data/a.csv', 'a1', ['a\n']), file('data/b.csv', 'b2', ['B\n']), file('data/c.csv', 'c1', ['c\n'])];
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
    const files = [file('data/a.csv', 'a1', ['a\n'])];
    await writeDownloads(out, files);
    expect((await writeDownloads(out, files)).written).toEqual(['data/a.csv']);
  });

  it('never writes outside the output, nor one path twice', async () => {
    const out = temp();
    for (const bad of ['../x.csv', 'data/../../x.csv', '/etc/x.csv', 'data/./x.csv', 'data//x.csv', '', 'data/', 'data\\x.csv', 'data/x y.csv', 'data/.']) {
      expect(isSafeDownloadPath(bad), bad).toBe(false);
      await expect(writeDownloads(out, [file(bad, 'k', ['x'])]), bad).rejects.toThrow(/is not a relative path of plain names/);
    }
    for (const good of ['data/problems.json', 'credit/period/2019-H1-excel.csv', 'data/indicator-progress.csv'])
      expect(isSafeDownloadPath(good), good).toBe(true);
    await expect(writeDownloads(out, [file('data/a.csv', 'k', ['x']), file('data/a.csv', 'k', ['y'])])).rejects.toThrow(
      /two downloads are written to data\/a.csv/,
    );
    expect(existsSync(join(out, '..', 'x.csv'))).toBe(false);
  });

  it('a piece that fails leaves no file behind, and the file before it in place', async () => {
    const out = temp();
    await writeDownloads(out, [file('data/a.json', 'k1', ['old'])]);
    const failing: DownloadFile = {
      path: 'data/a.json',
      key: 'k2',
      *pieces() {
        yield 'new';
        throw new Error('a record did not encode');
      },
    };
    await expect(writeDownloads(out, [failing])).rejects.toThrow(/a record did not encode/);
    expect(readFileSync(join(out, 'data/a.json'), 'utf8')).toBe('old');
    expect(readdirSync(join(out, 'data'))).toEqual(['a.json']);
  });

  it('the data module and the build step meet on a global symbol (they are bundled apart)', async () => {
    const list = async () => [file('data/a.csv', 'k', ['a'])];
    provideDownloads(list);
    expect(providedDownloads()).toBe(list);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('gushan.downloads')]).toBe(list);
  });
});
