import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRssString } from '@astrojs/rss';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { controlChars, stripControlChars } from '../../src/lib/validation/control-chars.ts';
import { fixNote, suggestCell } from '../../src/lib/validation/fixes.ts';
import { formatIssue } from '../../src/lib/validation/issues.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';
import { ROUTE_FILES } from '../../src/lib/validation/routes.ts';
import { xmlSafe, xmlSafeDeep, xmlText } from '../../src/lib/publishing/xml.ts';
import { columnMetaOf } from '../../src/schemas/table.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { VALID } from '../helpers/fixtures.ts';
import { OUTPUT, ROOT } from '../helpers/paths.ts';

const meta = (table: string, column: string) =>
  columnMetaOf(
    ALL_TABLES.find((t) => t.name === table)!,
    column,
  )!;

/**
 * Hostile values that validated before and broke an output (issue 29): what each gets now, in
 * the editor's words. [table, column, value, the message with its fix, or 通过 and the value read].
 */
const CORPUS: Array<[string, string, string, string]> = [
  [
    'problems',
    'description',
    'Word 的换行\u000b第二行',
    'E041 “Word 的换行[U+000B]第二行”中有看不见的控制字符 U+000B（垂直制表符，Word 中按 Shift+Enter 换行时产生）（允许：文字、数字、空格和换行，不能有控制字符），应写成“Word 的换行⏎第二行”',
  ],
  [
    'problems',
    'title',
    '空字符\u0000',
    'E041 “空字符[U+0000]”中有看不见的控制字符 U+0000（空字符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“空字符”',
  ],
  [
    'problems',
    'title',
    '换页\f',
    'E041 “换页[U+000C]”中有看不见的控制字符 U+000C（换页符，Word 中的分页符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“换页”',
  ],
  ['problems', 'title', 'DEL\u007f', 'E041 “DEL[U+007F]”中有看不见的控制字符 U+007F（删除符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“DEL”'],
  ['problems', 'title', 'C1\u0085', 'E041 “C1[U+0085]”中有看不见的控制字符 U+0085（下一行符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“C1”'],
  [
    'problems',
    'description',
    '行分隔\u2028段分隔\u2029',
    'E041 “行分隔[U+2028]段分隔[U+2029]”中有看不见的控制字符 U+2028（行分隔符）、U+2029（段落分隔符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“行分隔⏎段分隔”',
  ],
  [
    'problems',
    'title',
    '非字符\ufffe\uffff',
    'E041 “非字符[U+FFFE][U+FFFF]”中有看不见的控制字符 U+FFFE（Unicode 非字符）、U+FFFF（Unicode 非字符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“非字符”',
  ],
  [
    'problems',
    'title',
    '孤立代理\ud800',
    'E041 “孤立代理[U+D800]”中有看不见的控制字符 U+D800（不成对的代理字符，文字在复制或转换时被截断）（允许：文字、数字、空格和换行，不能有控制字符），应写成“孤立代理”',
  ],
  [
    'problems',
    'title',
    '\u0001\u0002\u0003\u0004',
    'E041 “[U+0001][U+0002][U+0003][U+0004]”中有看不见的控制字符 U+0001（控制字符）、U+0002（控制字符）、U+0003（控制字符） 等（允许：文字、数字、空格和换行，不能有控制字符）',
  ],
  ['problems', 'title', 'Tab\t和\n换行', '通过："Tab\\t和\\n换行"'],
  ['problems', 'title', '\u202eRTL\u202c零\u200b宽🏭', '通过："\u202eRTL\u202c零\u200b宽🏭"'],
  [
    'villages',
    'id',
    'dong\u000bcun',
    'E041 “dong[U+000B]cun”中有看不见的控制字符 U+000B（垂直制表符，Word 中按 Shift+Enter 换行时产生）（允许：文字、数字、空格和换行，不能有控制字符），应写成“dongcun”',
  ],
  [
    'problems',
    'reported',
    '2017-03-14\u0000',
    'E041 “2017-03-14[U+0000]”中有看不见的控制字符 U+0000（空字符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“2017-03-14”',
  ],
  ['observations', 'value', '1'.repeat(310), 'E034 数值 1111111111111111111111111111111111111111… 超出范围（允许：-1000000 到 1000000000）'],
  ['observations', 'value', '1e309', 'E033 “1e309”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）'],
  ['observations', 'value', 'NaN', 'E033 “NaN”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）'],
  [
    'observations',
    'value',
    'Infinity',
    'E033 “Infinity”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）',
  ],
  [
    'observations',
    'value',
    '-Infinity',
    'E033 “-Infinity”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）',
  ],
  ['observations', 'value', '0x10', 'E033 “0x10”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）'],
  ['observations', 'value', '-0', '通过：0'],
  ['observations', 'value', '1000000001', 'E034 数值 1000000001 超出范围（允许：-1000000 到 1000000000）'],
  ['observations', 'value', '-1000001', 'E034 数值 -1000001 超出范围（允许：-1000000 到 1000000000）'],
  ['observations', 'value', '1000000000', '通过：1000000000'],
  ['problems', 'fine_wan', '100001', 'E034 数值 100001 超出范围（允许：0 到 100000）'],
  ['credit-ratings', 'score', '13', 'E034 数值 13 超出范围（允许：-99 到 12）'],
  ['observations', 'date', '0019', 'E042 “0019”的年份 0019 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['observations', 'date', '0000', 'E042 “0000”的年份 0000 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['observations', 'date', '9999', 'E042 “9999”的年份 9999 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['observations', 'date', '1899-12', 'E042 “1899-12”的年份 1899 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['observations', 'date', '1900', '通过："1900"'],
  ['observations', 'date', '2100-12-31', '通过："2100-12-31"'],
  ['observations', 'date', '2101', 'E042 “2101”的年份 2101 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['problems', 'reported', '0019-06-30', 'E042 “0019-06-30”的年份 0019 不在 1900 到 2100 之间（请检查年份是否写错）'],
  ['credit-ratings', 'period', '2101-H2', 'E042 “2101-H2”的年份 2101 不在 1900 到 2100 之间（请检查年份是否写错）'],
  [
    'indicators',
    'id',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    '通过："aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
  ],
  [
    'indicators',
    'id',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'E043 “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”太长（65 个字符，允许：不超过 64 个字符；编号用在网址和文件名中）',
  ],
  [
    'problems',
    'id',
    `GS-2017-${'1'.repeat(292)}`,
    'E043 “GS-2017-11111111111111111111111111111111…”太长（300 个字符，允许：不超过 64 个字符；编号用在网址和文件名中）',
  ],
  ['villages', 'id', 'DongCun', 'E032 “DongCun”格式不对（允许：小写英文字母、数字和连字符 -，例如 hongdou），应写成“dongcun”'],
];

describe('what validates is publishable: one cell', () => {
  for (const [table, column, value, expected] of CORPUS) {
    it(`${table}.${column} ${JSON.stringify(value).slice(0, 40)}`, () => {
      const m = meta(table, column);
      const r = m.parse(value);
      expect(r.ok ? `通过：${JSON.stringify(r.value)}` : `${r.code} ${r.message}${fixNote(m, value)?.note ?? ''}`).toBe(expected);
    });
  }

  it('reads -0 as 0, which no page prints as “-0”', () => {
    const r = meta('observations', 'value').parse('-0');
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it('offers as the fix the text without control characters, a line break where Word meant one', () => {
    expect(suggestCell(meta('problems', 'description'), '第一行\u000b第二行')).toEqual({ value: '第一行\n第二行' });
    expect(suggestCell(meta('problems', 'title'), ' 标题\u0000 ')).toEqual({ value: '标题' });
    // In a code, nothing stands for a line break: the character goes.
    expect(suggestCell(meta('villages', 'id'), 'dong\u2028cun')).toEqual({ value: 'dongcun' });
    // Nothing is left: no fix is guessed.
    expect(suggestCell(meta('problems', 'title'), '\u0001')).toBeUndefined();
  });

  it('refuses every character XML forbids, so no cell can make a feed ill-formed', () => {
    for (let cp = 0; cp < 0x20; cp++) {
      const ch = String.fromCharCode(cp);
      expect(controlChars(`a${ch}b`).length, `U+${cp.toString(16)}`).toBe(['\t', '\n', '\r'].includes(ch) ? 0 : 1);
    }
    for (const ch of ['\ufffe', '\uffff', '\ud800', '\udfff', '\u{10ffff}', '\u{1fffe}']) expect(controlChars(`a${ch}b`), ch).toHaveLength(1);
    expect(controlChars('中文 😀 \u00a0\u3000')).toEqual([]);
    expect(stripControlChars('a\u000bb\u2028c\u0000', true)).toBe('a\nb\nc');
  });
});

describe('XML outputs', () => {
  it('strip what XML forbids, whatever the source (xmlSafe, xmlText)', () => {
    expect(xmlSafe('a\u000bb\u0000c\ufffe\ud800d\u{1f3ed}\t\n')).toBe('abcd\u{1f3ed}\t\n');
    expect(xmlText('<a & "b">\u000b')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });

  it('make a feed with a vertical tab in every text well-formed XML (it was not without the helper)', async () => {
    const options = {
      title: '标题\u000b',
      description: '说明\u0000',
      site: 'https://example.org/',
      items: [
        {
          title: '问题\u000b标题',
          link: 'https://example.org/p/',
          pubDate: new Date('2020-01-01T00:00:00Z'),
          description: xmlText('第一行\u000b第二行'),
          categories: ['水\u0001'],
        },
      ],
    };
    // XML 1.0, production [2] Char: what a document may hold at all.
    const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
    const raw = await getRssString(options);
    expect(raw).toMatch(notXmlChar);
    const safe = await getRssString(xmlSafeDeep(options));
    expect(safe).not.toMatch(notXmlChar);
    expect(() => SyntaxValidator.validate(safe)).not.toThrow();
    expect(safe).toContain('<title>问题标题</title>');
    expect(safe).toContain('<pubDate>Wed, 01 Jan 2020 00:00:00 GMT</pubDate>');
  });

  it('are made through the shared helper by every feed route (calendar files through the one iCalendar encoder, which drops control characters itself)', () => {
    const feeds = ROUTE_FILES.filter((f) => /\.xml\.ts$/.test(f));
    expect(feeds.length).toBeGreaterThan(0);
    for (const f of feeds) expect(readFileSync(join(ROOT, 'src/pages', f), 'utf8'), f).toMatch(/from '(\.\.\/)+lib\/publishing\/xml\.ts'/);
    const calendars = ROUTE_FILES.filter((f) => /\.ics\.ts$/.test(f));
    expect(calendars.length).toBeGreaterThan(0);
    for (const f of calendars) expect(readFileSync(join(ROOT, 'src/pages', f), 'utf8'), f).toMatch(/from '(\.\.\/)+lib\/publishing\/ical\.ts'/);
  });
});

describe('what may lie in data/ and content/', () => {
  it('refuses copies, backups, workbooks and subfolders by name, ignores system and lock files', () => {
    const dir = join(OUTPUT, 'fixtures', 'publishable-folders');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(VALID, dir, { recursive: true });
    const files: Record<string, string> = {
      'data/problems (1).csv': 'id\n',
      'data/problems - 副本.csv': 'id\n',
      'data/副本 villages.csv': 'id\n',
      'data/problems.csv.bak': 'id\n',
      'data/problems.bak': 'id\n',
      'data/problems_20240101.csv': 'id\n',
      'data/Problems.csv': 'id\n',
      'data/problems.xlsx': '',
      'data/统计.xlsx': '',
      'data/README.md': '',
      'data/.DS_Store': '',
      'data/~$problems.csv': '',
      'data/Thumbs.db': '',
      'data/desktop.ini': '',
      'data/.hidden/x.csv': '',
      'content/plan/sources/任何材料.pdf': '',
      'content/plan/old/mini.md': '',
      'content/pages/x.html': '',
      'content/pages/drafts/y.md': '',
      'content/.DS_Store': '',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = validateDirs({ dataDir: join(dir, 'data'), contentDir: join(dir, 'content'), cwd: dir });
    expect(r.issues.filter((i) => i.code === 'E110').map((i) => `${formatIssue(i)}${i.fix ? ` [${i.fix}]` : ''}`)).toEqual(EXPECTED_FOLDERS);
  });
});

const EXPECTED_FOLDERS: string[] = [
  'content/pages/drafts/y.md：不会被读取（content/pages/ 中不能有子文件夹）',
  'content/pages/x.html：不是页面（content/pages/ 中只能放 .md 或 .mdx 页面）',
  'content/plan/old/mini.md：不会被读取（content/plan/ 中只有 sources/ 一个子文件夹，放原文材料）',
  'data/Problems.csv：文件名的大小写不对：网站只读 problems.csv（在区分大小写的服务器上，这个文件会被当作不存在），应改名为“problems.csv” [problems.csv]',
  'data/README.md：不是数据表，不会被读取或发布（data/ 中只能放这些数据表：villages.csv、indicators.csv、observations.csv、problems.csv、enterprises.csv、credit-ratings.csv、credit-levels.csv、credit-schemes.csv、responses.csv、redactions.csv、datasets.csv；其他文件请移出 data/）',
  'data/problems (1).csv：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
  'data/problems - 副本.csv：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
  'data/problems.bak：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
  'data/problems.csv.bak：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
  'data/problems.xlsx：是 Excel 或 WPS 工作簿，网站只读 CSV 文件：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，文件名 problems.csv，然后把工作簿移出 data/',
  'data/problems_20240101.csv：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
  'data/副本 villages.csv：不是数据表：是不是 villages.csv 的副本？网站只读 villages.csv，这个文件中的修改不会发布（请把修改写进 villages.csv，再把这个文件删除或移出 data/）',
  'data/统计.xlsx：是 Excel 或 WPS 工作簿，网站只读 CSV 文件（data/ 中只能放这些数据表：villages.csv、indicators.csv、observations.csv、problems.csv、enterprises.csv、credit-ratings.csv、credit-levels.csv、credit-schemes.csv、responses.csv、redactions.csv、datasets.csv）；请把工作簿移出 data/',
];
