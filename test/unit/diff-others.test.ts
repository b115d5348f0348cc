/**
 * `npm run diff` names the changed files that are not data tables, as content or code, so that a
 * change of no record (an .mdx page with code in it, say) is never reported as a change of data only.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMarkdown, diffText, type DiffReport } from '../../src/lib/history/diff-report.ts';
import { gitEnv, tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { ROOT } from '../helpers/paths.ts';

let repo: TempRepo;
let base: string;

function diff(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/diff.ts'), ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...gitEnv(), DATA_DIR: '' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const FM = '---\ntitle: 关于\ndescription: 说明\n---\n\n';

beforeAll(() => {
  repo = tempRepo('gushan-diff-others-');
  repo.commit(
    { 'data/villages.csv': 'id,name,kind\ndongcun,东村,村\n', 'content/pages/about.md': `${FM}正文\n`, 'src/lib/x.ts': 'export const x = 1;\n' },
    '2019-01-10T09:00:00+08:00',
    '基准',
  );
  base = repo.git(['rev-parse', '--short', 'HEAD']);
  repo.git(['branch', 'base']);
  repo.git(['checkout', '-q', '-b', 'edit']);
  // No record changes; a page edited, an .mdx page added with code in it, code changed.
  repo.commit(
    { 'content/pages/about.md': `${FM}新的正文\n`, 'content/pages/tools.mdx': `${FM}{process.env.HOME}\n`, 'src/lib/x.ts': 'export const x = 2;\n' },
    '2019-01-11T09:00:00+08:00',
    '改页面',
  );
  writeFileSync(join(repo.dir, 'notes.txt'), '还没有提交的文件\n');
}, 120_000);

afterAll(() => repo.remove());

describe('npm run diff: files that are not data tables', () => {
  it('are listed after the records, as content or code (new files of the working tree too)', () => {
    const r = diff(['base']);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        `数据记录没有改动（工作区与 base（${base}）相比）。`,
        '',
        '其他改动的文件（不是数据表）：',
        '  内容（按数据检查）：content/pages/about.md',
        '  代码（程序、配置或 .mdx 页面：请开发人员按代码审查）：content/pages/tools.mdx、src/lib/x.ts、notes.txt',
        '',
      ].join('\n'),
    );
  });

  it('in the job summary too, and for the last commit with --head', () => {
    const r = diff(['--markdown', '--head', 'base']);
    expect(r.out).toBe(
      [
        '## 数据记录的改动',
        '',
        `HEAD 与 \`base\`（\`${base}\`）相比：数据记录没有改动。`,
        '',
        '### 其他改动的文件（不是数据表）',
        '',
        '- 内容（按数据检查）：`content/pages/about.md`',
        '- 代码（程序、配置或 .mdx 页面：请开发人员按代码审查）：`content/pages/tools.mdx`、`src/lib/x.ts`',
        '',
        '',
      ].join('\n'),
    );
  });
});

describe('diffText and diffMarkdown', () => {
  const report: DiffReport = { base: 'origin/main', baseCommit: 'abc1234', target: 'worktree', diffs: [] };
  it('add nothing when every changed file is a data table', () => {
    expect(diffText({ ...report, others: { content: [], code: [] } })).toBe(diffText(report));
    expect(diffMarkdown({ ...report, others: { content: [], code: [] } })).toBe(diffMarkdown(report));
  });

  it('cut a long list and keep file names as code in Markdown', () => {
    const code = Array.from({ length: 60 }, (_, i) => `src/f${i}.ts`);
    expect(diffText({ ...report, others: { content: [], code } })).toContain('src/f49.ts 等 60 个文件');
    expect(diffMarkdown({ ...report, others: { content: ['content/pages/a_*b*.md'], code: ['src/`x`.ts'] } })).toContain(
      "- 内容（按数据检查）：`content/pages/a_*b*.md`\n- 代码（程序、配置或 .mdx 页面：请开发人员按代码审查）：`src/'x'.ts`\n",
    );
  });
});
