/**
 * Reads the flat front matter of plan files (`key: value` lines between two `---` lines).
 * Plan files use only flat string and date fields, so this small reader is enough for the
 * `validate` command to check them without starting Astro.
 */
export interface FrontMatterResult {
  data: Record<string, string>;
  issues: Array<{ line: number; message: string }>;
  /** Number of physical lines the front matter takes, including both `---` lines. */
  lines: number;
}

export function readFrontMatter(source: string): FrontMatterResult {
  const all = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const data: Record<string, string> = {};
  const issues: FrontMatterResult['issues'] = [];
  if (all[0] !== '---') {
    return { data, issues: [{ line: 1, message: '文件第 1 行必须是 ---（文件头开始）' }], lines: 0 };
  }
  const end = all.indexOf('---', 1);
  if (end < 0) return { data, issues: [{ line: 1, message: '文件头没有用 --- 结束' }], lines: 0 };
  for (let i = 1; i < end; i++) {
    const raw = all[i] ?? '';
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(raw);
    if (!m) {
      issues.push({ line: i + 1, message: `“${raw.slice(0, 30)}”不是“字段名: 值”的格式` });
      continue;
    }
    let value = (m[2] ?? '').trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    data[m[1]!] = value;
  }
  return { data, issues, lines: end + 1 };
}
