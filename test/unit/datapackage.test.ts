import { describe, expect, it } from 'vitest';
import { createdDateTime, xsdPattern } from '../../src/lib/publishing/datapackage.ts';

describe('xsdPattern', () => {
  it('turns our JavaScript patterns into whole-value XML Schema patterns with the same answers', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['^[a-z0-9]+(?:-[a-z0-9]+)*$', ['hongdou', 'a-1'], ['Dong Cun', 'a--b', '-a']],
      ['^https?://', ['https://example.org/x', 'http://a'], ['javascript:alert(1)', 'ftp://x', ' https://a']],
      ['^(\\d{4})(?:-(H1|H2))?$', ['2019', '2019-H1'], ['2019-H3', '19', '２０１９']],
    ];
    for (const [js, good, bad] of cases) {
      const ours = new RegExp(js, 'u');
      const theirs = new RegExp(`^(?:${xsdPattern(js)})$`, 'u');
      for (const v of [...good, ...bad]) expect(theirs.test(v), `${js} on ${v}`).toBe(ours.test(v));
      for (const v of good) expect(theirs.test(v), v).toBe(true);
    }
    expect(xsdPattern('^https?://')).toBe('https?://.*');
    expect(createdDateTime('2026-01-15')).toBe('2026-01-15T00:00:00+08:00');
  });
});
