import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { planFrontMatter, pageFrontMatter } from './schemas/plan.ts';
import { ALL_TABLES } from './schemas/index.ts';
import { csvTable } from './loaders/csv-tables.ts';

const plan = defineCollection({
  loader: glob({ pattern: '*.md', base: process.env.CONTENT_DIR ? `${process.env.CONTENT_DIR}/plan` : './content/plan' }),
  schema: planFrontMatter,
});

const pages = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: './content/pages' }),
  schema: pageFrontMatter,
});

/** One collection per CSV table, all validated together by the strict loader. */
const tables = Object.fromEntries(ALL_TABLES.map((t) => [t.name, defineCollection({ loader: csvTable(t.name) })]));

export const collections = { plan, pages, ...tables };
