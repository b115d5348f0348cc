/** Record pages' cache keys (src/build/page-keys.ts) and the pruning of an incremental build's output (src/build/prune-output.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageKey, stableJson } from '../../src/build/page-keys.ts';
import { notOurOutput, pageFile, pruneOutput, publicFiles } from '../../src/build/prune-output.ts';

describe('page keys', () => {
  it('are equal for equal inputs whatever the order of Map entries or Sets', () => {
    expect(
      stableJson({
        b: 1,
        a: [
          new Map<string, unknown>([
            ['y', 2],
            ['x', new Set([3, 1])],
          ]),
          new Set(['q', 'p']),
        ],
        c: undefined,
      }),
    ).toBe('{"b":1,"a":[[["x",[1,3]],["y",2]],["p","q"]]}');
    expect(pageKey({ a: 1, b: { c: 3, d: 2 } })).toBe(pageKey({ a: 1, b: { c: 3, d: 2 } }));
    expect(
      pageKey({
        m: new Map([
          ['x', { a: 1 }],
          ['y', { a: 2 }],
        ]),
      }),
    ).toBe(
      pageKey({
        m: new Map([
          ['y', { a: 2 }],
          ['x', { a: 1 }],
        ]),
      }),
    );
    expect(pageKey({ m: new Map([['x', 1]]) })).not.toBe(pageKey({ m: new Map([['x', 2]]) }));
  });

  it('leave Maps and Sets as JSON writes them everywhere else, even when writing fails', () => {
    expect(() => stableJson({ n: 1n, m: new Map() })).toThrow();
    stableJson(new Map([['a', 1]]));
    expect(Object.hasOwn(Map.prototype, 'toJSON') || Object.hasOwn(Set.prototype, 'toJSON')).toBe(false);
    expect(JSON.stringify({ m: new Map([['a', 1]]), s: new Set([1]) })).toBe('{"m":{},"s":{}}');
  });

  it('write any JSON value as JSON that reads back to it, and different values differently', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (v, w) => {
        const text = stableJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        if (stableJson(w) === text) expect(JSON.parse(JSON.stringify(w))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
    expect(stableJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"b":1,"__proto__":{"x":1}}');
    // What JSON leaves out or turns into null, and the types a page's inputs hold beside plain data.
    expect(stableJson({ u: undefined, f: () => 1, n: Number.NaN, a: [undefined, Infinity], d: new Date(Date.UTC(2026, 0, 2)) })).toBe(
      '{"n":null,"a":[null,null],"d":"2026-01-02T00:00:00.000Z"}',
    );
  });

  it('tell a Map or Set from the same values in an array, and each from the other', () => {
    const texts = [new Map([['a', 1]]), [['a', 1]], new Set(['a']), ['a'], {}, { a: 1 }].map((v) => stableJson({ v }));
    // A Map and its entry list, a Set and its value list, give the same text: a page shows them alike.
    expect(texts[0]).toBe(texts[1]);
    expect(texts[2]).toBe(texts[3]);
    expect(new Set([texts[0], texts[2], texts[4], texts[5]]).size).toBe(4);
  });

  it('differ when any input does, however deep', () => {
    const inputs = { props: { problem: { id: 'GS-1', title: '甲' } }, history: { own: { events: [{ commit: 'a' }] } } };
    const changed = { props: { problem: { id: 'GS-1', title: '甲' } }, history: { own: { events: [{ commit: 'b' }] } } };
    expect(pageKey(inputs)).not.toBe(pageKey(changed));
  });
});

describe('pruning the output of an incremental build', () => {
  it('deletes what this build did not write and no kept page is, keeps compressed copies, and removes emptied folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-prune-'));
    try {
      const write = (f: string, old: boolean) => {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), f);
        if (old) utimesSync(join(dir, f), new Date(1_000_000), new Date(1_000_000));
      };
      write('problems/GS-1/index.html', true); // kept by Astro
      write('problems/GS-2/index.html', true); // a route gone
      write('problems/GS-2/index.html.gz', true); // the hosting step's own
      write('_astro/old.css', true);
      write('_astro/new.css', false);
      write('index.html', false);
      write('_compressed.json', true); // an earlier build of this site
      write('records-index/terms/0.json', true); // the record index's writer keeps and deletes its own shards
      write('villages/v9/notice/index.html', true); // a village gone: its folders go too
      const removed = pruneOutput(dir, 2_000_000, new Set([pageFile('problems/GS-1/'), pageFile('')]));
      expect(removed).toEqual(['_astro/old.css', 'problems/GS-2/index.html', 'villages/v9/notice/index.html']);
      expect(existsSync(join(dir, 'villages'))).toBe(false);
      expect(existsSync(join(dir, 'problems/GS-1/index.html'))).toBe(true);
      expect(existsSync(join(dir, 'problems/GS-2/index.html.gz'))).toBe(true);
      expect(existsSync(join(dir, '_astro/new.css'))).toBe(true);
      expect(existsSync(join(dir, 'records-index/terms/0.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deletes nothing and says why in a folder no build of this site wrote (a web root, a checkout)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-prune-foreign-'));
    try {
      const foreign = ['index.html', '.git/HEAD', 'photos/2026/会议.jpg', 'docs/readme.txt', 'problems/GS-1/index.html'];
      for (const f of foreign) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), f);
        utimesSync(join(dir, f), new Date(1_000_000), new Date(1_000_000));
      }
      mkdirSync(join(dir, 'empty'));
      // This build wrote only the two pages; everything else predates it and is someone else's.
      writeFileSync(join(dir, 'problems/GS-1/index.html'), 'new');
      expect(() => pruneOutput(dir, 2_000_000, new Set([pageFile(''), pageFile('problems/GS-1/')]))).toThrow(
        `增量构建没有清理输出文件夹 ${dir}：这里有 3 个不是这次构建写的文件（例如 .git/HEAD、docs/readme.txt、photos/2026/会议.jpg），` +
          '但没有本站上次构建留下的 _compressed.json，它可能不是本站的输出文件夹，删掉这些文件会丢失别的东西。' +
          '请把 OUT_DIR 改成一个空文件夹或本站上次构建的输出文件夹（部署流程用 dist），再构建一次。',
      );
      for (const f of foreign) expect(existsSync(join(dir, f)), f).toBe(true);
      expect(existsSync(join(dir, 'empty'))).toBe(true);
      // A fresh folder (nothing older than the build) needs no marker: the first incremental build.
      expect(pruneOutput(dir, 0, new Set())).toEqual([]);
      expect(notOurOutput('/x', ['b', 'a'])).toContain('有 2 个不是这次构建写的文件（例如 a、b）');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists public/'s files as output paths, which Astro copies with their old times and pruning keeps", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-public-'));
    try {
      for (const f of ['favicon.svg', 'img/图标.png', 'img/deep/a.txt']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), f);
      }
      mkdirSync(join(dir, 'empty'));
      // Vite copies what a link points to: a file, or a folder's files.
      symlinkSync('favicon.svg', join(dir, 'icon.svg'));
      symlinkSync('img/deep', join(dir, 'linked'));
      symlinkSync('nowhere.txt', join(dir, 'broken.txt'));
      expect(publicFiles(dir).sort()).toEqual(['favicon.svg', 'icon.svg', 'img/deep/a.txt', 'img/图标.png', 'linked/a.txt']);
      expect(publicFiles(join(dir, 'missing'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a page by its output file', () => {
    expect([pageFile(''), pageFile('problems/GS-1/'), pageFile('404')]).toEqual(['index.html', 'problems/GS-1/index.html', '404.html']);
  });
});
