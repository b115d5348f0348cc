/**
 * Names that become addresses and files: what may lie in data/ and content/ (the contract's
 * folders and kinds), the file names of plans and pages (they are their addresses), and ids that
 * would take over another route's address (src/lib/validation/routes.ts). Part of the validator; pure and
 * browser-safe (the Node reader lists the folders, src/build/read-dataset.ts).
 */
import { showValue, type ValidationIssue } from './issues.ts';
import { COMMIT_ADDRESS, routeClash, type RouteClash, ROUTE_PARAMS } from './routes.ts';
import { KEY_MAX_LENGTH, SLUG } from '../../schemas/columns.ts';
import { columnMetaOf, type AnyTable } from '../../schemas/table.ts';

/** Files that systems and editors' programs leave behind and that are never data: not read, not refused. */
export function ignoredFile(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!;
  // Hidden files and folders (.DS_Store, .gitkeep, .git), Windows' folder files, Office's lock files (~$problems.csv).
  return parts.some((p) => p.startsWith('.')) || /^(thumbs\.db|desktop\.ini)$/i.test(name) || name.startsWith('~$');
}

const SPREADSHEET = /\.(xlsx|xlsm|xls|et|ods|numbers)$/i;

/** The table a stray file in data/ was probably meant to be: “problems (1).csv”, “problems - 副本.csv”, “problems.csv.bak” → problems. */
function copyOf(name: string, tables: readonly string[]): string | undefined {
  let stem = name.toLowerCase();
  for (;;) {
    const before = stem;
    stem = stem
      .replace(/\.(csv|txt|bak|old|orig|tmp|backup|xlsx|xlsm|xls|et|ods|numbers)$/, '')
      .replace(/\s*[(（]\s*\d+\s*[)）]$/, '')
      .replace(/\s*[-_]?\s*(副本|复件|拷贝|备份|copy|backup|bak|old|new|\d{8}|\d{4}-\d{2}-\d{2})$/, '')
      .replace(/^(副本|复件|copy of)\s*/, '')
      .trim();
    if (stem === before) break;
  }
  return tables.find((t) => t === stem);
}

/** A file name made into a slug, when that is mechanical (letter case, spaces, underscores); undefined otherwise. */
function slugName(stem: string): string | undefined {
  const s = stem
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return SLUG.test(s) && s.length <= KEY_MAX_LENGTH ? s : undefined;
}

export interface FolderListing {
  /** Folder prefix shown in messages ("data"). */
  dataDir: string;
  /** Every file under it, relative, with "/" ("problems.csv", "old/problems.csv"). */
  dataFiles: readonly string[];
  /** Folder prefix shown in messages ("content"). */
  contentDir: string;
  /** Every file under it, relative, with "/" ("plan/gushan-2017.md", "pages/about.mdx"). */
  contentFiles: readonly string[];
}

const ALLOWED_NAME = `小写英文字母、数字和连字符 -，不超过 ${KEY_MAX_LENGTH} 个字符`;

/** A plan's or page's file name: a slug that the site can use as its address. */
export function fileNameIssue(path: string, stem: string, ext: string, example: string): ValidationIssue | undefined {
  if (SLUG.test(stem) && stem.length <= KEY_MAX_LENGTH) return undefined;
  const fix = slugName(stem);
  const why = stem.length > KEY_MAX_LENGTH ? `太长（${stem.length} 个字符）` : '不能用作网址';
  const issue: ValidationIssue = {
    code: 'E111',
    file: path,
    value: `${stem}${ext}`,
    message: `文件名“${showValue(`${stem}${ext}`)}”${why}（允许：${ALLOWED_NAME}，以 ${ext} 结尾，例如 ${example}${ext}）${fix ? `，应改名为“${fix}${ext}”` : ''}`,
  };
  if (fix) issue.fix = `${fix}${ext}`;
  return issue;
}

/**
 * data/ holds the tables, content/ the plans (with their source material in plan/sources/) and
 * the pages; anything else is refused by name, so that an editor's copy is never silently left
 * unpublished. Plans' and pages' names must be slugs, and two pages must not share an address.
 */
export function checkFolders(listing: FolderListing, tables: readonly AnyTable[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const names = tables.map((t) => t.name);
  const list = names.map((n) => `${n}.csv`).join('、');
  for (const path of listing.dataFiles) {
    if (ignoredFile(path)) continue;
    const shown = `${listing.dataDir}/${path}`;
    const name = path.split('/').pop()!;
    if (path.includes('/')) {
      issues.push({ code: 'E110', file: shown, value: path, message: `data/ 中不能有子文件夹，这个文件不会被读取（data/ 中只能直接放这些数据表：${list}）` });
      continue;
    }
    if (names.some((n) => `${n}.csv` === name)) continue;
    const exact = names.find((n) => `${n}.csv` === name.toLowerCase());
    const copy = copyOf(name, names);
    let message: string;
    const extra: Partial<ValidationIssue> = {};
    if (exact !== undefined) {
      message = `文件名的大小写不对：网站只读 ${exact}.csv（在区分大小写的服务器上，这个文件会被当作不存在），应改名为“${exact}.csv”`;
      extra.fix = `${exact}.csv`;
    } else if (SPREADSHEET.test(name)) {
      message = `是 Excel 或 WPS 工作簿，网站只读 CSV 文件${copy ? `：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，文件名 ${copy}.csv，然后把工作簿移出 data/` : `（data/ 中只能放这些数据表：${list}）；请把工作簿移出 data/`}`;
    } else if (copy !== undefined) {
      message = `不是数据表：是不是 ${copy}.csv 的副本？网站只读 ${copy}.csv，这个文件中的修改不会发布（请把修改写进 ${copy}.csv，再把这个文件删除或移出 data/）`;
    } else {
      message = `不是数据表，不会被读取或发布（data/ 中只能放这些数据表：${list}；其他文件请移出 data/）`;
    }
    issues.push({ code: 'E110', file: shown, value: name, message, ...extra });
  }

  const pages = new Map<string, string>();
  // Well-named files first: of about.md and About.md, About.md is the one reported as the second.
  const wellNamed = (p: string) => (/^pages\/[a-z0-9-]+\.mdx?$/.test(p) ? 0 : 1);
  for (const path of [...listing.contentFiles].sort((a, b) => wellNamed(a) - wellNamed(b))) {
    if (ignoredFile(path)) continue;
    const shown = `${listing.contentDir}/${path}`;
    const parts = path.split('/');
    const name = parts[parts.length - 1]!;
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const refuse = (message: string) => issues.push({ code: 'E110', file: shown, value: path, message });
    if (parts[0] === 'plan' && parts[1] === 'sources' && parts.length > 2) continue; // the plans' source material, any kind
    if (parts[0] === 'plan' && parts.length === 2 && ext === '.md') continue; // checked with the plans (fileNameIssue)
    if (parts[0] === 'plan') {
      refuse(
        parts.length === 2
          ? `不是计划文件（content/plan/ 中只能放计划原文 .md 文件；原文的 PDF、Word 等材料请放在 content/plan/sources/ 中）`
          : `不会被读取（content/plan/ 中只有 sources/ 一个子文件夹，放原文材料）`,
      );
      continue;
    }
    if (parts[0] === 'pages' && parts.length === 2 && (ext === '.md' || ext === '.mdx')) {
      const bad = fileNameIssue(shown, stem, ext, 'about');
      if (bad) issues.push(bad);
      const id = stem.toLowerCase();
      const first = pages.get(id);
      if (first !== undefined) {
        issues.push({
          code: 'E112',
          file: shown,
          value: name,
          message: `与 ${first} 是同一个页面（网址都是 /${id}/；文件名只差大小写或扩展名）（请删除或改名其中一个）`,
        });
      } else pages.set(id, shown);
      continue;
    }
    if (parts[0] === 'pages') {
      refuse(parts.length === 2 ? `不是页面（content/pages/ 中只能放 .md 或 .mdx 页面）` : `不会被读取（content/pages/ 中不能有子文件夹）`);
      continue;
    }
    refuse(`不属于网站的内容（content/ 中只有 plan/ 和 pages/ 两个文件夹：plan/ 放计划原文，pages/ 放页面）`);
  }
  return issues;
}

/** Plans' file names (plan ids); duplicates by letter case are reported like pages'. */
export function checkPlanNames(plans: ReadonlyArray<{ id: string; path: string }>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, string>();
  const wellNamed = (id: string) => (SLUG.test(id) ? 0 : 1);
  for (const p of [...plans].sort((a, b) => wellNamed(a.id) - wellNamed(b.id))) {
    const bad = fileNameIssue(p.path, p.id, '.md', 'gushan-2017');
    if (bad) issues.push(bad);
    const first = seen.get(p.id.toLowerCase());
    if (first !== undefined) {
      issues.push({
        code: 'E112',
        file: p.path,
        value: `${p.id}.md`,
        message: `与 ${first} 是同一个计划（网址都是 /plan/${p.id.toLowerCase()}/；文件名只差大小写）（请删除或改名其中一个）`,
      });
    } else seen.set(p.id.toLowerCase(), p.path);
  }
  return issues;
}

const shownRoute = (url: string) => url.replace(/\[([^\]]+)\]/g, '<$1>');

function clashText(what: string, value: string, c: RouteClash, change: string): string {
  if (c.kind === 'device')
    return `${what}“${showValue(value)}”不能用：${value.split('.')[0]} 是 Windows 保留的设备名，网址 ${c.url} 在 Windows 电脑上无法保存成文件（${change}）`;
  if (c.kind === 'reserved') {
    const names = c.names.filter((n) => !n.startsWith('_') && !n.includes('.')).join('、');
    return `${what}“${showValue(value)}”不能用：网址 ${c.url} 已经是网站的其他网址（${c.folder} 下已经使用的名字：${names}）（${change}）`;
  }
  const of = c.otherValue !== undefined ? `（其中 ${shownRoute(c.other).match(/<[^>]+>/)?.[0] ?? ''} 为“${showValue(c.otherValue)}”）` : '';
  return `${what}“${showValue(value)}”不能用：它的网址 ${c.url} 也是网站的另一个网址 ${shownRoute(c.other)}${of}（${change}）`;
}

export interface NamedValues {
  tables: ReadonlyMap<
    string,
    {
      def: AnyTable;
      file: string;
      letters: ReadonlyMap<string, string>;
      rows: ReadonlyArray<{ line: number; excelRow: number; record: Record<string, unknown> }>;
    }
  >;
  /** Plans whose names are slugs. */
  plans: ReadonlyArray<{ id: string; path: string }>;
  /** Pages whose names are slugs: id and path. */
  pages: ReadonlyArray<{ id: string; path: string }>;
}

/**
 * Every id that becomes part of an address (ROUTE_PARAMS) is checked against the site's other
 * routes: a row's key at its line and column, a plan's or page's name at its file.
 */
export function checkRouteClashes(v: NamedValues): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const accepts = (param: string, value: string): boolean => {
    const s = ROUTE_PARAMS[param];
    if (s?.kind === 'column') {
      const def = v.tables.get(s.table)?.def;
      const meta = def ? columnMetaOf(def, s.column) : undefined;
      return meta ? meta.parse(value).ok : true;
    }
    if (s?.kind === 'plan' || s?.kind === 'page') return SLUG.test(value) && value.length <= KEY_MAX_LENGTH;
    if (s?.kind === 'commit') return COMMIT_ADDRESS.test(value);
    return true;
  };
  const done = new Set<string>();
  const checked = new Set<string>();
  for (const [param, source] of Object.entries(ROUTE_PARAMS)) {
    if (source.kind === 'column') {
      const t = v.tables.get(source.table);
      if (!t) continue;
      for (const { line, excelRow, record } of t.rows) {
        const value = record[source.column];
        if (value === undefined) continue;
        // Each value once per route (a period repeats on every rating of it); a clash is reported at its first row.
        const key = `${param}\u0000${String(value)}`;
        if (checked.has(key)) continue;
        checked.add(key);
        const reported = `${source.table}\u0000${source.column}\u0000${String(value)}`;
        if (done.has(reported)) continue;
        const c = routeClash(param, String(value), accepts);
        if (!c) continue;
        done.add(reported);
        const extra: Partial<ValidationIssue> = { line, excelRow, column: source.column, value: String(value) };
        const letter = t.letters.get(source.column);
        if (letter !== undefined) extra.excelColumn = letter;
        issues.push({ code: 'E051', file: t.file, message: clashText('编号', String(value), c, '请换一个编号'), ...extra });
      }
    } else if (source.kind === 'plan' || source.kind === 'page') {
      for (const f of source.kind === 'plan' ? v.plans : v.pages) {
        const key = `${source.kind}\u0000${f.id}`;
        if (done.has(key)) continue;
        const c = routeClash(param, f.id, accepts);
        if (!c) continue;
        done.add(key);
        const ext = f.path.slice(f.path.lastIndexOf('.'));
        issues.push({ code: 'E051', file: f.path, value: `${f.id}${ext}`, message: clashText('文件名', `${f.id}${ext}`, c, '请给文件换一个名字') });
      }
    }
  }
  return issues;
}
