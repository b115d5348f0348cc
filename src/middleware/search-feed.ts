/**
 * During `astro build`, tells the search indexer which file each rendered HTML page goes to and
 * its length (src/integrations/pagefind.ts installs the receiver), so Pagefind can read pages
 * from disk while Astro renders the next ones. Outside a build (the dev server) nothing is
 * installed and pages pass through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { PAGEFIND_BODY, SEARCH_FEED, type SearchFeed } from '../build/search/search-feed.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const feed = (globalThis as Record<symbol, SearchFeed | undefined>)[SEARCH_FEED];
  // A redirect is written as Astro's own page, not this response's body.
  const redirect = response.status >= 300 && response.status < 400;
  if (!feed || redirect || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const body = await response.arrayBuffer();
  feed(context.url.pathname, body.byteLength, Buffer.from(body).includes(PAGEFIND_BODY));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
});
