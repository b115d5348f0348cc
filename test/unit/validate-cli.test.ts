import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialise, VALID } from '../helpers/fixtures.ts';
import { OUTPUT, ROOT } from '../helpers/paths.ts';

function validate(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run validate', () => {
  it('checks data/ and content/ of the folder it runs in by default, and passes on valid ones', () => {
    // A copy of the valid fixture as a project folder: the test must not depend on the town's data/.
    const project = join(OUTPUT, 'validate-cli-default');
    rmSync(project, { recursive: true, force: true });
    cpSync(VALID, project, { recursive: true });
    const env = { ...process.env };
    delete env.DATA_DIR;
    delete env.CONTENT_DIR;
    const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts')], { cwd: project, encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✓ 数据检查通过：11 个表共 \d+ 行，2 个计划文件/);
  });

  it('lists every problem grouped by file, sorted by line, and exits 1', () => {
    const dir = materialise('many-errors-one-pass');
    const r = validate(['--data', `${dir}/data`, '--content', `${dir}/content`]);
    expect(r.status).toBe(1);
    const lines = r.out.split('\n');
    const problems = lines.findIndex((l) => l === `${dir.slice(ROOT.length)}/data/problems.csv`.replace(/^\//, ''));
    expect(problems).toBeGreaterThan(0);
    expect(lines[problems + 1]).toContain(
      '/data/problems.csv:2 列 deadline：“2017-5-13”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-05-13” [E035]',
    );
    expect(lines[problems + 2]).toContain('/data/problems.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号） [E031]');
    expect(r.out).toContain('✗ 共发现 8 个问题，涉及 5 个文件');
  });

  it('reads DATA_DIR and CONTENT_DIR from the environment', () => {
    const r = validate([], { DATA_DIR: join(VALID, 'data'), CONTENT_DIR: join(VALID, 'content') });
    expect(r.status).toBe(0);
    expect(r.out).toContain('11 个表共 124 行，2 个计划文件');
  });

  it('prints machine-readable JSON with --format json', () => {
    const dir = materialise('cell-enum');
    const r = validate(['--format', 'json', '--data', `${dir}/data`, '--content', `${dir}/content`]);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.count).toBe(1);
    expect(json.issues[0]).toMatchObject({ code: 'E031', line: 4, column: 'status', excelColumn: 'M', value: '已完成', title: '不是允许的值' });
    expect(json.issues[0].file).toMatch(/data\/problems\.csv$/);
  });

  it('prints GitHub annotations with --format github', () => {
    const dir = materialise('cell-enum');
    const r = validate(['--format', 'github', '--data', `${dir}/data`, '--content', `${dir}/content`]);
    expect(r.status).toBe(1);
    expect(r.out.trim()).toMatch(
      /^::error file=.*data\/problems\.csv,line=4,title=E031 不是允许的值::.*data\/problems\.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）（说明：http:\/\/localhost:4321\/data\/errors\/#E031）$/,
    );
  });

  it('refuses an unknown format with exit code 2', () => {
    expect(validate(['--format', 'xml']).status).toBe(2);
  });
});

describe('npm run validate -- --fix', () => {
  it('writes the mechanical fixes into the files only when asked, lists them, and then passes', () => {
    const dir = materialise('fix-ten-mistakes');
    const args = ['--data', `${dir}/data`, '--content', `${dir}/content`];
    const before = readFileSync(`${dir}/data/problems.csv`, 'utf8');
    const plain = validate(args);
    expect(plain.status).toBe(1);
    expect(plain.out).toContain('运行 npm run validate -- --fix 可以自动改好这些单元格');
    expect(readFileSync(`${dir}/data/problems.csv`, 'utf8')).toBe(before);
    const r = validate(['--fix', ...args]);
    expect(r.status).toBe(0);
    expect(r.out).toContain('已自动修正 11 处');
    expect(r.out).toContain('data/problems.csv:2 单元格 B2（列 reported）：“2017/3/14” → “2017-03-14”');
    expect(r.out).toContain('✓ 数据检查通过');
    const after = readFileSync(`${dir}/data/problems.csv`, 'utf8');
    expect(after).not.toContain('\r\n'); // the file's own line ends are kept
    expect(after.split('\n')).toHaveLength(before.split('\n').length);
  });

  it('lists the other problems of a GBK file in the same run, and does not promise --fix for a file it leaves as it is', () => {
    const dir = materialise('encoding-gbk-cells');
    const r = validate(['--data', `${dir}/data`, '--content', `${dir}/content`]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('：文件是 GBK/GB18030 编码');
    expect(r.out).toContain('/data/problems.csv:7 列 reported：“2019/2/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2019-02-14” [E035]');
    expect(r.out).toContain('✗ 共发现 3 个问题');
    expect(r.out).not.toContain('--fix');
  });

  it('keeps a row with an unclosed quote exactly as written, fixes the date in the next row, and still fails on the quote', () => {
    // The reported loss: before, the row with the quote vanished from the file and the check passed.
    const dir = join(OUTPUT, 'validate-cli-fix-keeps');
    rmSync(dir, { recursive: true, force: true });
    cpSync(VALID, dir, { recursive: true });
    const file = join(dir, 'data/problems.csv');
    const before = readFileSync(file, 'utf8').replace(',养殖废水直排河道,', ',"养殖废水直排河道,').replace('GS-2018-003,2018-11-05,', 'GS-2018-003,2018/11/5,');
    writeFileSync(file, before);
    const r = validate(['--fix', '--data', join(dir, 'data'), '--content', join(dir, 'content')]);
    const shown = relative(ROOT, file).split('\\').join('/');
    expect(r.out).toContain(`已自动修正 1 处：\n  ${shown}:6 单元格 B5（列 reported）：“2018/11/5” → “2018-11-05”\n`);
    expect(r.out).toContain(`没有改动的行：\n  ${shown}:5 这一行的引号有错，读不出来：原样保留，没有修正（请手工修改）\n`);
    expect(readFileSync(file, 'utf8')).toBe(before.replace('2018/11/5', '2018-11-05'));
    expect(r.status).toBe(1);
    expect(r.out).not.toContain('✓');
    expect(r.out).toContain(
      `${shown}:5：从这一行开始的带引号单元格“"养殖废水直排河道,群众反映养殖场废水直接排入南巷村小河。,…”一直到文件末尾都没有结束引号（请在单元格文字结束处补上英文双引号 "） [E021]`,
    );
  });
});
