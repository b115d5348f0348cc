/**
 * The Nu Html Checker (the W3C validator, npm vnu-jar, run with the machine's Java) judges every
 * page of both built sites. It is independent of our own html-validate rules, and stricter about
 * document structure (it caught module scripts written after </html>).
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { listFiles, readHtml } from '../helpers/html.ts';
import { ROOT, SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES } from '../helpers/sites.ts';

const JAR = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const noJava = java.error !== undefined && !process.env.CI;

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

describe.skipIf(noJava)('the Nu Html Checker', () => {
  if (java.error) it('needs a Java runtime (apt-get install -y default-jre-headless)', () => expect(java.error).toBeUndefined());
  for (const site of BOTH_SITES) {
    it(`finds no error on any page of ${site.name}`, () => {
      const r = spawnSync('java', ['-Xss4m', '-jar', JAR, '--errors-only', '--format', 'json', '--skip-non-html', site.dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(r.error).toBeUndefined();
      const { messages } = JSON.parse(r.stderr || r.stdout || '{"messages":[]}') as { messages: VnuMessage[] };
      const errors = messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => `${relative(site.dir, new URL(m.url).pathname)}:${m.lastLine ?? '?'} ${m.message}`);
      expect(errors).toEqual([]);
    }, 240_000);
  }
});

describe('canonical links', () => {
  for (const site of BOTH_SITES) {
    it(`point only to pages that exist on ${site.name}, and the 404 page has none`, () => {
      const pages = listFiles(site.dir).filter((f) => f.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(10);
      const wrong: string[] = [];
      for (const p of pages) {
        const href = readHtml(site.dir, p).querySelector('link[rel=canonical]')?.getAttribute('href');
        if (p === '404.html') {
          if (href !== undefined) wrong.push(`404.html: ${href}`);
          continue;
        }
        const path = href ? new URL(href).pathname : '';
        const file = join(site.dir, decodeURIComponent(path.slice(SITE_BASE.length)), path.endsWith('/') ? 'index.html' : '');
        if (!href || !path.startsWith(SITE_BASE) || !existsSync(file) || relative(site.dir, file) !== p) wrong.push(`${p}: ${href}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
