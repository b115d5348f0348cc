/**
 * Adds the middleware that hands each rendered page to the steps after the pages
 * (src/build/page-feed.ts): the search index and the size report. Build only.
 */
import type { AstroIntegration } from 'astro';

export default function pageFeed(): AstroIntegration {
  return {
    name: 'gushan-page-feed',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build') addMiddleware({ entrypoint: new URL('../middleware/page-feed.ts', import.meta.url), order: 'post' });
      },
    },
  };
}
