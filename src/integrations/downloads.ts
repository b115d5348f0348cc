/**
 * Writes the large downloads (src/build/downloads.ts) on a thread of their own, begun as soon as
 * the first page loads the data module, while Astro renders the others; at astro:build:done it
 * waits for them. Placed before the pruning of an incremental build, which keeps them, and before
 * every step that reads the output (the search index, the size report, the compressed copies).
 * `onWritten` is told each file as it is written (the compressed copies begin it at once).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { config } from '../build/config.ts';
import {
  forgetProvidedDownloads,
  providedDownloads,
  whenDownloadsProvided,
  writeBuildDownloads,
  type DownloadList,
  type DownloadsWritten,
} from '../build/downloads.ts';
import { factsRecordFile } from '../build/file-facts.ts';

export interface DownloadsOptions {
  onWritten?: (path: string, bytes: number) => void;
}

export default function downloads(options: DownloadsOptions = {}): AstroIntegration {
  let outDir = '';
  let writing: { during: boolean; done: Promise<DownloadsWritten & { ms: number }> } | undefined;
  let pagesDone = false;
  const begin = (list: DownloadList) => {
    const started = performance.now();
    const done = list()
      .then((files) => writeBuildDownloads(outDir, files, factsRecordFile(config().incremental, config().astroCacheDir, 'downloads'), options.onWritten))
      .then((r) => ({ ...r, ms: performance.now() - started }));
    // Awaited at astro:build:done; a failure before then is only held until it is.
    done.catch(() => {});
    writing = { during: !pagesDone, done };
  };
  return {
    name: 'gushan-downloads',
    hooks: {
      'astro:config:done': ({ config: astroConfig }) => {
        outDir = fileURLToPath(astroConfig.outDir);
      },
      'astro:build:start': () => {
        // A list left by an earlier build in this process is not this build's.
        forgetProvidedDownloads();
        writing = undefined;
        pagesDone = false;
        whenDownloadsProvided(begin);
      },
      'astro:build:done': async ({ logger }) => {
        pagesDone = true;
        if (!writing) {
          const list = providedDownloads();
          // Every page loads the data module, which says what the downloads are: without it they would be missing from the site.
          if (!list) throw new Error('没有写出下载文件：生成页面时没有加载数据模块（src/data.ts），无法得知要写哪些下载文件');
          begin(list);
        }
        const { during, done } = writing!;
        const waiting = performance.now();
        const { written, kept, ms } = await done;
        // What the build's time holds of them: the wait once the pages are written.
        const waited = performance.now() - waiting;
        // The files by name: a few dozen, and which ones changed is what whoever deploys wants to see.
        const names = written.length > 0 ? `（${written.join('、')}）` : '';
        const when = during ? '，生成页面期间开始' : '';
        logger.info(
          `下载文件：写出 ${written.length} 个${names}，${kept.length} 个与上次构建相同而保留（另一线程写了 ${Math.round(ms)} 毫秒${when}；页面生成后等待 ${Math.round(waited)} 毫秒）`,
        );
      },
    },
  };
}
