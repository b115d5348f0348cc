/** Writes the record index (src/build/search/record-index.ts) once the pages are built. */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { validatedDataset } from '../build/read-dataset.ts';
import { RECORD_INDEX_DIR, recordIndexInput, writeRecordIndex } from '../build/search/record-index.ts';

export default function recordIndex(): AstroIntegration {
  return {
    name: 'gushan-record-index',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const { files, bytes, written } = writeRecordIndex(fileURLToPath(dir), recordIndexInput(validatedDataset()));
        logger.info(
          `记录索引：${RECORD_INDEX_DIR}/ 共 ${files} 个文件，${(bytes / 1024).toFixed(0)} KB，其中 ${written} 个文件这次写入（${Math.round(performance.now() - started)} 毫秒）`,
        );
      },
    },
  };
}
