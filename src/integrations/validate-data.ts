/**
 * Checks data/ and content/ before Astro makes anything: a broken data set fails the build with
 * the Chinese messages `npm run validate` prints, and no page is written. Pages then read the
 * same validated set through src/data.ts (it is cached, so nothing is read twice).
 */
import type { AstroIntegration } from 'astro';
import { DataValidationError, freezeDataset, validatedDataset } from '../lib/read-dataset.ts';

export default function validateData(): AstroIntegration {
  return {
    name: 'gushan:validate-data',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command === 'build') freezeDataset();
        try {
          const started = performance.now();
          const d = validatedDataset();
          const rows = [...d.tables.values()].reduce((n, t) => n + t.rows.length, 0);
          logger.info(`数据检查通过：${d.tables.size} 个表，${rows} 行，${d.plans.size} 个计划文件（${Math.round(performance.now() - started)} 毫秒）`);
        } catch (e) {
          // The dev server keeps running so that the editor sees the messages and can fix them.
          if (command === 'dev' && e instanceof DataValidationError) logger.error(e.message);
          else throw e;
        }
      },
    },
  };
}
