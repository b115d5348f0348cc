/**
 * npm run diff -- BASE [--markdown] [--head] [--data DIR]
 *
 * Prints in Chinese what the working tree (with --head: the last commit) changes in the
 * records of the data tables, compared with BASE (a git ref such as origin/main; compared
 * from its merge base with HEAD, as a pull request is): per table the rows added, changed
 * (the fields by their Chinese column titles, old → new) and removed. --markdown writes it
 * for the pull request's job summary. Exit code 0 (also when something changed); 2: bad
 * usage, no git repository, or BASE not found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { blobsAt, gitRepo, openBlobReader } from '../build/history/data-history.ts';
import { diffMarkdown, diffText, type DiffReport } from '../lib/history/diff-report.ts';
import { datasetDirs } from '../build/read-dataset.ts';
import { parseRawDiff, prPath } from '../lib/change-scope.ts';
import { diffTable, readSnapshot, rowsOf } from '../lib/history/record-diff.ts';
import { redactDiff, withholdingsFromCells } from '../lib/history/redact.ts';
import { redactions } from '../schemas/redactions.ts';
import { ALL_TABLES } from '../schemas/index.ts';

const USAGE =
  '用法：npm run diff -- 比较的分支或提交（例如 origin/main） [--markdown（输出 Markdown，用于 GitHub 检查结果页）] [--head（比较最后一次提交，而不是工作区）] [--data 数据文件夹]';

const git = (cwd: string, args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/**
 * The changed files other than the data tables (`tables`, paths from the repository's top), as
 * content or code (src/lib/change-scope.ts): what the pull-request scope would count, so that a
 * change of no record is not read as a change of data only. Renames count both paths; in the
 * working tree, new files not yet added count too.
 */
function otherFiles(top: string, from: string, head: boolean, tables: ReadonlySet<string>): NonNullable<DiffReport['others']> {
  const files = parseRawDiff(git(top, ['diff', '--raw', '--no-renames', '-z', from, ...(head ? ['HEAD'] : [])]).stdout);
  if (!head) for (const path of git(top, ['ls-files', '-z', '--others', '--exclude-standard']).stdout.split('\0').filter(Boolean)) files.push({ path });
  const others = files.filter((f) => !tables.has(f.path));
  return { content: others.filter((f) => prPath([f]) === 'data').map((f) => f.path), code: others.filter((f) => prPath([f]) === 'full').map((f) => f.path) };
}

async function main(): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      options: {
        markdown: { type: 'boolean', default: false },
        head: { type: 'boolean', default: false },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const base = positionals[0];
  if (!base || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = values.data ?? datasetDirs().dataDir;
  const repo = gitRepo(dataDir, 'git', { allowShallow: true });
  if (!repo.ok) {
    console.error(repo.reason);
    return 2;
  }
  const baseCommit = git(repo.top, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).stdout.trim();
  if (!baseCommit) {
    console.error(`找不到 ${base}（在 GitHub Actions 中需要 actions/checkout 设 fetch-depth: 0）\n${USAGE}`);
    return 2;
  }
  // Like a pull request: what this branch changed since it left BASE, not what BASE changed since.
  const from = git(repo.top, ['merge-base', baseCommit, 'HEAD']).stdout.trim() || baseCommit;
  const paths = ALL_TABLES.map((t) => `${repo.prefix}${t.name}.csv`);
  const before = blobsAt(repo.top, from, paths);
  const after = values.head ? blobsAt(repo.top, 'HEAD', paths) : undefined;
  const reader = openBlobReader(repo.top);
  const read = async (blob: string | undefined) => (blob === undefined ? undefined : await reader.read(blob));
  const diffs: DiffReport['diffs'][number][] = [];
  try {
    const target = async (name: string) => {
      const file = join(dataDir, `${name}.csv`);
      return after ? await read(after.get(`${repo.prefix}${name}.csv`)) : existsSync(file) ? readFileSync(file) : undefined;
    };
    // The target's redactions.csv withholds old values from this report too: a pull request's
    // job summary is as public as the site.
    const snap = readSnapshot(redactions, await target(redactions.name));
    const rules = withholdingsFromCells(snap.ok ? [...rowsOf(snap)].map(([, r]) => r.values) : []);
    for (const def of ALL_TABLES) {
      const old = await read(before.get(`${repo.prefix}${def.name}.csv`));
      diffs.push({ def, diff: redactDiff(diffTable(def, old, await target(def.name)), rules) });
    }
  } finally {
    reader.close();
  }
  const short = git(repo.top, ['rev-parse', '--short', from]).stdout.trim();
  const report: DiffReport = {
    base,
    baseCommit: short,
    target: values.head ? 'head' : 'worktree',
    diffs,
    others: otherFiles(repo.top, from, values.head, new Set(paths)),
  };
  console.log(values.markdown ? diffMarkdown(report) : diffText(report));
  return 0;
}

process.exitCode = await main();
