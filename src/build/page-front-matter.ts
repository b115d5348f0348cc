/**
 * Front matter of a page in content/pages/ (about, methodology, …). Astro's content layer parses
 * it with this zod schema (src/content.config.ts); src/build/content-check.ts allows exactly its
 * fields. Node only: the browser's checker does not check pages, so it never loads zod.
 */
import { z } from 'astro/zod';

export const pageFrontMatter = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
});
