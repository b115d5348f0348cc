/**
 * npm run validate [-- --format text|json|github] [--data DIR] [--content DIR]
 *
 * Checks data/ and content/ the way the build does, in about a second, and lists every
 * problem with its file and line. Exit code 0: no problems; 1: problems found; 2: bad usage.
 */
import { parseArgs } from 'node:util';
import { datasetDirsFromEnv, validateDirs } from '../lib/read-dataset.ts';
import { reportGithub, reportJson, reportText, type ReportFormat } from '../lib/report.ts';

const USAGE = '用法：npm run validate -- [--format text|json|github] [--data 数据文件夹] [--content 内容文件夹]';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: { format: { type: 'string', default: 'text' }, data: { type: 'string' }, content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!['text', 'json', 'github'].includes(format)) {
    console.error(`--format 只能是 text、json 或 github\n${USAGE}`);
    return 2;
  }
  const dirs = datasetDirsFromEnv();
  if (values.data) dirs.dataDir = values.data;
  if (values.content) dirs.contentDir = values.content;
  const started = performance.now();
  const result = validateDirs(dirs);
  const ms = Math.round(performance.now() - started);
  const rows = [...result.tables.values()].reduce((n, t) => n + t.rows.length, 0);
  const summary = `数据检查通过：${result.tables.size} 个表共 ${rows} 行，${result.plans.size} 个计划文件（${ms} 毫秒）`;
  if (format === 'json') console.log(reportJson(result.issues));
  else if (format === 'github') {
    if (result.issues.length > 0) console.log(reportGithub(result.issues));
    else console.log(summary);
  } else console.log(reportText(result.issues, summary));
  return result.issues.length === 0 ? 0 : 1;
}

process.exitCode = main();
