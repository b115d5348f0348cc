/**
 * Astro's content layer holds only the explanatory pages (Markdown/MDX rendered by Astro). The
 * CSV tables and the plans are read and validated once by src/lib/read-dataset.ts and reach
 * pages through src/data.ts.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { pageFrontMatter } from './schemas/plan.ts';

const pages = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: './content/pages' }),
  schema: pageFrontMatter,
});

export const collections = { pages };
