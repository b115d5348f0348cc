import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactText, readHtml } from '../helpers/html.ts';
import { PLAN_SOURCE } from '../helpers/paths.ts';
import { FIXTURE_SITE, SAMPLE_SITE } from '../helpers/sites.ts';

/**
 * The plan must be published word for word. After removing whitespace and the converter's
 * [bookmark: …] markers, every sentence of the source document (content/plan/sources/, see
 * its README) must occur in the rendered page. The real content/plan/gushan-2017.md is
 * checked, since it must never drift from its source; so is the fixture's frozen copy.
 */
function sourceSentences(): string[] {
  const text = readFileSync(PLAN_SOURCE, 'utf8')
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/\s+/g, '');
  return text.split(/(?<=[。；：！？])/).filter((s) => s.length > 0);
}

for (const site of [SAMPLE_SITE, FIXTURE_SITE]) {
  describe(`the plan text of ${site.name}`, () => {
    const sentences = sourceSentences();
    const doc = readHtml(site.dir, 'plan/gushan-2017/index.html');
    // Heading links and the status badges beside marked targets are annotations, not plan text.
    doc.querySelectorAll('a.heading-link, .target-badges').forEach((a) => a.remove());
    const rendered = compactText(doc.querySelector('.plan-text')!);

    it('has a source document to compare with', () => {
      expect(sentences.length).toBeGreaterThan(80);
      expect(sentences).toContain('现将《顾山镇2017年生态文明建设实施方案》印发给你们，请认真贯彻执行。');
    });

    it('contains every sentence of the source document', () => {
      const missing = sentences.filter((s) => !rendered.includes(s));
      expect(missing).toEqual([]);
    });

    it('contains nothing but the source text, in the same order', () => {
      expect(rendered).toBe(sentences.join(''));
    });
  });
}
