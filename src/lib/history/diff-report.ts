/**
 * The Chinese summary `npm run diff` prints of what a change does to the records, as text for
 * a terminal and as Markdown for the pull request's job summary: per table, the rows added,
 * changed (each field by its Chinese column title, old → new) and removed. Pure.
 */
import { showValue } from '../validation/issues.ts';
import { type RecordRow, type TableDiff } from './record-diff.ts';
import { columnTitle } from '../../schemas/table.ts';
import type { AnyTable } from '../../schemas/table.ts';

export interface DiffReport {
  /** The ref the change is compared with, as the user wrote it (e.g. origin/main). */
  base: string;
  /** Short id of the commit compared with (the merge base of `base` and HEAD). */
  baseCommit: string;
  /** What was compared: the working tree or HEAD. */
  target: 'worktree' | 'head';
  /** One diff per table, in the order of the schemas; tables without change are left out here. */
  diffs: ReadonlyArray<{ def: AnyTable; diff: TableDiff }>;
  /**
   * The changed files that are not data tables, by src/lib/change-scope.ts: an editor's content
   * (a .md page, a plan, its source texts) and code (everything else, .mdx pages included), so
   * that a change of no record is never mistaken for a change of data only.
   */
  others?: { content: readonly string[]; code: readonly string[] };
}

const LABEL_COLUMNS = ['title', 'name'];
const EMPTY = '（空）';

const value = (v: string) => (v === '' ? EMPTY : showValue(v, 60));
const keyText = (key: readonly string[]) => key.join(' / ');

/** The key of a row and, when the table has one, its title or name: GS-2019-004（标题：偷排废水）. */
function rowText(def: AnyTable, row: RecordRow, md: (s: string) => string, strong: (s: string) => string): string {
  const label = LABEL_COLUMNS.find((c) => (row.values[c] ?? '') !== '' && !def.primaryKey.includes(c));
  return `${strong(md(keyText(row.key)))}${label ? `（${md(columnTitle(def, label))}：${md(value(row.values[label]!))}）` : ''}`;
}

function counts(d: TableDiff): string {
  return `新增 ${d.added.length} 行，修改 ${d.changed.length} 行，删除 ${d.removed.length} 行`;
}

function columnList(def: AnyTable, cols: readonly string[], md: (s: string) => string): string {
  return cols.map((c) => (columnTitle(def, c) === c ? md(c) : `${md(columnTitle(def, c))}（${md(c)}）`)).join('、');
}

interface Style {
  md: (s: string) => string;
  strong: (s: string) => string;
}

/** The lines about one table, without the table's name. */
function tableLines(def: AnyTable, d: TableDiff, s: Style, limit: number): string[] {
  if (d.unreadable) {
    const which = d.unreadable.side === 'new' ? '改动后的文件' : '原来的文件';
    return [`${which}${s.md(d.unreadable.reason)}，请直接查看文件的改动`];
  }
  const out: string[] = [];
  if (d.columns.added.length > 0) out.push(`表头新增列 ${columnList(def, d.columns.added, s.md)}`);
  if (d.columns.removed.length > 0) out.push(`表头删除列 ${columnList(def, d.columns.removed, s.md)}`);
  const items: string[] = [
    ...d.added.map((r) => `新增 ${rowText(def, r, s.md, s.strong)}`),
    ...d.changed.map(
      (c) =>
        `修改 ${s.strong(s.md(keyText(c.key)))} ${c.fields.map((f) => `${s.md(columnTitle(def, f.column))}：${s.md(value(f.from))} → ${s.md(value(f.to))}`).join('；')}`,
    ),
    ...d.removed.map((r) => `删除 ${rowText(def, r, s.md, s.strong)}`),
  ];
  out.push(...items.slice(0, limit));
  if (items.length > limit) out.push(`……另有 ${items.length - limit} 行改动没有列出`);
  for (const n of d.notes) out.push(`注意：${s.md(n)}`);
  return out;
}

const changed = (r: DiffReport) =>
  r.diffs.filter(
    ({ diff }) =>
      diff.unreadable || diff.added.length + diff.changed.length + diff.removed.length + diff.columns.added.length + diff.columns.removed.length > 0,
  );
const target = (r: DiffReport) => (r.target === 'worktree' ? '工作区与' : 'HEAD 与');
/** The base as written, and the commit it stands for unless the base is that commit's id. */
const baseText = (r: DiffReport, code: (s: string) => string) =>
  r.base.startsWith(r.baseCommit) || r.baseCommit.startsWith(r.base) ? code(r.base) : `${code(r.base)}（${code(r.baseCommit)}）`;
const compared = (r: DiffReport, code: (s: string) => string) => {
  const b = baseText(r, code);
  return `${target(r)} ${b}${b.endsWith('）') ? '' : ' '}相比`;
};
const against = (r: DiffReport) => compared(r, (x) => x);

const OTHER_LIMIT = 50;
const CONTENT_LABEL = '内容（按数据检查）';
const CODE_LABEL = '代码（程序、配置或 .mdx 页面：请开发人员按代码审查）';

/** The lines about the files that are not data tables, without a heading; [] when there are none. */
function otherLines(r: DiffReport, name: (s: string) => string): string[] {
  const list = (files: readonly string[]) =>
    `${files.slice(0, OTHER_LIMIT).map(name).join('、')}${files.length > OTHER_LIMIT ? ` 等 ${files.length} 个文件` : ''}`;
  const out: string[] = [];
  if (r.others?.content.length) out.push(`${CONTENT_LABEL}：${list(r.others.content)}`);
  if (r.others?.code.length) out.push(`${CODE_LABEL}：${list(r.others.code)}`);
  return out;
}

/** For a terminal: one line per change, each beginning with the file name. */
export function diffText(r: DiffReport, limit = Infinity): string {
  const others = otherLines(r, (x) => x);
  const tail = others.length ? ['', '', '其他改动的文件（不是数据表）：', ...others.map((l) => `  ${l}`)].join('\n') : '';
  return diffRecordsText(r, limit) + tail;
}

function diffRecordsText(r: DiffReport, limit: number): string {
  const list = changed(r);
  if (list.length === 0) return `数据记录没有改动（${against(r)}）。`;
  const plain: Style = { md: (x) => x, strong: (x) => x };
  const out = [`数据记录的改动（${against(r)}）：`];
  for (const { def, diff } of list) {
    const file = `${def.name}.csv`;
    out.push('', `${file}：${diff.unreadable ? '无法按记录比较' : counts(diff)}`);
    for (const l of tableLines(def, diff, plain, limit)) out.push(`${file}：${l}`);
  }
  return out.join('\n');
}

/** Escapes what Markdown would read as markup, so cell text shows as written. */
export function markdownText(s: string): string {
  return s.replace(/[\\`*_[\]<>|#~!]/g, (c) => `\\${c}`);
}

/** For the pull request's job summary ($GITHUB_STEP_SUMMARY). */
export function diffMarkdown(r: DiffReport, limit = 200): string {
  const others = otherLines(r, (x) => `\`${x.replace(/`/g, "'")}\``);
  const tail = others.length ? ['', '### 其他改动的文件（不是数据表）', '', ...others.map((l) => `- ${l}`), ''].join('\n') : '';
  return diffRecordsMarkdown(r, limit) + tail;
}

function diffRecordsMarkdown(r: DiffReport, limit: number): string {
  const list = changed(r);
  const head = `## 数据记录的改动\n\n${compared(r, (x) => `\`${x}\``)}`;
  if (list.length === 0) return `${head}：数据记录没有改动。\n`;
  const style: Style = { md: markdownText, strong: (x) => `**${x}**` };
  const out = [`${head}：`];
  for (const { def, diff } of list) {
    out.push('', `### ${markdownText(`${def.name}.csv`)}：${diff.unreadable ? '无法按记录比较' : counts(diff)}`, '');
    for (const l of tableLines(def, diff, style, limit)) out.push(`- ${l}`);
  }
  return `${out.join('\n')}\n`;
}
