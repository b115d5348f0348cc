/**
 * node scripts/pr-scope.ts BASE_REF
 *
 * Which checks a pull request needs, from the files it changes (git diff BASE_REF...HEAD):
 * "data" when every changed file is under data/ or content/ (an editor's change: validate,
 * build, the data-level checks), "full" otherwise (code changed: the whole suite, browsers
 * included). Prints `path=data` or `path=full` for $GITHUB_OUTPUT.
 */
import { spawnSync } from 'node:child_process';

export type PrPath = 'data' | 'full';

/** An empty change (nothing to compare) gets the whole suite, to be safe. */
export function prPath(changed: readonly string[]): PrPath {
  if (changed.length === 0) return 'full';
  return changed.every((f) => /^(data|content)\//.test(f)) ? 'data' : 'full';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2];
  if (!base) {
    console.error('用法：node scripts/pr-scope.ts 目标分支（例如 origin/main）');
    process.exit(2);
  }
  const r = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`], { encoding: 'utf8' });
  const files = r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
  const path = r.status === 0 ? prPath(files) : 'full';
  console.log(`path=${path}`);
  console.error(`改动了 ${files.length} 个文件，${path === 'data' ? '只有数据和内容：检查数据、生成网站、数据层面的测试' : '包含代码：运行全部测试'}`);
}
