/**
 * The explanatory pages are content: read from CONTENT_DIR/pages (as the README says), given
 * the allow-listed components without an import, and refused — before anything of them runs —
 * when they hold HTML or code (src/build/content-check.ts).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../helpers/build.ts';
import { VALID } from '../helpers/fixtures.ts';
import { OUTPUT } from '../helpers/paths.ts';

const FM = (title: string) => `---\ntitle: ${title}\ndescription: ${title}的说明\n---\n\n`;

function contentCopy(name: string, pages: Record<string, string>): string {
  const dir = join(OUTPUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(VALID, dir, { recursive: true });
  for (const [file, text] of Object.entries(pages)) writeFileSync(join(dir, 'content/pages', file), text);
  return dir;
}

describe('the pages of content/pages/', () => {
  // One site serves the first two tests: built from a first content folder, which is then
  // removed, and again from a second one with the same pages (a guide page added to both,
  // with other words in the second).
  const out = join(OUTPUT, 'site-content-pages');
  let second: BuildResult = { status: null, output: '' };
  beforeAll(() => {
    const env = { OUT_DIR: out, BUILD_DATE: '2026-01-15' };
    const first = contentCopy('content-pages-first', { 'guide.md': `${FM('使用指南')}第一个内容文件夹中的一页。\n` });
    // --force: the first build reads its pages from its own folder, whatever an earlier test left in the cache.
    const r = astroBuild({ ...env, DATA_DIR: join(first, 'data'), CONTENT_DIR: join(first, 'content') }, undefined, ['--force']);
    expect(r.status, r.output.slice(-2000)).toBe(0);
    rmSync(first, { recursive: true, force: true });
    const dir = contentCopy('content-pages-second', { 'guide.md': `${FM('使用指南')}只在这个内容文件夹中的一页：[方案原文](../plan/mini/)。\n` });
    second = astroBuild({ ...env, DATA_DIR: join(dir, 'data'), CONTENT_DIR: join(dir, 'content') });
  }, 600_000);

  it('are read from CONTENT_DIR/pages, and use the content components without an import', () => {
    expect(second.status, second.output.slice(-2000)).toBe(0);
    const guide = readFileSync(join(out, 'guide/index.html'), 'utf8');
    expect(guide).toContain('只在这个内容文件夹中的一页');
    expect(guide).not.toContain('第一个内容文件夹');
    // SectionHeading keeps the anchor other pages link to (/about/#samples) …
    expect(readFileSync(join(out, 'about/index.html'), 'utf8')).toMatch(/<h2 id="samples"[^>]*>哪些数据是示例<\/h2>/);
    // … and the legend is on the methodology page, which imports nothing.
    expect(readFileSync(join(VALID, 'content/pages/methodology.mdx'), 'utf8')).not.toContain('import');
    expect(readFileSync(join(out, 'methodology/index.html'), 'utf8')).toContain('class="status-legend');
  });

  it('build one after another from two content folders with the same pages, the first removed in between', () => {
    // Astro's cache of the pages kept the first folder's paths for unchanged pages (src/content.config.ts).
    expect(second.status, second.output.slice(-2000)).toBe(0);
    expect(readFileSync(join(out, 'about/index.html'), 'utf8')).toContain('哪些数据是示例');
  });

  it('with code or HTML in them stop the build, with the validator’s messages, before any of it runs', () => {
    const marker = join(OUTPUT, 'content-pages-hostile.ran');
    rmSync(marker, { force: true });
    const write = `globalThis.process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
    const dir = contentCopy('content-pages-hostile', {
      'tools.mdx': `${FM('工具')}export const ran = ${write};\n\n{${write}}\n`,
      'notice.md': `${FM('通知')}<meta http-equiv="refresh" content="0;url=https://evil.example/">\n`,
    });
    const out = join(OUTPUT, 'site-content-pages-hostile');
    rmSync(out, { recursive: true, force: true });
    const r = astroBuild({ OUT_DIR: out, DATA_DIR: join(dir, 'data'), CONTENT_DIR: join(dir, 'content'), BUILD_DATE: '2026-01-15' });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('数据检查发现 3 个问题，网站没有生成');
    expect(r.output).toContain('content/pages/notice.md:6:1：页面里不能写 HTML 标签“<meta http-equiv="refresh" content="0;ur…”');
    expect(r.output).toContain('content/pages/tools.mdx:6:1：页面里不能写 export（');
    expect(r.output).toContain("content/pages/tools.mdx:8:1：页面里不能写表达式“{globalThis.process.getBuiltinModule('nod…}”");
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });
});
