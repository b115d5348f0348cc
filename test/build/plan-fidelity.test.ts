import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactText, readHtml } from '../helpers/html.ts';
import { SEED_PLAN, SITE_DIR } from '../helpers/paths.ts';

/**
 * The plan must be published word for word. After removing whitespace and the converter's
 * [bookmark: …] markers, every sentence of the seed file must occur in the rendered page.
 */
function seedSentences(): string[] {
  const text = readFileSync(SEED_PLAN, 'utf8').replace(/\[bookmark:[^\]]*\]/g, '').replace(/\s+/g, '');
  return text.split(/(?<=[。；：！？])/).filter((s) => s.length > 0);
}

describe('the plan text', () => {
  const sentences = seedSentences();
  const doc = readHtml(SITE_DIR, 'plan/gushan-2017/index.html');
  // Heading links and the status badges beside marked targets are annotations, not plan text.
  doc.querySelectorAll('a.heading-link, .target-badges').forEach((a) => a.remove());
  const rendered = compactText(doc.querySelector('.plan-text')!);

  it('has a seed to compare with', () => {
    expect(sentences.length).toBeGreaterThan(80);
    expect(sentences).toContain('现将《顾山镇2017年生态文明建设实施方案》印发给你们，请认真贯彻执行。');
  });

  it('contains every sentence of the seed file', () => {
    const missing = sentences.filter((s) => !rendered.includes(s));
    expect(missing).toEqual([]);
  });

  it('contains nothing but the seed text, in the same order', () => {
    const seed = sentences.join('');
    expect(rendered).toBe(seed);
  });
});
