/**
 * Builds the Pagefind search index inside `astro build`, so the build alone yields a searchable
 * site. Any indexing error fails the build.
 *
 * Pagefind runs as a program of its own and reads pages from disk on both cores. It is started
 * before the pages are rendered and reads them in batches while Astro renders the rest: the
 * middleware (src/middleware/page-feed.ts) tells it which file each rendered page goes to and
 * how long it is, and a batch is handed over once all its files are on disk in full
 * (src/build/page-feed.ts). Node renders on one thread, so Pagefind's reading uses what is left
 * of the second core (what that bought: README, "Scale"). Only pages marked as prose
 * (data-pagefind-body) are handed over: Pagefind leaves every other page out once one is marked,
 * so reading record pages was work for nothing. At the end, the files not handed over yet, and
 * any HTML file no page made (from public/, say), are read too: the index is the one Pagefind
 * makes reading the finished folder, and batches are handed over in the order pages were
 * started, so two builds of the same sources give the same index. An incremental build
 * (INCREMENTAL_BUILD=1) does not render every page, so there the prose pages of the whole
 * finished folder are read at the end.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { validatedDataset } from '../build/read-dataset.ts';
import { planSearchRecords, type PlanSearchRecord } from '../lib/search/search-records.ts';
import { compactPagefindIndex } from '../build/search/pagefind-compact.ts';
import { outputFiles } from '../build/output-files.ts';
import { factsRecordFile, fileFacts } from '../build/file-facts.ts';
import { config } from '../build/config.ts';
import { PAGEFIND_BODY, FeedBatches, addPageFeed, outputFileOf, removePageFeed, type PageFeed } from '../build/page-feed.ts';

/** Word locations per search-index chunk (Pagefind's default: 20,000). */
export const INDEX_CHUNK_LOCATIONS = 5000;

/**
 * Pages per batch handed to Pagefind while pages are rendered; SEARCH_FEED_BATCH overrides it
 * (the tests' small sites use a small batch, so that they go through the hand-over too).
 */
export const FEED_BATCH_PAGES = 2000;
const feedBatchPages = () => config().searchFeedBatch ?? FEED_BATCH_PAGES;

/**
 * The options the site's index is created with. maxFragments bundles the per-page fragments of
 * large sites into shared files, so the index stays far below the 20,000-file limit of some
 * static hosts.
 */
export const INDEX_OPTIONS = { forceLanguage: 'zh-cn', maxFragments: 4000 } as const;

/** What Pagefind is given for a plan record. */
export function searchRecord(rec: PlanSearchRecord) {
  const date: Record<string, string> = rec.date ? { date: rec.date } : {};
  return { url: rec.url, content: rec.content, language: 'zh-cn', meta: { title: rec.title, type: '计划原文', ...date }, filters: { type: ['计划原文'] } };
}

/**
 * A glob (Pagefind's syntax) matching exactly these files: `{a/index.html,b/index.html}`, each
 * character other than letters, digits, `/`, `.`, `_` and `-` escaped.
 */
export function globOf(files: readonly string[]): string {
  const escape = (f: string) => f.replace(/[^\p{L}\p{N}/._-]/gu, (c) => `\\${c}`);
  return files.length === 1 ? escape(files[0]!) : `{${files.map(escape).join(',')}}`;
}

export default function pagefind(): AstroIntegration {
  let base = '/';
  let outDir = '';
  let index: PagefindIndex | undefined;
  let batches: FeedBatches | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let feeding: PageFeed | undefined;
  /** Incremental builds: whether each page rendered now is prose, as it was rendered. */
  const told = new Map<string, { bytes: number; fact: boolean }>();
  /** The batch Pagefind is reading, if any; batches are read one after another. */
  let reading: Promise<void> = Promise.resolve();
  let busy = false;
  const errors: string[] = [];
  let handedDuring = 0;
  let pagesRead = 0;

  /** Hands Pagefind one list of files (relative to the output folder) and checks it read them all. */
  const read = async (current: PagefindIndex, files: readonly string[]) => {
    if (files.length === 0) return;
    const r = await current.addDirectory({ path: outDir, glob: globOf(files) });
    errors.push(...r.errors);
    pagesRead += r.page_count;
    // A page Pagefind skipped for having no indexable body is still counted by it; a file it
    // did not find at all means the output file was worked out wrongly.
    if (r.page_count !== files.length) errors.push(`搜索索引应读取 ${files.length} 个页面，实际读取 ${r.page_count} 个`);
  };

  return {
    name: 'gushan-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': async () => {
        // A search loads the word-index chunk of each of its words. Pagefind's chunks hold 20,000
        // word locations and a Chinese name or title is five to nine words, so most of a first
        // search's bytes were other words in those chunks (README, "Scale").
        // Pagefind reads this setting (marked unstable) in its indexing process; if a later
        // version drops it, chunks are back to its default size and search still works.
        process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_LOCATIONS);
        const { index: created, errors: failed } = await createIndex(INDEX_OPTIONS);
        if (!created || failed.length > 0) throw new Error(`搜索索引创建失败：${failed.join('；')}`);
        index = created;
        const feed = new FeedBatches(outDir, feedBatchPages());
        batches = feed;
        errors.length = 0;
        handedDuring = 0;
        pagesRead = 0;
        told.clear();
        // An incremental build renders only some pages; the others stay in the output. Pagefind
        // then reads every prose page at the end, in one order (the files' names), so that the
        // index is the one a clean incremental build of the same sources writes; which pages are
        // prose, the pages rendered now tell as they are rendered.
        if (config().incremental) {
          feeding = (pathname, page) => {
            const file = outputFileOf(pathname, base);
            if (file !== undefined) told.set(file, { bytes: page.bytes, fact: page.prose });
          };
          addPageFeed(feeding);
          return;
        }
        // If the oldest batch is written in full and Pagefind is idle, hand it over (a check stats
        // only files not yet seen complete). Checked ten times a second, and whenever a batch more
        // has been rendered.
        const tick = () => {
          if (busy) return;
          const next = feed.takeReady();
          if (!next) return;
          busy = true;
          handedDuring += next.length;
          // Kept as a message for astro:build:done, not left as a rejected promise no one awaits yet.
          reading = read(created, next)
            .catch((e: unknown) => {
              errors.push(e instanceof Error ? e.message : String(e));
            })
            .finally(() => {
              busy = false;
            });
        };
        feeding = (pathname, page) => {
          const file = outputFileOf(pathname, base);
          if (file === undefined) return;
          feed.add(file, page.bytes, page.prose);
          if (page.prose && feed.waiting() % feed.size === 0) tick();
        };
        addPageFeed(feeding);
        timer = setInterval(tick, 100);
        timer.unref();
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (feeding) removePageFeed(feeding);
        feeding = undefined;
        clearInterval(timer);
        const out = fileURLToPath(dir);
        const started = performance.now();
        if (!index || !batches) throw new Error('搜索索引未创建（astro:build:start 未运行）');
        const current = index;
        const feed = batches;
        index = undefined;
        batches = undefined;
        try {
          await reading;
          // The rest: pages not handed over yet, in the order they were started, then HTML files
          // no page made.
          const rest = feed.takeAll();
          const known = feed.files();
          let other = outputFiles(out)
            .filter((f) => f.endsWith('.html') && !known.has(f))
            .sort();
          // An incremental build hands over only the pages marked for the index: the site marks its
          // prose (data-pagefind-body), and then Pagefind leaves every other page out anyway, after
          // reading it, which for a whole large site took far longer than the build's own work.
          if (config().incremental) {
            // Which pages are prose: told by the pages rendered now, recorded for the kept ones, read only from any other
            // page written since the last build (src/build/file-facts.ts).
            const record = factsRecordFile(true, config().astroCacheDir, 'pagefind-body');
            const prose = fileFacts(out, other, (text) => text.includes(PAGEFIND_BODY), PAGEFIND_BODY, record, told);
            told.clear();
            other = other.filter((f) => prose.get(f));
          }
          // In batches as during rendering: a glob of every page of a large site is more than Pagefind parses.
          const all = [...rest, ...other];
          const size = feedBatchPages();
          for (let i = 0; i < all.length; i += size) await read(current, all.slice(i, i + size));
          const readAt = performance.now();
          if (errors.length > 0) throw new Error(`搜索索引出错：${errors.join('；')}`);
          // The plan's text is indexed section by section (src/lib/search/search-records.ts).
          const records = planSearchRecords(validatedDataset().plans.values());
          for (const rec of records) {
            const r = await current.addCustomRecord(searchRecord(rec));
            if (r.errors.length > 0) throw new Error(`搜索索引出错（${rec.source}，${rec.title}）：${r.errors.join('；')}`);
          }
          const written = await current.writeFiles({ outputPath: join(out, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
          const writtenAt = performance.now();
          const compact = compactPagefindIndex(join(out, 'pagefind'));
          const kb = (n: number) => (n / 1024).toFixed(0);
          const compacted =
            compact.compacted.length > 0 ? `；首次搜索须下载的索引目录由 ${kb(compact.metaBytesBefore)} KB 压缩为 ${kb(compact.metaBytesAfter)} KB` : '';
          const ms = (a: number, b: number) => Math.round(b - a);
          const done = performance.now();
          logger.info(
            `已为 ${pagesRead} 个页面（其中 ${handedDuring} 个在生成页面期间读取）和 ${records.length} 个计划章节建立搜索索引（页面生成后 ${ms(started, done)} 毫秒：读取其余页面 ${ms(started, readAt)}，建立并写入 ${ms(readAt, writtenAt)}，压缩 ${ms(writtenAt, done)}${compacted}）`,
          );
          for (const why of compact.skipped) if (!why.includes('未分组')) logger.warn(`搜索索引未压缩：${why}`);
        } finally {
          await close();
        }
      },
    },
  };
}
