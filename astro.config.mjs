// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pageFeed from './src/integrations/page-feed.ts';
import pagefind from './src/integrations/pagefind.ts';
import sitemap from './src/integrations/sitemap.ts';
import recordIndex from './src/integrations/record-index.ts';
import hostingIntegrations from './src/integrations/hosting.ts';
import sizeReport from './src/integrations/size-report.ts';
import validateData from './src/integrations/validate-data.ts';
import incremental, { listing } from './src/integrations/incremental.ts';
import downloads from './src/integrations/downloads.ts';
import noDepOptimizer from './src/integrations/no-dep-optimizer.ts';
import { config } from './src/build/config.ts';
import { siteLocation } from './src/lib/urls.ts';

// The public URL and the sub-folder the site is hosted under come from the environment, so the
// same sources build for a local preview, GitHub Pages (a project site) or any static host.
// Every internal link goes through src/lib/urls.ts, which reads import.meta.env.BASE_URL, and
// so does every absolute one (absoluteUrl); the defaults for a local build are there too.
const { site, base } = siteLocation(process.env);
// INCREMENTAL_BUILD=1: record pages whose key is unchanged are not rendered again (src/build/page-keys.ts).
const { incremental: incrementalBuild, astroCacheDir } = config();
// The compressed copies: begun during the pages (first), going on through the steps after them, finished last.
const copies = hostingIntegrations();

export default defineConfig({
  site,
  base,
  output: 'static',
  trailingSlash: 'always',
  outDir: config().outDir,
  cacheDir: astroCacheDir,
  build: {
    format: 'directory',
    // Keep CSS and JS as files: inline <script>/<style> would be refused by the
    // Content-Security-Policy the site ships.
    inlineStylesheets: 'never',
    // Pages are rendered four at a time, so one page's file writes overlap the next page's
    // rendering (what that bought: README, "Scale").
    concurrency: 4,
  },
  integrations: [
    copies.ahead,
    // The output's listing, begun on a thread as soon as the pages are written, held by incremental() after the downloads.
    listing(),
    validateData(),
    // Problems, enterprises and villages by name, title, id or code, from the rows (src/lib/search/record-index.ts):
    // computed on the main thread while the listing's thread lists the output, before the steps that wait for it.
    recordIndex(),
    // `astro build`: no dependency optimizer in the content sync's Vite server, which serves nothing.
    noDepOptimizer(),
    // The tables' and rating periods' downloads, written on a thread during the pages, waited for here (src/build/downloads.ts).
    downloads({ onWritten: copies.written }),
    // Before the others read the output: deletes what this build did not write and no kept page is.
    incremental(),
    mdx(),
    // Rendered pages, and what the steps after them need to know of each, to those steps.
    pageFeed(),
    // Embed pages are framed copies of indicator pages (which the sitemap lists), not pages to find.
    sitemap({ include: (path) => !path.startsWith('embed/') }),
    pagefind(),
    sizeReport(),
    // Last: the host's files and the compressed copies cover every file the others wrote.
    copies.hosting,
  ],
  vite: {
    // An incremental build keeps the output folder, so that the pages it does not render stay
    // where they are (Astro would otherwise empty it and copy them back from its cache).
    build: { assetsInlineLimit: 0, ...(incrementalBuild ? { emptyOutDir: false } : {}) },
  },
  experimental: { incrementalBuild },
  devToolbar: { enabled: false },
  // Astro's log as Astro prints it, written in batches rather than a line at a time (src/build/build-log.ts).
  logger: { entrypoint: './src/build/build-log.ts' },
});
