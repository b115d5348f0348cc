/** `npm run diff -- BASE`: the Chinese summary of record changes, on a fixture repository made here (wording pinned). */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMarkdown, diffText, markdownText } from '../../src/lib/history/diff-report.ts';
import { diffTable } from '../../src/lib/history/record-diff.ts';
import { problems } from '../../src/schemas/problems.ts';
import { villages } from '../../src/schemas/villages.ts';
import { ROOT } from '../helpers/paths.ts';
import { gitEnv, tempRepo, type TempRepo } from '../helpers/git-repo.ts';

const HEAD =
  'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url';
const p = (id: string, title: string, status: string, closed = '') =>
  `${id},2019-01-02,信访举报,,东村河,水,${title},群众反映。,属实,,环保办,,${status},${closed},,,,`;
const csv = (...rows: string[]) => `${HEAD}\n${rows.join('\n')}\n`;

let repo: TempRepo;
let base: string;

function diff(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/diff.ts'), ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...gitEnv(), DATA_DIR: '' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  repo = tempRepo('gushan-diff-');
  repo.commit(
    {
      'data/problems.csv': csv(p('GS-2019-003', '企业偷排', '整改中'), p('GS-2019-004', '露天焚烧', '整改中')),
      'data/villages.csv': 'id,name,kind\ndongcun,东村,村\n',
    },
    '2019-01-10T09:00:00+08:00',
    '基准',
  );
  base = repo.git(['rev-parse', '--short', 'HEAD']);
  repo.git(['branch', 'base']);
  repo.git(['checkout', '-q', '-b', 'edit']);
  // An editor's change: a status, a new problem, a removed one; villages re-saved by Excel only.
  writeFileSync(join(repo.dir, 'data/problems.csv'), csv(p('GS-2019-004', '露天焚烧', '已整改', '2019-06-30'), p('GS-2019-010', '夜间施工噪声', '待整改')));
  writeFileSync(join(repo.dir, 'data/villages.csv'), '\ufeffid,name,kind\r\ndongcun,东村,村\r\n');
}, 120_000); // some twenty git commands: slow on a busy machine

afterAll(() => repo.remove());

describe('npm run diff', () => {
  it('prints what the working tree changes in the records, per table, with Chinese column titles', () => {
    const r = diff(['base']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toBe(
      [
        `数据记录的改动（工作区与 base（${base}）相比）：`,
        '',
        'problems.csv：新增 1 行，修改 1 行，删除 1 行',
        'problems.csv：新增 GS-2019-010（标题：夜间施工噪声）',
        'problems.csv：修改 GS-2019-004 整改状态：整改中 → 已整改；完成日期：（空） → 2019-06-30',
        'problems.csv：删除 GS-2019-003（标题：企业偷排）',
        '',
      ].join('\n'),
    );
  });

  it('writes Markdown for the job summary with --markdown', () => {
    const r = diff(['--markdown', 'base']);
    expect(r.status).toBe(0);
    expect(r.out).toBe(
      [
        '## 数据记录的改动',
        '',
        `工作区与 \`base\`（\`${base}\`）相比：`,
        '',
        '### problems.csv：新增 1 行，修改 1 行，删除 1 行',
        '',
        '- 新增 **GS-2019-010**（标题：夜间施工噪声）',
        '- 修改 **GS-2019-004** 整改状态：整改中 → 已整改；完成日期：（空） → 2019-06-30',
        '- 删除 **GS-2019-003**（标题：企业偷排）',
        '',
        '',
      ].join('\n'),
    );
  });

  it('compares HEAD with --head, from the merge base of BASE (what the branch changed, not what BASE did since)', () => {
    expect(diff(['--head', 'base']).out).toBe(`数据记录没有改动（HEAD 与 base（${base}）相比）。\n`);
    const saved = readFileSync(join(repo.dir, 'data/problems.csv'), 'utf8');
    repo.commit({}, '2019-07-01T10:00:00+08:00', '编辑的改动');
    // BASE moves on with a change of its own: it is not this branch's change.
    repo.git(['checkout', '-q', 'base']);
    repo.commit({ 'data/villages.csv': 'id,name,kind\ndongcun,东村,村\nxishe,西社区,社区\n' }, '2019-07-02T10:00:00+08:00', '基准分支新增西社区');
    repo.git(['checkout', '-q', 'edit']);
    const r = diff(['--head', 'base']);
    expect(r.out).toContain('problems.csv：修改 GS-2019-004 整改状态：整改中 → 已整改；完成日期：（空） → 2019-06-30');
    expect(r.out).not.toContain('villages.csv');
    expect(readFileSync(join(repo.dir, 'data/problems.csv'), 'utf8')).toBe(saved);
  });

  it("withholds what the working tree's redactions.csv withholds (a pull request's job summary is public)", () => {
    const problemsFile = join(repo.dir, 'data/problems.csv');
    const redactions = join(repo.dir, 'data/redactions.csv');
    const was = readFileSync(problemsFile, 'utf8');
    try {
      writeFileSync(redactions, 'table,key,column,until,reason\nproblems,GS-2019-004,status,,复核更正\nproblems,GS-2019-003,,,个人信息\n');
      const r = diff(['base']);
      expect(r.status).toBe(0);
      expect(r.out).toContain('problems.csv：修改 GS-2019-004 整改状态：已隐去：复核更正 → 已整改');
      expect(r.out).toContain('problems.csv：删除 GS-2019-003\n');
      expect(r.out).not.toContain('企业偷排');
    } finally {
      writeFileSync(problemsFile, was);
      repo.git(['clean', '-fq', 'data/redactions.csv']);
    }
  });

  it('refuses a base that does not exist, and no base, with exit code 2', () => {
    const r = diff(['no-such-branch']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('找不到 no-such-branch');
    expect(diff([]).status).toBe(2);
  });
});

describe('the summary wording', () => {
  const report = (diffs: Parameters<typeof diffText>[0]['diffs']) => ({ base: 'origin/main', baseCommit: 'abc1234', target: 'worktree' as const, diffs });

  it('names header changes by title, says when a version cannot be compared, and lists notes', () => {
    const v = diffTable(villages, 'id,name\ndongcun,东村\n', 'id,name,kind,extra\ndongcun,东村,村,\n');
    const broken = diffTable(problems, csv(p('GS-2019-003', '企业偷排', '整改中')), 'title,status\n企业偷排,整改中\n');
    expect(
      diffText(
        report([
          { def: villages, diff: v },
          { def: problems, diff: broken },
        ]),
      ),
    ).toBe(
      [
        '数据记录的改动（工作区与 origin/main（abc1234）相比）：',
        '',
        'villages.csv：新增 0 行，修改 1 行，删除 0 行',
        'villages.csv：表头新增列 类型（kind）、extra',
        'villages.csv：修改 dongcun 类型：（空） → 村',
        '',
        'problems.csv：无法按记录比较',
        'problems.csv：改动后的文件缺少主键列 id，请直接查看文件的改动',
      ].join('\n'),
    );
  });

  it('shortens long values to one line, limits long lists, and escapes Markdown in cell text', () => {
    const long = '很长的描述'.repeat(20);
    const d = diffTable(
      problems,
      csv(p('GS-2019-003', '企业偷排', '整改中')),
      csv(p('GS-2019-003', `企业*偷排*|${long}`, '整改中'), p('GS-2019-011', 'a', '待整改'), p('GS-2019-012', 'b', '待整改')),
    );
    const text = diffText(report([{ def: problems, diff: d }]), 2);
    expect(diffText(report([{ def: problems, diff: d }]))).toContain(`problems.csv：修改 GS-2019-003 标题：企业偷排 → 企业*偷排*|${long.slice(0, 60 - 7)}…`);
    expect(text.split('\n').at(-1)).toBe('problems.csv：……另有 1 行改动没有列出');
    expect(diffMarkdown(report([{ def: problems, diff: d }]))).toContain('标题：企业偷排 → 企业\\*偷排\\*\\|');
    expect(markdownText('<b>_x_</b>')).toBe('\\<b\\>\\_x\\_\\</b\\>');
  });
});
