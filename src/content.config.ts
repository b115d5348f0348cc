/**
 * Astro's content layer holds only the explanatory pages (Markdown/MDX rendered by Astro), read
 * from CONTENT_DIR/pages (default content/pages), like the plans from CONTENT_DIR/plan. The CSV
 * tables and the plans are read and validated once by src/build/read-dataset.ts and reach pages
 * through src/data.ts; the pages are checked there too (src/build/content-check.ts) before any
 * is built.
 */
import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageFrontMatter } from './build/page-front-matter.ts';
import { config } from './build/config.ts';

const base = join(resolve(config().contentDir), 'pages');
const files = glob({ pattern: '*.{md,mdx}', base });

/**
 * Astro's glob loader keeps a cached entry whose text is unchanged with the path it was first read
 * from, even when the pages now come from another folder (a build with another CONTENT_DIR); the
 * build then imports that path, which may be gone. Entries read from outside this build's folder
 * are dropped first, so the loader reads every page again from here.
 */
const pagesLoader: Loader = {
  name: 'gushan-pages',
  load: async (context) => {
    const root = fileURLToPath(context.config.root);
    const outside = context.store.entries().some(([, e]) => e.filePath !== undefined && relative(base, resolve(root, e.filePath)).startsWith('..'));
    if (outside) context.store.clear();
    await files.load(context);
  },
};

const pages = defineCollection({ loader: pagesLoader, schema: pageFrontMatter });

export const collections = { pages };
