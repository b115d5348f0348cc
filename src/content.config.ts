/**
 * Astro's content layer holds only the explanatory pages (Markdown/MDX rendered by Astro), read
 * from CONTENT_DIR/pages (default content/pages), like the plans from CONTENT_DIR/plan. The CSV
 * tables and the plans are read and validated once by src/lib/read-dataset.ts and reach pages
 * through src/data.ts; the pages are checked there too (src/lib/content-check.ts) before any
 * is built.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { join, resolve } from 'node:path';
import { pageFrontMatter } from './schemas/plan.ts';

const pages = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: join(resolve(process.env.CONTENT_DIR || 'content'), 'pages') }),
  schema: pageFrontMatter,
});

export const collections = { pages };
