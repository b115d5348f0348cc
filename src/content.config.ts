import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { planFrontMatter, pageFrontMatter } from './schemas/plan.ts';

const plan = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/plan' }),
  schema: planFrontMatter,
});

const pages = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: './content/pages' }),
  schema: pageFrontMatter,
});

export const collections = { plan, pages };
