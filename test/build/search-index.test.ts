import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { BOTH_SITES } from '../helpers/sites.ts';
import { INDEX_CHUNK_LOCATIONS } from '../../src/integrations/pagefind.ts';

/** Pagefind's files are gzip of the signature "pagefind_dcd" and CBOR. */
const read = (file: string): unknown => decode(gunzipSync(readFileSync(file)).subarray(12));

for (const site of BOTH_SITES) {
  describe(`the search index of ${site.name}`, () => {
    const dir = join(site.dir, 'pagefind');
    const chunks = readdirSync(join(dir, 'index'));

    it('is cut into word chunks of at most the set number of locations, so a search loads little besides its own words', () => {
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) {
        const words = (read(join(dir, 'index', c)) as [Array<[string, Array<[number, number[]]>]>])[0];
        // Pagefind closes a chunk once it reaches the limit, so only the last word may pass it.
        const before = words.slice(0, -1).reduce((n, w) => n + w[1].reduce((m, p) => m + p[1].length + 1, 0), 0);
        expect(before, c).toBeLessThan(INDEX_CHUNK_LOCATIONS);
      }
    });

    it('has one meta file, named in pagefind-entry.json, listing every chunk there is', () => {
      const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
      const metas = readdirSync(dir).filter((f) => f.endsWith('.pf_meta'));
      expect(metas).toEqual([`pagefind.${entry.languages['zh-cn']!.hash}.pf_meta`]);
      const meta = read(join(dir, metas[0]!)) as [string, unknown[], Array<[string, string, string]>];
      expect(meta[2].map((c) => `${c[2]}.pf_index`).sort()).toEqual([...chunks].sort());
    });
  });
}
