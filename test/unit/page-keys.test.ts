/** Record pages' cache keys (src/build/page-keys.ts) and the pruning of an incremental build's output (src/build/prune-output.ts). */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageKey, stableJson } from '../../src/build/page-keys.ts';
import { pageFile, pruneOutput } from '../../src/build/prune-output.ts';

describe('page keys', () => {
  it('are equal for equal inputs whatever the order of keys, Map entries or Sets', () => {
    expect(
      stableJson({
        b: 1,
        a: [
          new Map([
            ['y', 2],
            ['x', 1],
          ]),
          new Set(['q', 'p']),
        ],
        c: undefined,
      }),
    ).toBe('{"a":[[["x",1],["y",2]],["p","q"]],"b":1}');
    expect(pageKey({ a: 1, b: { d: 2, c: 3 } })).toBe(pageKey({ b: { c: 3, d: 2 }, a: 1 }));
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
      const removed = pruneOutput(dir, 2_000_000, new Set([pageFile('problems/GS-1/'), pageFile('')]));
      expect(removed).toEqual(['_astro/old.css', 'problems/GS-2/index.html']);
      expect(existsSync(join(dir, 'problems/GS-1/index.html'))).toBe(true);
      expect(existsSync(join(dir, 'problems/GS-2/index.html.gz'))).toBe(true);
      expect(existsSync(join(dir, '_astro/new.css'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a page by its output file', () => {
    expect([pageFile(''), pageFile('problems/GS-1/'), pageFile('404')]).toEqual(['index.html', 'problems/GS-1/index.html', '404.html']);
  });
});
