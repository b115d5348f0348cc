/**
 * The build's configuration from the environment (Node only), the one place that reads it: the
 * data and content folders, the output folder, the history's cache folder, the source
 * repository's links, the pages per batch of the page feed (src/build/page-feed.ts), and the build's "today", frozen when
 * the build starts, so a build that crosses midnight China time has one date. The site's URL
 * and base path are Astro's (astro.config.mjs); browser-safe site facts are in src/lib/site.ts.
 *
 * The environment is read once per process, on first use (in a build, when astro.config.mjs
 * loads), and the result is kept on globalThis: `astro build` loads this module twice (once
 * for the integrations, once bundled into the pages), and both must see one date.
 */
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

export interface BuildConfig {
  /** DATA_DIR, default data/. */
  dataDir: string;
  /** CONTENT_DIR, default content/. */
  contentDir: string;
  /** OUT_DIR, default ./dist (Astro's outDir). */
  outDir: string;
  /** HISTORY_CACHE_DIR: the diffs of the data's history, by file version; default node_modules/.cache/gushan-history. */
  historyCacheDir: string;
  /**
   * INCREMENTAL_BUILD=1: Astro's incremental build (a record page whose key is unchanged is not
   * rendered again, src/build/page-keys.ts); the output folder is then kept between builds and
   * pruned by src/integrations/incremental.ts. Off by default: a one-off build needs neither
   * the keys nor the manifest Astro keeps in the cache folder.
   */
  incremental: boolean;
  /** ASTRO_CACHE_DIR: Astro's cache folder (its incremental cache among others); default node_modules/.astro. */
  astroCacheDir: string;
  /** REPO_URL when it is an http(s) URL: the footer's link and the "发现错误？" and version links. */
  repoUrl: string | undefined;
  /** REPO_BRANCH, default main: the branch the edit links open. */
  repoBranch: string;
  /** BUILD_DATE (YYYY-MM-DD) when given, else today in China Standard Time when the build started. */
  buildDate: string;
  /** SEARCH_FEED_BATCH, a positive integer, else undefined (src/integrations/pagefind.ts has the default). */
  searchFeedBatch: number | undefined;
  /** The folder the build runs in (the repository root), which the defaults are relative to. */
  cwd: string;
}

function dateOf(env: Env, now: Date): string {
  const given = env.BUILD_DATE;
  if (given && /^\d{4}-\d{2}-\d{2}$/.test(given)) return given;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The configuration an environment gives (for tests; the build uses `config()`). */
export function readConfig(env: Env, cwd = process.cwd(), now = new Date()): BuildConfig {
  const repo = env.REPO_URL?.trim();
  const batch = Number(env.SEARCH_FEED_BATCH);
  return {
    dataDir: env.DATA_DIR || join(cwd, 'data'),
    contentDir: env.CONTENT_DIR || join(cwd, 'content'),
    outDir: env.OUT_DIR || './dist',
    historyCacheDir: env.HISTORY_CACHE_DIR || join(cwd, 'node_modules/.cache/gushan-history'),
    incremental: env.INCREMENTAL_BUILD === '1',
    astroCacheDir: env.ASTRO_CACHE_DIR || join(cwd, 'node_modules/.astro'),
    repoUrl: repo && /^https?:\/\//.test(repo) ? repo : undefined,
    repoBranch: env.REPO_BRANCH?.trim() || 'main',
    buildDate: dateOf(env, now),
    searchFeedBatch: Number.isInteger(batch) && batch > 0 ? batch : undefined,
    cwd,
  };
}

/** When this module was first loaded: the build's start, for its date. */
const loaded = new Date();
const store = ((globalThis as Record<symbol, unknown>)[Symbol.for('gushan.build-config')] ??= {}) as { config?: Readonly<BuildConfig> };

/** This build's configuration: the environment read once, on first use, then the same object. */
export function config(): Readonly<BuildConfig> {
  return (store.config ??= Object.freeze(readConfig(process.env, process.cwd(), loaded)));
}

/**
 * "Now" for the whole build: BUILD_DATE (YYYY-MM-DD) when given, so that tests and
 * reproducible builds can fix it, otherwise today's date in China Standard Time when the build
 * started. With arguments, the date they give (for tests).
 */
export function buildDate(env?: Env, now?: Date): string {
  return env === undefined && now === undefined ? config().buildDate : dateOf(env ?? process.env, now ?? new Date());
}

/** The repository settings: this build's, or (for tests) those of `env`. */
const repoOf = (env: Env | undefined) => (env === undefined ? config() : readConfig(env));

/** Link to the source repository, shown in the footer when REPO_URL is configured. */
export function repoUrl(env?: Env): string | undefined {
  return repoOf(env).repoUrl;
}

/**
 * "发现错误？" links: the page on the repository host where a file can be edited. Needs
 * REPO_URL (e.g. https://github.com/org/repo); REPO_BRANCH defaults to main. Without a
 * repository the links are not shown.
 */
export function editUrl(file: string, env?: Env): string | undefined {
  const { repoUrl: repo, repoBranch: branch } = repoOf(env);
  if (!repo) return undefined;
  return `${repo.replace(/\/+$/, '')}/edit/${encodeURIComponent(branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The page on the repository host showing a file as it was at one commit (REPO_URL needed). */
export function repoFileUrl(commit: string, file: string, env?: Env): string | undefined {
  const repo = repoOf(env).repoUrl;
  if (!repo) return undefined;
  return `${repo.replace(/\/+$/, '')}/blob/${encodeURIComponent(commit)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
