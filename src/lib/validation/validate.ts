/**
 * Validates the whole data set in one pass and reports every problem, not just the first:
 * encoding, header, cell counts and quotes, cell types, keys, references (including an
 * indicator's plan section and quote), and cross-field rules. Pure: it receives file bytes
 * and plan texts, so the build, the `validate` command and the browser share it.
 */
import { csvRecords, excelColumn, type CsvRow, type CsvSyntaxIssue } from './csv.ts';
import { decodeCsvBytes } from './encoding.ts';
import { detectDelimiter, fixNote, headerWords, impliedNote, titleMap } from './fixes.ts';
import { readFrontMatter } from './front-matter.ts';
import { ISSUE_CODES, showValue, sortIssues, type IssueCodeId, type ValidationIssue } from './issues.ts';
import { parsePlanMarkdown, planAnchors, sectionText, type PlanBlock } from '../plan-doc.ts';
import type { ColumnMeta } from '../../schemas/columns.ts';
import { checkPlanFrontMatter, type PlanFrontMatter } from '../../schemas/plan.ts';
import { DATA_TABLE_NAMES, datasets as datasetsTable } from '../../schemas/index.ts';
import { redactionKeyParts } from '../../schemas/redactions.ts';
import { columnMetaOf, columnNames, type AnyTable, type RuleContext } from '../../schemas/table.ts';
import { checkCreditSchemes } from './credit-schemes.ts';
import { checkFolders, checkPlanNames, checkRouteClashes, ignoredFile, type FolderListing } from './names.ts';

export interface PlanSource {
  /** File name without .md. */
  id: string;
  /** Path shown in messages, e.g. "content/plan/gushan-2017.md". */
  path: string;
  text: string;
}

export interface DatasetInput {
  /** Folder prefix shown in messages, e.g. "data". */
  dataDir: string;
  /** Bytes of each table's file by table name; undefined when the file is missing. */
  files: ReadonlyMap<string, Uint8Array | undefined>;
  tables: readonly AnyTable[];
  plans: readonly PlanSource[];
  /**
   * Every file under the data and content folders, relative to them with "/", for the folders'
   * contract and the pages' names (src/lib/validation/names.ts); absent where only files are checked (the
   * browser checker).
   */
  listing?: Omit<FolderListing, 'dataDir'>;
  /** The day no date may pass (the build's date); absent: dates are not checked against it. */
  today?: string | undefined;
  /** Tables checked by an earlier run with the same code (a build's cache, src/build/validation-cache.ts). */
  tableCache?: TableCache | undefined;
}

/** What a table's check found, without its schema and bytes (those are the inputs). */
export type CachedTable = Omit<TableResult, 'def' | 'bytes'>;

/**
 * Results of tables that passed their own checks, kept between runs: one whose file, bytes, day
 * and referenced columns are those of a kept result is taken as it is. The references between
 * tables and the other checks of the whole set run every time.
 */
export interface TableCache {
  get(def: AnyTable, file: string, bytes: Uint8Array, today: string, referenced: readonly string[]): CachedTable | undefined;
  set(def: AnyTable, file: string, bytes: Uint8Array, today: string, referenced: readonly string[], result: CachedTable): void;
}

export interface ParsedRow {
  line: number;
  excelRow: number;
  record: Record<string, unknown>;
}

export interface TableResult {
  def: AnyTable;
  file: string;
  /** The file's bytes as read (what /data/<table>.csv serves), when the file exists. */
  bytes?: Uint8Array;
  /** The file's bytes could be decoded as text, so its rows were read (its text is not kept: at P it is hundreds of megabytes). */
  decoded?: true;
  rows: ParsedRow[];
  /**
   * Every value seen in the columns other tables refer to, including rows that failed on
   * other cells, so that one bad cell does not also break every reference to its row.
   * Absent when the file or the column could not be read at all.
   */
  referable: Map<string, Set<string>>;
  /** Excel column letter of each column found in the header. */
  letters: Map<string, string>;
  /**
   * The key of every row as written (two columns joined by +), including rows that failed on
   * other cells, so that a response to a row with a bad cell is not also reported; absent when
   * a key column is missing.
   */
  keys?: Set<string>;
}

/** A plan document as the validator read it: the one parse every page and check shares. */
export interface PlanDocument {
  id: string;
  path: string;
  /** The source text as read (what /plan/<plan>.md serves). */
  text: string;
  /** Front matter as written (strings). */
  data: Record<string, string>;
  /** Front matter typed by the schema; undefined when it has errors (reported as E081). */
  meta: PlanFrontMatter | undefined;
  blocks: PlanBlock[];
  anchors: Set<string>;
}

export interface ValidationResult {
  issues: ValidationIssue[];
  tables: Map<string, TableResult>;
  plans: Map<string, PlanDocument>;
}

function issue(code: IssueCodeId, file: string, message: string, extra: Partial<ValidationIssue> = {}): ValidationIssue {
  return { code, file, message, ...extra };
}

const SYNTAX: Record<CsvSyntaxIssue['kind'], (i: CsvSyntaxIssue) => [IssueCodeId, string]> = {
  'unclosed-quote': (i) => [
    'E021',
    `从这一行开始的带引号单元格“${showValue(`"${i.value}`, 30)}”一直到文件末尾都没有结束引号（请在单元格文字结束处补上英文双引号 "）`,
  ],
  'text-after-quote': (i) => ['E022', `单元格${showValue(i.value, 30)}在结束引号后面还有文字（文字中的英文双引号要写成两个 ""，或改用中文引号“”）`],
  'runaway-quote': (i) => {
    const end = i.endLine ?? i.line;
    const swallowed = end === i.line + 1 ? `第 ${end} 行` : `第 ${i.line + 1}–${end} 行`;
    const failure = i.failure === 'cell-count' ? `这样读出的一行有 ${i.count} 个单元格，表头有 ${i.width} 列` : '那里的结束引号后面还有文字';
    return [
      'E021',
      `从这一行开始的带引号单元格“${showValue(`"${i.value}`, 30)}”一直读到第 ${end} 行才结束，${failure}，${swallowed}都被读成了这一个单元格：很可能是这一行多了一个英文双引号，或者这个单元格少了结束引号（这一行没有检查，后面的行照常检查）`,
    ];
  },
  'quote-in-unquoted': (i) => [
    'E022',
    `单元格“${showValue(i.value, 30)}”中间有英文双引号（这样的单元格要整体放在双引号中，文字中的双引号写成两个 ""，或改用中文引号“”）`,
  ],
};

function validateTable(
  def: AnyTable,
  file: string,
  bytes: Uint8Array | undefined,
  referenced: readonly string[],
  issues: ValidationIssue[],
  context: RuleContext,
): TableResult {
  const result: TableResult = { def, file, rows: [], referable: new Map(), letters: new Map() };
  if (bytes === undefined) {
    issues.push(issue('E001', file, `找不到文件（需要：${file}，列为 ${columnNames(def).join(',')}）`));
    return result;
  }
  result.bytes = bytes;
  const decoded = decodeCsvBytes(bytes);
  let text: string;
  if (decoded.ok) text = decoded.text;
  else {
    if (decoded.encoding === 'utf-16') {
      issues.push(issue('E005', file, `文件保存成了“Unicode 文本”（UTF-16），不是 CSV UTF-8（${ISSUE_CODES.E005.fix}）`, { line: 1 }));
    } else if (decoded.encoding === 'gb18030') {
      issues.push(
        issue(
          'E002',
          file,
          `文件是 GBK/GB18030 编码（Excel 默认的“CSV（逗号分隔）”格式），不是 UTF-8，中文会变成乱码。这一行按 GBK 读出来是“${decoded.sample}”。${ISSUE_CODES.E002.fix}`,
          {
            line: decoded.line,
          },
        ),
      );
    } else {
      issues.push(issue('E003', file, `文件不是 UTF-8 编码，从这一行开始出现无法识别的字节（${ISSUE_CODES.E003.fix}）`, { line: decoded.line }));
    }
    // A file Excel saved as GBK is read on as GB18030, so that the editor learns of every other
    // problem in the same pass, not after re-saving; the encoding problem alone still fails the check.
    if (decoded.encoding !== 'gb18030') return result;
    text = decoded.text;
  }
  result.decoded = true;
  const delimiter = detectDelimiter(text, headerWords(def));
  if (delimiter !== ',') {
    const what = delimiter === '\t' ? '制表符（Tab）' : '分号 ;';
    const how = delimiter === '\t' ? 'Excel 的“文本文件（制表符分隔）”格式' : '按欧洲习惯以分号分隔的 CSV';
    issues.push(issue('E013', file, `这个文件的单元格是用${what}分隔的（${how}），不是逗号；下面按${what}读取并检查。${ISSUE_CODES.E013.fix}`, { line: 1 }));
  }
  // Read a record at a time and checked as it comes, so that a large table is never held as cells whole.
  const syntax: CsvSyntaxIssue[] = [];
  const records = csvRecords(text, delimiter, {}, { blank: [], issues: syntax });
  // The syntax issues come first in the list, as when the whole file was read before its rows were checked.
  const syntaxAt = issues.length;
  const withSyntax = (): TableResult => {
    issues.splice(
      syntaxAt,
      0,
      ...syntax.map((s) => {
        const [code, message] = SYNTAX[s.kind](s);
        return issue(code, file, message, { line: s.line });
      }),
    );
    return result;
  };
  // Records with a broken quote: their cells are not checked (the quote message says where to look).
  const brokenLines = new Set<number>();
  let syntaxSeen = 0;
  const isBroken = (row: CsvRow): boolean => {
    while (syntaxSeen < syntax.length) brokenLines.add(syntax[syntaxSeen++]!.row);
    return brokenLines.has(row.line);
  };
  const first = records.next();
  const header = first.done ? undefined : first.value;
  if (!header) {
    issues.push(issue('E004', file, `文件是空的（第 1 行应当是列名：${columnNames(def).join(',')}）`, { line: 1 }));
    return withSyntax();
  }

  // Header: missing, unknown, duplicated and empty column names.
  const expected = columnNames(def);
  const known = new Set(expected);
  const seen = new Map<string, number>();
  const usable = new Map<string, number>(); // column name → cell index
  // Chinese column titles (编号,名称,类型) instead of names: one message that maps them all.
  const titles = titleMap(def);
  const mapped: string[] = [];
  const names = header.cells.map((raw) => {
    const t = raw.trim();
    const name = !known.has(t) ? titles.get(t) : undefined;
    if (name !== undefined) mapped.push(`${t} → ${name}`);
    return name ?? t;
  });
  if (mapped.length > 0) {
    issues.push(
      issue(
        'E014',
        file,
        `第 1 行写的是列的中文标题，应写成英文列名：${mapped.join('、')}（第 1 行应写成：${names.map((n) => (known.has(n) ? n : '?')).join(',')}）`,
        {
          line: header.line,
          fix: names.join(','),
        },
      ),
    );
  }
  header.cells.forEach((_raw, k) => {
    const name = names[k]!;
    const letter = excelColumn(k);
    if (name === '') {
      issues.push(
        issue('E011', file, `第 ${k + 1} 列（Excel ${letter} 列）没有列名（允许的列：${expected.join('、')}）`, { line: header.line, excelColumn: letter }),
      );
      return;
    }
    if (!known.has(name)) {
      issues.push(
        issue('E011', file, `“${showValue(name)}”不是这个表的列（允许的列：${expected.join('、')}）`, {
          line: header.line,
          column: name,
          excelColumn: letter,
          value: name,
        }),
      );
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push(
        issue(
          'E012',
          file,
          `列名“${name}”重复：第 ${first + 1} 列（Excel ${excelColumn(first)} 列）和第 ${k + 1} 列（Excel ${letter} 列）（每个列名只能出现一次）`,
          { line: header.line, column: name, excelColumn: letter, value: name },
        ),
      );
      return;
    }
    seen.set(name, k);
    usable.set(name, k);
    result.letters.set(name, letter);
  });
  for (const name of expected) {
    if (!seen.has(name)) {
      issues.push(
        issue('E010', file, `缺少列“${name}”（${columnMetaOf(def, name)!.title}；这个表的列依次是：${expected.join(',')}）`, {
          line: header.line,
          column: name,
        }),
      );
    }
  }

  const metas = new Map<string, ColumnMeta>(expected.map((c) => [c, columnMetaOf(def, c)!]));
  const shared = sharedValues();
  const referable: Array<[number, Set<string>]> = [];
  for (const c of referenced) {
    const k = usable.get(c);
    if (k === undefined) continue;
    const set = new Set<string>();
    result.referable.set(c, set);
    referable.push([k, set]);
  }
  const width = header.cells.length;
  const keyCells = def.primaryKey.map((c) => usable.get(c));
  const rawKeys = keyCells.every((k) => k !== undefined) ? (result.keys = new Set<string>()) : undefined;
  const keySeen = new Map<string, number>();

  for (const row of records) {
    if (isBroken(row)) continue;
    if (row.cells.length !== width) {
      const more = row.cells.length > width;
      issues.push(
        issue(
          'E020',
          file,
          `这一行有 ${row.cells.length} 个单元格，表头有 ${width} 列（${more ? '多了' : '少了'} ${Math.abs(row.cells.length - width)} 个；${more ? '文字中的逗号可能没有放在双引号中' : '可能漏了逗号'}）`,
          { line: row.line, excelRow: row.excelRow },
        ),
      );
      continue;
    }
    for (const [k, set] of referable) set.add(row.cells[k] ?? '');
    rawKeys?.add(keyCells.map((k) => row.cells[k!] ?? '').join('+'));
    const record: Record<string, unknown> = {};
    /** The row's cells that do not read, with their corrections when there are any. */
    const failed: Array<{ issue: ValidationIssue; column: string; value: string | undefined }> = [];
    for (const [name, k] of usable) {
      const meta = metas.get(name)!;
      const raw = row.cells[k] ?? '';
      const r = meta.parse(raw);
      if (r.ok) record[name] = shared(name, r.value);
      else {
        const note = fixNote(meta, raw);
        const extra: Partial<ValidationIssue> = { line: row.line, excelRow: row.excelRow, column: name, excelColumn: excelColumn(k), value: raw };
        if (note?.fix !== undefined) extra.fix = note.fix;
        const found = issue(r.code, file, r.message + (note?.note ?? ''), extra);
        issues.push(found);
        failed.push({ issue: found, column: name, value: note?.fix });
      }
    }
    if (usable.size !== expected.length) continue;
    if (failed.length > 0) {
      // Every bad cell has a correction: say what the corrected row would still need.
      const fixes = failed.flatMap((f) => (f.value === undefined ? [] : [{ column: f.column, value: f.value }]));
      if (fixes.length === failed.length) failed.at(-1)!.issue.message += impliedNote(def, record, fixes, context);
      continue;
    }
    for (const r of def.rules?.(record, context) ?? []) {
      const k = usable.get(r.column);
      const extra: Partial<ValidationIssue> = { line: row.line, excelRow: row.excelRow, column: r.column };
      if (k !== undefined) extra.excelColumn = excelColumn(k);
      if (r.value !== undefined) extra.value = r.value;
      issues.push(issue(r.code, file, r.message, extra));
    }
    const key = def.primaryKey.map((c) => String(record[c])).join('\u0000');
    const first = keySeen.get(key);
    if (first !== undefined) {
      const shown = def.primaryKey.map((c) => `${c}=${String(record[c])}`).join('，');
      issues.push(
        issue('E050', file, `${shown} 与第 ${first} 行重复（${def.primaryKey.join(' + ')} 必须唯一）`, {
          line: row.line,
          excelRow: row.excelRow,
          column: def.primaryKey[0]!,
          value: String(record[def.primaryKey[0]!]),
        }),
      );
      continue;
    }
    keySeen.set(key, row.line);
    result.rows.push({ line: row.line, excelRow: row.excelRow, record });
  }
  return withSyntax();
}

function validatePlan(src: PlanSource, issues: ValidationIssue[]): PlanDocument {
  const fm = readFrontMatter(src.text);
  for (const i of fm.issues) issues.push(issue('E081', src.path, i.message, { line: i.line }));
  const parsed = checkPlanFrontMatter(fm.data);
  if (!parsed.ok) {
    for (const key of parsed.fields) {
      const lineIdx = src.text.split(/\r\n|\r|\n/).findIndex((l) => l.startsWith(`${key}:`));
      const value = fm.data[key];
      const message =
        value === undefined
          ? `缺少字段“${key}”`
          : `字段“${key}”的值“${showValue(value)}”不对（${key === 'date' ? '日期写成 年-月-日，例如 2017-09-25' : '不能为空'}）`;
      issues.push(issue('E081', src.path, message, { line: lineIdx >= 0 ? lineIdx + 1 : 1 }));
    }
  }
  const body = src.text
    .split(/\r\n|\r|\n/)
    .slice(fm.lines)
    .join('\n');
  const { blocks, issues: docIssues } = parsePlanMarkdown(body, fm.lines);
  for (const d of docIssues) issues.push(issue('E080', src.path, d.message, { line: d.line }));
  return { id: src.id, path: src.path, text: src.text, data: fm.data, meta: parsed.ok ? parsed.value : undefined, blocks, anchors: planAnchors(blocks) };
}

const compact = (s: string) => s.replace(/\s+/g, '');

function checkIndicatorPlans(t: TableResult, plans: Map<string, PlanDocument>, issues: ValidationIssue[]): void {
  if (columnMetaOf(t.def, 'plan') === undefined) return;
  const at = (line: number, excelRow: number, column: string, value: string): Partial<ValidationIssue> => {
    const extra: Partial<ValidationIssue> = { line, excelRow, column, value };
    const letter = t.letters.get(column);
    if (letter !== undefined) extra.excelColumn = letter;
    return extra;
  };
  for (const { line, excelRow, record } of t.rows) {
    const planId = String(record.plan);
    const plan = plans.get(planId);
    if (!plan) {
      const have = [...plans.keys()].join('、') || '（没有计划文件）';
      issues.push(issue('E061', t.file, `“${planId}”不是 content/plan/ 中的计划文件（现有：${have}）`, at(line, excelRow, 'plan', planId)));
      continue;
    }
    const sections = record.section as string[];
    const quotes = record.quote as string[];
    sections.forEach((section, k) => {
      if (!plan.anchors.has(section)) {
        issues.push(
          issue(
            'E062',
            t.file,
            `“${section}”不是 ${plan.path} 中的章节锚点（现有的锚点：${[...plan.anchors].slice(0, 8).join('、')}${plan.anchors.size > 8 ? ' 等' : ''}）`,
            at(line, excelRow, 'section', section),
          ),
        );
        return;
      }
      const quote = quotes[k];
      if (quote === undefined) return; // count mismatch: reported by the table's rules
      const inSection = compact(sectionText(plan.blocks, section) ?? '');
      if (!inSection.includes(compact(quote))) {
        const elsewhere = plan.blocks.find((b) => compact(b.text).includes(compact(quote)));
        let where = '';
        if (elsewhere) {
          const owner = [...plan.blocks.slice(0, plan.blocks.indexOf(elsewhere) + 1)].reverse().find((b) => b.kind === 'heading');
          where = owner && owner.kind === 'heading' ? `；这句话在章节 ${owner.id}，不在 ${section}` : '';
        }
        issues.push(
          issue(
            'E063',
            t.file,
            `引文“${showValue(quote)}”在 ${plan.path} 的章节 ${section} 中找不到${where}（引文必须从原文逐字复制）`,
            at(line, excelRow, 'quote', quote),
          ),
        );
      }
    });
  }
}

/**
 * Each row of redactions.csv names a column of its table (not a key column) and a key of the
 * table's form. Keys usually name removed records, so they are not looked up, except that a
 * whole record can be withheld only once it is gone from its table.
 */
function checkRedactions(t: TableResult, tables: ReadonlyMap<string, TableResult>, issues: ValidationIssue[]): void {
  for (const { line, excelRow, record } of t.rows) {
    const target = tables.get(String(record.table));
    if (!target) continue;
    const def = target.def;
    const at = (column: string, value: string): Partial<ValidationIssue> => ({
      line,
      excelRow,
      column,
      value,
      ...(t.letters.has(column) ? { excelColumn: t.letters.get(column)! } : {}),
    });
    const column = record.column === undefined ? undefined : String(record.column);
    const all = columnNames(def);
    if (column !== undefined && (!all.includes(column) || def.primaryKey.includes(column))) {
      const others = all.filter((c) => !def.primaryKey.includes(c));
      const why = def.primaryKey.includes(column) ? `是 ${def.name}.csv 的编号列，编号不能隐去` : `不是 ${def.name}.csv 的列`;
      issues.push(
        issue('E090', t.file, `“${showValue(column)}”${why}（可以隐去的列：${others.join('、')}；留空表示隐去整条已删除的记录）`, at('column', column)),
      );
    }
    const key = String(record.key);
    const parts = redactionKeyParts(key, def.primaryKey.length);
    if (!parts) {
      const form = def.primaryKey.join(' + ');
      issues.push(
        issue(
          'E091',
          t.file,
          `“${showValue(key)}”不是 ${def.name}.csv 的编号写法（${def.name}.csv 的编号是 ${form}，${def.primaryKey.length > 1 ? '两部分之间用 + 连接' : '只有一部分'}）`,
          at('key', key),
        ),
      );
      continue;
    }
    const bad = parts.map((p, i) => ({ p, c: def.primaryKey[i]!, r: columnMetaOf(def, def.primaryKey[i]!)!.parse(p) })).find((x) => !x.r.ok);
    if (bad && !bad.r.ok) {
      issues.push(
        issue(
          'E091',
          t.file,
          `“${showValue(key)}”不是 ${def.name}.csv 的编号写法：${def.primaryKey.length > 1 ? `其中 ${bad.c} 部分` : ''}${bad.r.message}`,
          at('key', key),
        ),
      );
      continue;
    }
    if (column === undefined) {
      const still = target.rows.find((r) => def.primaryKey.every((c, i) => String(r.record[c]) === parts[i]));
      if (still)
        issues.push(
          issue(
            'E092',
            t.file,
            `${def.name}.csv 第 ${still.line} 行还有记录“${showValue(key)}”：整条隐去（column 留空）只用于已经删除的记录（要隐去这条记录某一列的旧值，请在 column 中写列名）`,
            at('column', ''),
          ),
        );
    }
  }
}

/**
 * Each row of responses.csv answers an existing record: its key, in the form of its table's key
 * (two columns joined by +), names a row of that table; and it is dated no later than the build.
 */
function checkResponses(t: TableResult, tables: ReadonlyMap<string, TableResult>, today: string | undefined, issues: ValidationIssue[]): void {
  for (const { line, excelRow, record } of t.rows) {
    const at = (column: string, value: string): Partial<ValidationIssue> => ({
      line,
      excelRow,
      column,
      value,
      ...(t.letters.has(column) ? { excelColumn: t.letters.get(column)! } : {}),
    });
    const date = String(record.date);
    if (today !== undefined && date > today) {
      issues.push(issue('E083', t.file, `日期 ${date} 晚于网站生成的日期 ${today}（回应的日期不能晚于今天，请检查是否写错）`, at('date', date)));
    }
    const target = tables.get(String(record.table));
    if (!target?.keys) continue; // missing or unreadable: reported already
    const def = target.def;
    const key = String(record.key);
    const form = def.primaryKey.join('+');
    const parts = redactionKeyParts(key, def.primaryKey.length);
    if (!parts) {
      const example = target.rows[0] ? def.primaryKey.map((c) => String(target.rows[0]!.record[c])).join('+') : form;
      issues.push(
        issue(
          'E064',
          t.file,
          `“${showValue(key)}”不是 ${def.name}.csv 的编号写法（${def.name}.csv 的记录写成 ${form}，中间用 + 连接，例如 ${example}）`,
          at('key', key),
        ),
      );
      continue;
    }
    if (!target.keys.has(parts.join('+'))) {
      issues.push(issue('E064', t.file, `“${showValue(key)}”在 ${target.file} 中找不到（key 要写 ${def.name}.csv 中已有记录的编号：${form}）`, at('key', key)));
    }
  }
}

/**
 * One string for each value of a column: the rows are held for the whole build, and most columns
 * repeat a few values (a period, a colour, a date, a publisher) over many rows; each row's own
 * copy would be kept (README, "Scale"). Other values are returned as they are.
 */
function sharedValues(): (column: string, value: unknown) => unknown {
  const seen = new Map<string, Map<string, string>>();
  return (column, value) => {
    if (typeof value !== 'string') return value;
    let values = seen.get(column);
    if (!values) seen.set(column, (values = new Map()));
    const known = values.get(value);
    if (known !== undefined) return known;
    values.set(value, value);
    return value;
  };
}

export function validateDataset(input: DatasetInput): ValidationResult {
  const issues: ValidationIssue[] = [];
  const tables = new Map<string, TableResult>();
  // Also runs in editors' browsers (the checker at /data/check/), so no Map.groupBy here.
  const referenced = new Map<string, string[]>();
  for (const fk of input.tables.flatMap((def) => def.foreignKeys)) {
    if (!referenced.has(fk.table)) referenced.set(fk.table, []);
    referenced.get(fk.table)!.push(fk.tableColumn);
  }
  for (const def of input.tables) {
    const file = `${input.dataDir}/${def.name}.csv`;
    const bytes = input.files.get(def.name);
    const refs = referenced.get(def.name) ?? [];
    const cache = bytes && input.tableCache ? { cache: input.tableCache, bytes, today: input.today ?? '' } : undefined;
    const kept = cache?.cache.get(def, file, cache.bytes, cache.today, refs);
    if (kept) {
      // Read back, every cell is a string of its own again.
      const shared = sharedValues();
      for (const { record } of kept.rows) for (const c in record) record[c] = shared(c, record[c]);
      tables.set(def.name, { ...kept, def, bytes });
      continue;
    }
    const before = issues.length;
    const result = validateTable(def, file, bytes, refs, issues, { today: input.today });
    tables.set(def.name, result);
    if (cache && issues.length === before) {
      const found: CachedTable & { def?: AnyTable; bytes?: Uint8Array } = { ...result };
      delete found.def;
      delete found.bytes;
      cache.cache.set(def, file, cache.bytes, cache.today, refs, found);
    }
  }
  const plans = new Map<string, PlanDocument>();
  for (const p of input.plans) plans.set(p.id, validatePlan(p, issues));

  // References between tables.
  for (const t of tables.values()) {
    for (const fk of t.def.foreignKeys) {
      const keys = tables.get(fk.table)?.referable.get(fk.tableColumn);
      const target = tables.get(fk.table);
      if (!target || !keys) continue; // the file or column is missing or unreadable: reported already
      for (const { line, excelRow, record } of t.rows) {
        const v = record[fk.column];
        if (v === undefined) continue;
        if (!keys.has(String(v))) {
          issues.push(
            issue('E060', t.file, `“${showValue(String(v))}”在 ${target.file} 的 ${fk.tableColumn} 列中找不到（请先在 ${target.file} 中添加，或检查拼写）`, {
              line,
              excelRow,
              column: fk.column,
              value: String(v),
              ...(t.letters.has(fk.column) ? { excelColumn: t.letters.get(fk.column)! } : {}),
            }),
          );
        }
      }
    }
  }
  const indicatorTable = tables.get('indicators');
  if (indicatorTable) checkIndicatorPlans(indicatorTable, plans, issues);
  const redactionTable = tables.get('redactions');
  if (redactionTable) checkRedactions(redactionTable, tables, issues);
  checkCreditSchemes(tables, issues);
  const responseTable = tables.get('responses');
  if (responseTable) checkResponses(responseTable, tables, input.today, issues);

  // Names that become files and addresses: the folders' contract, plans' and pages' names, ids against the routes.
  const planNames = checkPlanNames(input.plans);
  issues.push(...planNames);
  const pages = (input.listing?.contentFiles ?? []).flatMap((path) => {
    const m = /^pages\/([^/]+)\.mdx?$/.exec(path);
    return m && !ignoredFile(path) ? [{ id: m[1]!, path: `${input.listing!.contentDir}/${path}` }] : [];
  });
  if (input.listing) issues.push(...checkFolders({ dataDir: input.dataDir, ...input.listing }, input.tables));
  const badName = new Set([...planNames, ...(input.listing ? issues.filter((i) => i.code === 'E111') : [])].map((i) => i.file));
  issues.push(...checkRouteClashes({ tables, plans: input.plans.filter((p) => !badName.has(p.path)), pages: pages.filter((p) => !badName.has(p.path)) }));

  // Every data table is described once in datasets.csv.
  const meta = tables.get(datasetsTable.name);
  if (meta?.decoded) {
    const described = new Set(meta.rows.map((r) => String(r.record.table)));
    for (const name of DATA_TABLE_NAMES) {
      if (tables.has(name) && !described.has(name)) {
        issues.push(issue('E075', meta.file, `缺少数据表“${name}”的说明（请为它加一行：table 写 ${name}）`, { column: 'table', value: name }));
      }
    }
  }
  return { issues: sortIssues(issues), tables, plans };
}
