/**
 * Writes the large downloads once the pages are built (src/build/downloads.ts): placed before
 * the pruning of an incremental build, which keeps them, and before every step that reads the
 * output (the search index, the size report, the compressed copies).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { config } from '../build/config.ts';
import { providedDownloads, writeBuildDownloads } from '../build/downloads.ts';
import { factsRecordFile } from '../build/file-facts.ts';

export default function downloads(): AstroIntegration {
  return {
    name: 'gushan-downloads',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const list = providedDownloads();
        // Every page loads the data module, which says what the downloads are: without it they would be missing from the site.
        if (!list) throw new Error('没有写出下载文件：生成页面时没有加载数据模块（src/data.ts），无法得知要写哪些下载文件');
        const started = performance.now();
        const { written, kept } = await writeBuildDownloads(
          fileURLToPath(dir),
          await list(),
          factsRecordFile(config().incremental, config().astroCacheDir, 'downloads'),
        );
        // The files by name: a few dozen, and which ones changed is what whoever deploys wants to see.
        const names = written.length > 0 ? `（${written.join('、')}）` : '';
        logger.info(`下载文件：写出 ${written.length} 个${names}，${kept.length} 个与上次构建相同而保留（${Math.round(performance.now() - started)} 毫秒）`);
      },
    },
  };
}
