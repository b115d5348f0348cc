/**
 * Builds the Pagefind search index inside `astro build` (hook astro:build:done), so the
 * build alone yields a searchable site. Any indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';

export default function pagefind(): AstroIntegration {
  return {
    name: 'gushan-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        // maxFragments bundles the per-page fragments of large sites into shared files, so the
        // index stays far below the 20,000-file limit of some static hosts.
        const { index, errors } = await createIndex({ forceLanguage: 'zh-cn', maxFragments: 4000 });
        if (!index || errors.length > 0) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
        try {
          const added = await index.addDirectory({ path: out });
          if (added.errors.length > 0) throw new Error(`搜索索引出错：${added.errors.join('；')}`);
          const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
          logger.info(`已为 ${added.page_count} 个页面建立搜索索引（${Math.round(performance.now() - started)} 毫秒）`);
        } finally {
          await close();
        }
      },
    },
  };
}
