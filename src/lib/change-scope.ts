/**
 * Which changed files of a pull request are an editor's content and which are code: a file under
 * data/, a plain Markdown file (.md) under content/ and a source text under content/plan/sources/
 * are content; everything else is code — an .mdx page (it is compiled to JavaScript), a symbolic
 * link or a submodule anywhere included. Pure; used by scripts/pr-scope.ts (which checks a pull
 * request needs) and by `npm run diff` (which lists the files that are not data tables).
 */
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
  return changed.every((c) => (typeof c === 'string' ? isContentPath(c) : isContentPath(c.path) && (c.modes ?? []).every((m) => PLAIN_FILE_MODES.has(m))))
    ? 'data'
    : 'full';
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
