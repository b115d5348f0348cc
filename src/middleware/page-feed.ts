/**
 * During `astro build`, tells the steps after the pages (src/build/page-feed.ts: the search
 * indexer, the size report) which file each rendered HTML page goes to and what it tells.
 * Outside a build (the dev server) no one listens and pages pass through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { feedPage, pageFeeds } from '../build/page-feed.ts';

export const onRequest = defineMiddleware(async (context, next) => feedPage(context.url.pathname, await next(), pageFeeds()));
