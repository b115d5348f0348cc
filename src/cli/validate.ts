/**
 * npm run validate [-- --format text|json|github] [--data DIR] [--content DIR] [--fix]
 *
 * Checks data/ and content/ the way the build does, in about a second, and lists every
 * problem with its file and line. With --fix, first applies every mechanical fix
 * (src/lib/validation/fixes.ts) to the data files in place and lists what it changed; without it, no file
 * is written. Exit code 0: no problems; 1: problems found; 2: bad usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeCsvBytes } from '../lib/validation/encoding.ts';
import { fixTableText } from '../lib/validation/fixes.ts';
import { datasetDirs, validateDirs, type DatasetDirs } from '../build/read-dataset.ts';
import { ALL_TABLES } from '../schemas/index.ts';
import { reportGithub, reportJson, reportText, type ReportFormat } from '../build/report.ts';

const USAGE = '用法：npm run validate -- [--format text|json|github] [--data 数据文件夹] [--content 内容文件夹] [--fix（自动修正能确定的错误，直接改写文件）]';

/**
 * Applies the mechanical fixes to each data file in place, keeping its BOM and line ends;
 * returns the changes, one line each, and the records left as written because they could not be read.
 */
function fixFiles(dirs: DatasetDirs): { done: string[]; kept: string[] } {
  const done: string[] = [];
  const kept: string[] = [];
  for (const def of ALL_TABLES) {
    const path = join(dirs.dataDir, `${def.name}.csv`);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const decoded = decodeCsvBytes(bytes);
    if (!decoded.ok) continue; // the encoding message says how to re-save it
    // Only the corrected cells (and a tab or semicolon separator) change; every other byte stays.
    const fixed = fixTableText(def, decoded.text);
    if (fixed.changes.length === 0 && !fixed.commas) continue;
    writeFileSync(path, (decoded.bom ? '\ufeff' : '') + fixed.text);
    const shown = relative(dirs.cwd ?? process.cwd(), path)
      .split('\\')
      .join('/');
    if (fixed.commas) done.push(`${shown}：单元格改用逗号分隔`);
    for (const c of fixed.changes) done.push(`${shown}:${c.line} 单元格 ${c.cell}（列 ${c.column}）：“${c.from}” → “${c.to}”`);
    for (const line of fixed.kept) kept.push(`${shown}:${line} 这一行的引号有错，读不出来：原样保留，没有修正（请手工修改）`);
  }
  return { done, kept };
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        fix: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        data: { type: 'string' },
        content: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  const dirs = datasetDirs();
  if (values.data) dirs.dataDir = values.data;
  if (values.content) dirs.contentDir = values.content;
  if (values.fix) {
    const { done, kept } = fixFiles(dirs);
    if (format === 'text') {
      console.log(done.length ? `已自动修正 ${done.length} 处：\n${done.map((d) => `  ${d}`).join('\n')}\n` : '没有可以自动修正的错误。\n');
      if (kept.length) console.log(`没有改动的行：\n${kept.map((d) => `  ${d}`).join('\n')}\n`);
    }
  }
  const started = performance.now();
  const result = validateDirs(dirs);
  const ms = Math.round(performance.now() - started);
  const rows = [...result.tables.values()].reduce((n, t) => n + t.rows.length, 0);
  const summary = `数据检查通过：${result.tables.size} 个表共 ${rows} 行，${result.plans.size} 个计划文件（${ms} 毫秒）`;
  if (format === 'json') console.log(reportJson(result.issues));
  else if (format === 'github') {
    if (result.issues.length > 0) console.log(reportGithub(result.issues));
    else console.log(summary);
  } else {
    console.log(reportText(result.issues, summary));
    // --fix leaves a GBK file as it is (its message says how to re-save it), so its cells are not promised here.
    const gbk = new Set(result.issues.filter((i) => i.code === 'E002').map((i) => i.file));
    const fixable = result.issues.filter((i) => i.fix !== undefined && !gbk.has(i.file)).length;
    if (fixable > 0 && !values.fix)
      console.log(`其中 ${fixable} 处的正确写法已经写在消息中（“应写成 …”）；运行 npm run validate -- --fix 可以自动改好这些单元格。`);
  }
  return result.issues.length === 0 ? 0 : 1;
}

process.exitCode = main();
