/**
 * Checks data/ and content/ before Astro makes anything: a broken data set fails the build with
 * the Chinese messages `npm run validate` prints, and no page is written. Pages then read the
 * same validated set through src/data.ts (it is cached, so nothing is read twice).
 */
import type { AstroIntegration } from 'astro';
import { join } from 'node:path';
import { settleHeapAfterPages, sizeHeapFor, stopPretenuring } from '../build/heap.ts';
import { DataValidationError, datasetDirs, freezeDataset, insideDir, reusedTables, shownPath, validatedDataset } from '../build/read-dataset.ts';
import { isLocalSite, LOCAL_SITE_WARNING } from '../lib/urls.ts';
import { startHistoryWarmUp } from '../build/history/warm-up.ts';

/** The rows of every table of data/: what the heap is sized for. */
const rowCount = (d: ReturnType<typeof validatedDataset>): number => [...d.tables.values()].reduce((n, t) => n + t.rows.length, 0);

export default function validateData(): AstroIntegration {
  return {
    name: 'gushan:validate-data',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command === 'build') freezeDataset();
        // Before anything is allocated for the data or the pages (src/build/heap.ts).
        if (command === 'build') stopPretenuring();
        // Once per build: a site built without its address gives QR codes and citations that open the editor's computer.
        if (command === 'build' && isLocalSite(config.site)) logger.warn(LOCAL_SITE_WARNING);
        // The history's versions compared on the second core while the data is checked on the first (src/build/history/warm-up.ts).
        if (command === 'build')
          void startHistoryWarmUp(datasetDirs().dataDir).then((r) =>
            r.failed === undefined
              ? logger.info(`修改历史：与数据检查同时比较了 ${r.compared} 对数据版本，${r.cached} 对已比较过（${r.ms} 毫秒）`)
              : logger.warn(`修改历史：预先比较数据版本的线程没有完成（${r.failed}），生成页面前再比较`),
          );
        try {
          const started = performance.now();
          const d = validatedDataset();
          const rows = rowCount(d);
          // A build of a large data set: far fewer full collections of its heap (src/build/heap.ts).
          if (command === 'build') sizeHeapFor(rows);
          const reused = reusedTables().length;
          const kept = reused > 0 ? `；其中 ${reused} 个表与上次构建时相同，沿用上次的检查结果` : '';
          logger.info(`数据检查通过：${d.tables.size} 个表，${rows} 行，${d.plans.size} 个计划文件（${Math.round(performance.now() - started)} 毫秒${kept}）`);
        } catch (e) {
          // The dev server keeps running so that the editor sees the messages and can fix them.
          if (command === 'dev' && e instanceof DataValidationError) logger.error(e.message);
          else throw e;
        }
      },
      // Placed before the steps after the pages: they start from the live heap (src/build/heap.ts).
      'astro:build:done': ({ logger }) => {
        const settled = settleHeapAfterPages(rowCount(validatedDataset()));
        const mb = (n: number) => Math.round(n / 1e6);
        if (settled) logger.info(`页面已生成：整理内存，${mb(settled.before)} MB → ${mb(settled.after)} MB`);
      },
      // The dev server: Astro keeps each route's getStaticPaths() result until a source module
      // changes, and record pages (an enterprise, a problem, a village) get their rows through
      // it, so after an edit to a CSV file they went on showing the old values while the lists
      // showed the new ones. A change under DATA_DIR or the plans now clears that cache, as
      // Astro does for its own content collections, and reloads the open page.
      'astro:server:setup': ({ server, logger }) => {
        const { dataDir, contentDir } = datasetDirs();
        const watched = [dataDir, join(contentDir, 'plan')];
        server.watcher.add(watched);
        // The files are checked a moment after the last change: a save truncates a file before
        // it writes it, and checking at the first event reported a complete file as empty.
        let pending: ReturnType<typeof setTimeout> | undefined;
        const check = (path: string) => {
          try {
            validatedDataset();
            logger.info(`数据已更新：${shownPath(path, process.cwd())}`);
          } catch (e) {
            // Never thrown from here: that would stop the dev server, e.g. when Excel still holds
            // the file being saved. The next page request reads the files again.
            logger.error(e instanceof DataValidationError ? e.message : `读取数据文件失败：${(e as Error).message}`);
          }
        };
        const changed = (path: string) => {
          if (!watched.some((d) => insideDir(path, d))) return;
          for (const [name, environment] of Object.entries(server.environments)) {
            if (name !== 'client') environment.hot.send('astro:content-changed', {});
          }
          server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
          clearTimeout(pending);
          pending = setTimeout(() => check(path), 300);
        };
        for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, changed);
      },
    },
  };
}
