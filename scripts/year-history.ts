/**
 * A year of an editor's monthly commits over a generated data set, as a real git repository:
 * the history `npm run bench` builds every size with (issue 30, part 5).
 *
 *   node scripts/year-history.ts --make DATA_ROOT --repo DIR [--seed 1]
 *
 * Twelve commits, one a month through 2021 (DATA_ROOT is a folder of scripts/generate-data.ts):
 * January publishes the data set (data/ and content/), and each later month makes the changes of
 * `YEAR_PLAN` — problems added, rectified and closed, status changes, a new rating period for
 * every enterprise, new enterprises, removed problems and enterprises, renamed enterprises,
 * corrected observations. How many rows each change touches grows with the data set. Every
 * commit's data is valid (the project's validator accepts it; test/unit/year-history.test.ts), so
 * every commit could have been built. The same seed gives the same commits, ids included.
 *
 * The ratings table (a million rows at P) is handled as lines: a new period is appended and a
 * removed enterprise's lines dropped, never parsed into rows.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { toCsv } from '../src/lib/publishing/downloads.ts';
import { columnNames } from '../src/schemas/table.ts';
import { DATA_TABLES } from '../src/schemas/index.ts';
import { FIRM, INDUSTRIES, MEASURES, ROADS, periodsList, ratingRow, rng, uscc } from './generate-data.ts';
import { gitIn, readTable, type Table } from './bench-history.ts';

export const CHANGE_KINDS = [
  'add-problems',
  'rectify-problems',
  'close-problems',
  'status',
  'new-period',
  'add-enterprises',
  'remove-rows',
  'rename-enterprises',
  'correct-observations',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What each month changes; January (empty) publishes the data set. */
export const YEAR_PLAN: ReadonlyArray<readonly ChangeKind[]> = [
  [],
  ['add-problems', 'status'],
  ['new-period'],
  ['rename-enterprises', 'status'],
  ['correct-observations', 'rectify-problems'],
  ['add-enterprises', 'add-problems'],
  ['remove-rows', 'status'],
  ['close-problems', 'correct-observations'],
  ['rename-enterprises', 'add-problems', 'rectify-problems'],
  ['status', 'close-problems'],
  ['remove-rows', 'correct-observations'],
  ['rename-enterprises', 'status', 'rectify-problems'],
];

const WORDS: Record<ChangeKind, string> = {
  'add-problems': '新增问题',
  'rectify-problems': '整改完成',
  'close-problems': '销号',
  status: '开始整改',
  'new-period': '新评价期评价结果',
  'add-enterprises': '新增企业',
  'remove-rows': '删除记录',
  'rename-enterprises': '企业更名',
  'correct-observations': '更正观测值',
};

export interface YearCommit {
  /** The commit's day, YYYY-MM-DD. */
  day: string;
  subject: string;
  /** Rows each change touched. */
  changes: Partial<Record<ChangeKind, number>>;
}

/** How many rows a change touches in a data set of this many problems, enterprises and observations. */
export function changeSize(kind: ChangeKind, counts: { problems: number; enterprises: number; observations: number }): number {
  const atLeast = (n: number, share: number) => Math.max(n, Math.ceil(share));
  switch (kind) {
    case 'add-problems':
    case 'rectify-problems':
    case 'close-problems':
      return atLeast(2, counts.problems / 200);
    case 'status':
      return atLeast(3, counts.problems / 100);
    case 'add-enterprises':
    case 'rename-enterprises':
      return atLeast(1, counts.enterprises / 2000);
    case 'remove-rows':
      return atLeast(1, counts.problems / 1000);
    case 'correct-observations':
      return atLeast(1, counts.observations / 100);
    case 'new-period':
      return counts.enterprises;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Makes the repository at `repo` from the data set at `dataRoot`; returns its commits and the seconds it took. */
export function makeYearHistory(dataRoot: string, repo: string, seed = 1): { seconds: number; commits: YearCommit[] } {
  const started = performance.now();
  const r = rng(seed);
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  cpSync(join(dataRoot, 'data'), join(repo, 'data'), { recursive: true });
  if (existsSync(join(dataRoot, 'content'))) cpSync(join(dataRoot, 'content'), join(repo, 'content'), { recursive: true });
  gitIn(repo, ['init', '-q', '-b', 'main']);
  const path = (table: string) => join(repo, 'data', `${table}.csv`);
  const problems = readTable(path('problems'));
  const enterprises = readTable(path('enterprises'));
  const observations = readTable(path('observations'));
  const villages = readTable(path('villages')).rows.map((v) => v.id!);
  let ratings = readFileSync(path('credit-ratings'), 'utf8');
  // Rows an objection or report points at are never removed (the reference would break).
  const answered = new Set(readTable(path('responses')).rows.flatMap((x) => [x.key!, x.key!.split('+')[0]!]));
  const counts = { problems: problems.rows.length, enterprises: enterprises.rows.length, observations: observations.rows.length };
  const pick = <T>(xs: readonly T[]): T => xs[r.int(xs.length)]!;
  /** Up to n distinct rows that pass `ok`, drawn from `rows`. */
  const draw = (rows: Array<Record<string, string>>, n: number, ok: (row: Record<string, string>) => boolean) => {
    const pool = rows.filter(ok);
    const out: Array<Record<string, string>> = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(r.int(pool.length), 1)[0]!);
    return out;
  };
  let newProblems = 0;
  let newEnterprises = 0;
  const commits: YearCommit[] = [];

  YEAR_PLAN.forEach((plan, month) => {
    const day = `2021-${pad(month + 1, 2)}-15`;
    const dirty = new Set<string>();
    const changes: YearCommit['changes'] = {};
    for (const kind of plan) {
      const n = changeSize(kind, counts);
      let done = 0;
      if (kind === 'add-problems') {
        for (let k = 0; k < n; k++) {
          const village = pick(villages);
          const reported = `2021-${pad(month + 1, 2)}-${pad(1 + r.int(14), 2)}`;
          const row: Record<string, string> = {
            id: `GS-2021-${pad(++newProblems, 4)}`,
            reported,
            source_type: '信访举报',
            village,
            location: `${pick(ROADS)}附近`,
            categories: '水',
            title: pick(['河道出现大片漂浮物', '夜间厂区排放异味', '渣土车沿路抛洒']),
            description: '群众来电反映，镇环保办已派员现场核查。',
            verified: '核查中',
            responsible: '顾山镇环保办',
            deadline: `2022-${pad(month + 1, 2)}-28`,
            status: '待整改',
          };
          problems.rows.push(row);
          done++;
        }
        dirty.add('problems');
      } else if (kind === 'status') {
        for (const p of draw(problems.rows, n, (p) => p.status === '待整改')) {
          p.status = '整改中';
          done++;
        }
        dirty.add('problems');
      } else if (kind === 'rectify-problems') {
        for (const p of draw(problems.rows, n, (p) => p.status === '整改中' || p.status === '待整改')) {
          p.status = '已整改';
          p.closed = day;
          p.measures = pick(MEASURES);
          done++;
        }
        dirty.add('problems');
      } else if (kind === 'close-problems') {
        for (const p of draw(problems.rows, n, (p) => p.status === '已整改')) {
          p.status = '已销号';
          done++;
        }
        dirty.add('problems');
      } else if (kind === 'new-period') {
        const have = new Set(
          ratings
            .split('\n')
            .slice(1)
            .map((l) => l.split(',')[1]),
        );
        const period = periodsList(99).find((p) => !have.has(p));
        if (period) {
          const rows = enterprises.rows.map((e) => ratingRow(r, e.uscc!, period));
          const text = toCsv(columnNames(DATA_TABLES['credit-ratings']), rows);
          ratings += text.slice(text.indexOf('\n') + 1);
          done = rows.length;
          dirty.add('credit-ratings');
        }
      } else if (kind === 'add-enterprises') {
        for (let k = 0; k < n; k++) {
          const industry = pick(INDUSTRIES);
          // Codes far beyond the generator's, so none is taken.
          enterprises.rows.push({
            uscc: uscc(20_000_000 + ++newEnterprises),
            name: `（示例）${pick(FIRM)}${pick(FIRM)}${industry}有限公司新设${newEnterprises}号`,
            industry,
            village: pick(villages),
            address: `顾山镇${pick(ROADS)}${1 + r.int(300)}号`,
          });
          done++;
        }
        dirty.add('enterprises');
      } else if (kind === 'remove-rows') {
        const gone = new Set(draw(problems.rows, n, (p) => !answered.has(p.id!)).map((p) => p.id));
        problems.rows = problems.rows.filter((p) => !gone.has(p.id));
        // Enterprises no problem and no answer refers to; their ratings go with them.
        const named = new Set(problems.rows.map((p) => p.enterprise));
        const leaving = new Set(draw(enterprises.rows, Math.max(1, Math.ceil(n / 5)), (e) => !named.has(e.uscc) && !answered.has(e.uscc!)).map((e) => e.uscc!));
        enterprises.rows = enterprises.rows.filter((e) => !leaving.has(e.uscc!));
        ratings = ratings
          .split('\n')
          .filter((l) => !leaving.has(l.slice(0, l.indexOf(','))))
          .join('\n');
        done = gone.size + leaving.size;
        for (const t of ['problems', 'enterprises', 'credit-ratings']) dirty.add(t);
      } else if (kind === 'rename-enterprises') {
        for (const e of draw(enterprises.rows, n, (e) => !e.name!.includes('股份'))) {
          e.name = e.name!.replace('有限公司', '股份有限公司');
          done++;
        }
        dirty.add('enterprises');
      } else if (kind === 'correct-observations') {
        for (const o of draw(observations.rows, n, () => true)) {
          o.value = String(Math.round(r.next() * 1000) / 10);
          o.note = `${day} 更正`;
          done++;
        }
        dirty.add('observations');
      }
      changes[kind] = done;
    }
    const tables: Record<string, Table> = { problems, enterprises, observations };
    for (const t of dirty) writeFileSync(path(t), t === 'credit-ratings' ? ratings : toCsv(tables[t]!.columns, tables[t]!.rows));
    const subject = month === 0 ? '首次公开数据' : `2021年${month + 1}月更新：${plan.map((k) => `${WORDS[k]} ${changes[k]} 条`).join('，')}`;
    gitIn(repo, ['add', '-A']);
    gitIn(repo, ['commit', '-q', '-m', subject], `${day}T09:00:00+08:00`);
    commits.push({ day, subject, changes });
  });
  return { seconds: (performance.now() - started) / 1000, commits };
}

/** A fresh clone of `repo` at `dir`: what a deployment starts from (no work tree files of earlier builds). */
export function freshClone(repo: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const r = spawnSync('git', ['clone', '-q', '--no-hardlinks', repo, dir], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git clone ${repo}: ${r.stderr}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { make: { type: 'string' }, repo: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  if (!values.make || !values.repo) {
    console.error('用法：node scripts/year-history.ts --make 数据文件夹 --repo 仓库文件夹 [--seed 1]');
    process.exit(2);
  }
  const { seconds, commits } = makeYearHistory(values.make, values.repo, Number(values.seed));
  for (const c of commits) console.log(`${c.day} ${c.subject}`);
  console.log(`${commits.length} 次提交，${seconds.toFixed(1)} 秒`);
}
