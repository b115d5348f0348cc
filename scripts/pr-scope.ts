/**
 * node scripts/pr-scope.ts BASE_REF
 *
 * Which checks a pull request needs, from the files it changes (git diff BASE_REF...HEAD):
 * "data" when every changed file is an editor's content — a file under data/, a plain
 * Markdown file (.md) under content/, or a source text under content/plan/sources/ — so the
 * data-level checks suffice (validate, build, the data-level tests); "full" otherwise: code
 * changed, and the whole suite runs, browsers included. A page in .mdx counts as code (it is
 * compiled to JavaScript, even if src/build/content-check.ts refuses any code in it), and so does
 * a symbolic link or a submodule anywhere. Renames are listed as a deletion and an addition,
 * so a file moved out of src/ into data/ still counts as a change to src/. Prints `path=data`
 * or `path=full` for $GITHUB_OUTPUT.
 */
import { spawnSync } from 'node:child_process';
import { parseRawDiff, prPath, type ChangedFile } from '../src/lib/change-scope.ts';

export { isContentPath, parseRawDiff, prPath, type ChangedFile, type PrPath } from '../src/lib/change-scope.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2];
  if (!base) {
    console.error('用法：node scripts/pr-scope.ts 目标分支（例如 origin/main）');
    process.exit(2);
  }
  const r = spawnSync('git', ['diff', '--raw', '--no-renames', '-z', `${base}...HEAD`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let files: ChangedFile[] = [];
  let ok = r.status === 0;
  try {
    if (ok) files = parseRawDiff(r.stdout);
  } catch {
    ok = false;
  }
  const path = ok ? prPath(files) : 'full';
  console.log(`path=${path}`);
  const code = files.filter((f) => prPath([f]) === 'full').map((f) => f.path);
  const named = code.length ? `：${code.slice(0, 5).join('、')}${code.length > 5 ? ` 等 ${code.length} 个` : ''}` : '';
  console.error(`改动了 ${files.length} 个文件，${path === 'data' ? '只有数据和内容：检查数据、生成网站、数据层面的测试' : `包含代码${named}：运行全部测试`}`);
}
