/**
 * node scripts/pr-scope.ts BASE_REF
 *
 * Which checks a pull request needs, from the files it changes (git diff BASE_REF...HEAD):
 * "data" when every changed file is an editor's content — a file under data/, a plain
 * Markdown file (.md) under content/, or a source text under content/plan/sources/ — so the
 * data-level checks suffice (validate, build, the data-level tests); "full" otherwise: code
 * changed, and the whole suite runs, browsers included. A page in .mdx counts as code (it is
 * compiled to JavaScript, even if src/lib/content-check.ts refuses any code in it), and so does
 * a symbolic link or a submodule anywhere. Renames are listed as a deletion and an addition,
 * so a file moved out of src/ into data/ still counts as a change to src/. Prints `path=data`
 * or `path=full` for $GITHUB_OUTPUT.
 */
import { spawnSync } from 'node:child_process';

export type PrPath = 'data' | 'full';

export interface ChangedFile {
  path: string;
  /** The git modes of both sides (`100644` a file, `100755` executable, `120000` a symbolic link, `160000` a submodule, `000000` absent). */
  modes?: readonly string[];
}

/** Whether one changed path is an editor's content rather than code. */
export function isContentPath(path: string): boolean {
  if (path.startsWith('data/')) return true;
  if (path.startsWith('content/plan/sources/')) return true;
  return path.startsWith('content/') && path.endsWith('.md');
}

const PLAIN_FILE_MODES = new Set(['100644', '100755', '000000']);

/** An empty change (nothing to compare) gets the whole suite, to be safe. */
export function prPath(changed: ReadonlyArray<string | ChangedFile>): PrPath {
  if (changed.length === 0) return 'full';
  return changed.every((c) => (typeof c === 'string' ? isContentPath(c) : isContentPath(c.path) && (c.modes ?? []).every((m) => PLAIN_FILE_MODES.has(m)))) ? 'data' : 'full';
}

/** The entries of `git diff --raw --no-renames -z` (`:old new sha sha X\0path\0` each). */
export function parseRawDiff(out: string): ChangedFile[] {
  const parts = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!.replace(/^\n/, '');
    const m = /^:(\d{6}) (\d{6}) /.exec(meta);
    if (!m) throw new Error(`git diff --raw: unexpected entry “${meta}”`);
    files.push({ path: parts[i + 1]!, modes: [m[1]!, m[2]!] });
  }
  return files;
}

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
