/**
 * Builds the Pagefind search index inside `astro build` (hook astro:build:done), so the
 * build alone yields a searchable site. Any indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';
import { validatedDataset } from '../lib/read-dataset.ts';
import { planSections } from '../lib/plan-doc.ts';
import { planPath } from '../lib/urls.ts';
import { isoDate } from '../lib/site.ts';
import { compactPagefindIndex } from '../lib/pagefind-compact.ts';

/** Word locations per search-index chunk (Pagefind's default: 20,000). */
export const INDEX_CHUNK_LOCATIONS = 5000;

export default function pagefind(): AstroIntegration {
  return {
    name: 'gushan-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        // maxFragments bundles the per-page fragments of large sites into shared files, so the
        // index stays far below the 20,000-file limit of some static hosts.
        // A search loads the word-index chunk of each of its words. Pagefind's chunks hold 20,000
        // word locations (16 KB gzip on average at L, up to 58 KB) and a Chinese name or title is
        // five to nine words, so most of a first search's bytes were other words in those chunks.
        // Pagefind reads this setting (marked unstable) in its indexing process; if a later
        // version drops it, chunks are back to its default size and search still works.
        process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_LOCATIONS);
        const { index, errors } = await createIndex({ forceLanguage: 'zh-cn', maxFragments: 4000 });
        if (!index || errors.length > 0) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
        try {
          const added = await index.addDirectory({ path: out });
          const read = performance.now();
          if (added.errors.length > 0) throw new Error(`搜索索引出错：${added.errors.join('；')}`);
          // The plan's text is indexed section by section (its page carries no data-pagefind-body):
          // a short section competes fairly with short record pages for the plan's own words.
          let sections = 0;
          for (const plan of validatedDataset().plans.values()) {
            const title = plan.meta?.title ?? plan.id;
            const date: Record<string, string> = plan.meta ? { date: isoDate(plan.meta.date) } : {};
            const head = plan.meta ? [title, plan.meta.issuer, plan.meta.type, plan.meta.recipients, plan.meta.summary ?? ''].join('\n') : title;
            const records = [
              { url: `/${planPath(plan.id)}`, content: head, title },
              ...planSections(plan.blocks).map((s) => ({ url: `/${planPath(plan.id, s.id || undefined)}`, content: s.text, title: s.heading ? `${title} · ${s.heading}` : title })),
            ];
            for (const rec of records) {
              const r = await index.addCustomRecord({ url: rec.url, content: rec.content, language: 'zh-cn', meta: { title: rec.title, type: '计划原文', ...date }, filters: { type: ['计划原文'] } });
              if (r.errors.length > 0) throw new Error(`搜索索引出错（${plan.path}，${rec.title}）：${r.errors.join('；')}`);
              sections++;
            }
          }
          const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
          const writtenAt = performance.now();
          const compact = compactPagefindIndex(join(out, 'pagefind'));
          const kb = (n: number) => (n / 1024).toFixed(0);
          const compacted = compact.compacted.length > 0 ? `；首次搜索须下载的索引目录由 ${kb(compact.metaBytesBefore)} KB 压缩为 ${kb(compact.metaBytesAfter)} KB` : '';
          const ms = (a: number, b: number) => Math.round(b - a);
          const done = performance.now();
          logger.info(`已为 ${added.page_count} 个页面和 ${sections} 个计划章节建立搜索索引（${ms(started, done)} 毫秒：读取页面 ${ms(started, read)}，建立并写入 ${ms(read, writtenAt)}，压缩 ${ms(writtenAt, done)}${compacted}）`);
          for (const why of compact.skipped) if (!why.includes('未分组')) logger.warn(`搜索索引未压缩：${why}`);
        } finally {
          await close();
        }
      },
    },
  };
}
