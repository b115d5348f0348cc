/** Writes the sitemap (src/build/sitemap.ts) from the pages Astro built. */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITEMAP_INDEX, sitemapFiles } from '../build/sitemap.ts';

export default function sitemap(options: { include: (path: string) => boolean }): AstroIntegration {
  let site = '';
  let base = '/';
  return {
    name: 'gushan-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? '';
        base = config.base;
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const out = fileURLToPath(dir);
        const files = sitemapFiles(
          pages.map((p) => p.pathname),
          site,
          base,
          options.include,
        );
        for (const [name, text] of files) writeFileSync(join(out, name), text);
        logger.info(`站点地图：${SITEMAP_INDEX} 和 ${files.size - 1} 个文件`);
      },
    },
  };
}
