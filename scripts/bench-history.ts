/**
 * A synthetic history of many small commits (npm run bench -- --history-read 200 --history-only).
 *
 *   node scripts/bench-history.ts --make DATA_ROOT --repo DIR [--commits 200]
 *        a git repository at DIR whose first commit holds DATA_ROOT/data and each later
 *        commit changes a few rows: three problems' status, every 5th commit an enterprise's
 *        address, every 10th a new problem, every 25th a removed one; one day apart.
 *   node scripts/bench-history.ts --read DIR/data --cache CACHE
 *        reads the history once (src/build/history/data-history.ts) and prints, as JSON, the time it
 *        took in this process (wall and CPU of this process; git's own work is not in the CPU), the commits, records and versions it found, the cache counts
 *        and the memory used.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsv } from '../src/lib/validation/csv.ts';
import { toCsv } from '../src/lib/publishing/downloads.ts';
import { readDataHistory, type HistoryStats } from '../src/build/history/data-history.ts';
import { PROBLEM_STATUSES } from '../src/schemas/problems.ts';

export function gitIn(dir: string, args: string[], date?: string): void {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.org',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.org',
  };
  if (date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date;
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

export interface Table {
  columns: string[];
  rows: Record<string, string>[];
}

export function readTable(path: string): Table {
  const { rows } = parseCsv(readFileSync(path, 'utf8').replace(/^\ufeff/, ''));
  const columns = rows[0]!.cells;
  return { columns, rows: rows.slice(1).map((r) => Object.fromEntries(columns.map((c, k) => [c, r.cells[k] ?? '']))) };
}

/** Builds the repository: the data set, then `commits` commits of a few rows each. Returns the seconds it took. */
export function makeHistory(dataRoot: string, repo: string, commits: number): number {
  const started = performance.now();
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  cpSync(join(dataRoot, 'data'), join(repo, 'data'), { recursive: true });
  gitIn(repo, ['init', '-q', '-b', 'main']);
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().replace('.000Z', '+00:00');
  gitIn(repo, ['add', '-A']);
  gitIn(repo, ['commit', '-q', '-m', '首次公开数据'], day(0));
  const problemsPath = join(repo, 'data/problems.csv');
  const enterprisesPath = join(repo, 'data/enterprises.csv');
  const problems = readTable(problemsPath);
  const enterprises = readTable(enterprisesPath);
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let added = 0;
  for (let i = 1; i <= commits; i++) {
    for (let k = 0; k < 3; k++) {
      const p = problems.rows[rand(problems.rows.length)]!;
      p.status = PROBLEM_STATUSES[(PROBLEM_STATUSES.indexOf(p.status as (typeof PROBLEM_STATUSES)[number]) + 1) % PROBLEM_STATUSES.length]!;
      p.measures = `第 ${i} 次更新的整改措施`;
    }
    if (i % 10 === 0) {
      const copy = { ...problems.rows[rand(problems.rows.length)]!, id: `GS-2025-${String(++added).padStart(3, '0')}` };
      problems.rows.push(copy);
    }
    if (i % 25 === 0) problems.rows.splice(rand(problems.rows.length), 1);
    writeFileSync(problemsPath, toCsv(problems.columns, problems.rows));
    if (i % 5 === 0) {
      enterprises.rows[rand(enterprises.rows.length)]!.address = `顾山镇新路${i}号`;
      writeFileSync(enterprisesPath, toCsv(enterprises.columns, enterprises.rows));
    }
    gitIn(repo, ['commit', '-q', '-a', '-m', `更新 ${i}`], day(i));
  }
  return (performance.now() - started) / 1000;
}

/**
 * Changes one row in `dataDir`: the first problem still to be rectified (待整改) is now being
 * rectified (整改中), a change that stays valid (a closed status would need a date); without one,
 * the first problem's measures. Returns the problem's id.
 */
export function oneRowEdit(dataDir: string): string {
  const path = join(dataDir, 'problems.csv');
  const problems = readTable(path);
  const open = problems.rows.find((r) => r.status === '待整改');
  const p = open ?? problems.rows[0]!;
  if (open) open.status = '整改中';
  else p.measures = `${p.measures}（补充）`;
  writeFileSync(path, toCsv(problems.columns, problems.rows));
  return p.id!;
}

/** One more commit changing one row (`oneRowEdit`): the usual rebuild after an editor's change. Returns the problem's id. */
export function appendCommit(repo: string, date = '2021-01-01T00:00:00+00:00'): string {
  const id = oneRowEdit(join(repo, 'data'));
  gitIn(repo, ['commit', '-q', '-a', '-m', `${id} 开始整改`], date);
  return id;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      make: { type: 'string' },
      repo: { type: 'string' },
      commits: { type: 'string', default: '200' },
      read: { type: 'string' },
      cache: { type: 'string' },
    },
  });
  if (values.make && values.repo) {
    const seconds = makeHistory(values.make, values.repo, Number(values.commits));
    console.log(JSON.stringify({ seconds }));
  } else if (values.read) {
    const stats: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const h = await readDataHistory({ dataDir: values.read, cacheDir: values.cache ?? false }, stats);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (!h.available) throw new Error(h.reason);
    const records = [...h.records.values()].reduce((n, t) => n + t.size, 0);
    const versions = [...h.versions.values()].reduce((n, v) => n + v.length, 0);
    const mem = process.memoryUsage();
    console.log(
      JSON.stringify({
        seconds,
        cpuSeconds,
        commits: h.commits.length,
        records,
        versions,
        ...stats,
        heapMb: mem.heapUsed / 1024 / 1024,
        rssMb: mem.rss / 1024 / 1024,
      }),
    );
  } else {
    console.error('用法：node scripts/bench-history.ts --make 数据文件夹 --repo 仓库文件夹 [--commits 200] | --read 仓库文件夹/data [--cache 缓存文件夹]');
    process.exitCode = 2;
  }
}
