/**
 * During `astro build`, tells the steps after the pages (src/build/page-feed.ts: the search
 * indexer, the size report) which file each rendered HTML page goes to and what it tells.
 * Outside a build (the dev server) no one listens and pages pass through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageFeeds, renderedPage } from '../build/page-feed.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const feeds = pageFeeds();
  // A redirect is written as Astro's own page, not this response's body.
  const redirect = response.status >= 300 && response.status < 400;
  if (feeds.size === 0 || redirect || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const body = await response.arrayBuffer();
  const page = renderedPage(Buffer.from(body));
  for (const feed of feeds) feed(context.url.pathname, page);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
});
