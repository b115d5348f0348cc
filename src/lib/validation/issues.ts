/**
 * Every validation problem has a stable code. The codes, their titles and how to fix them
 * are listed here once; messages, the `validate` command and the documentation use them.
 */

import { showControlChars } from './control-chars.ts';

export interface IssueCode {
  title: string;
  fix: string;
}

export const ISSUE_CODES = {
  E001: { title: '缺少数据文件', fix: '把缺少的 CSV 文件放回 data/ 文件夹，文件名必须与列出的完全一致。' },
  E002: {
    title: '文件编码不是 UTF-8（GBK/GB18030）',
    fix: '在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”；在 WPS 中另存为时把编码选为 UTF-8。',
  },
  E003: { title: '文件编码无法识别', fix: '用 Excel 或 WPS 打开文件，另存为“CSV UTF-8（逗号分隔）”。' },
  E004: { title: '文件是空的', fix: '第 1 行必须是列名（表头），从第 2 行起每行一条记录。' },
  E005: { title: '文件保存成了 Unicode 文本（UTF-16）', fix: '不要选“Unicode 文本”，请另存为“CSV UTF-8（逗号分隔）”。' },
  E010: { title: '缺少列', fix: '在第 1 行（表头）补上缺少的列名，并在下面各行补上这一列的值。' },
  E011: { title: '多了不认识的列', fix: '删除这一列，或检查列名的拼写（列名用英文小写和下划线）。' },
  E012: { title: '列名重复', fix: '每个列名只能出现一次，删除或改名重复的一列。' },
  E013: {
    title: '单元格不是用逗号分隔的',
    fix: '在 Excel 中另存为“CSV UTF-8（逗号分隔）”，不要选“文本文件（制表符分隔）”；也可以在网站的数据检查页下载修正后的文件。',
  },
  E014: { title: '表头写成了中文标题', fix: '第 1 行要写英文列名（如 id、name），中文标题只用来说明列的含义；消息中列出了每个标题对应的列名。' },
  E020: { title: '这一行的单元格个数不对', fix: '检查这一行是否多了或少了逗号；含有逗号的文字必须放在英文双引号中（用 Excel 保存会自动处理）。' },
  E021: {
    title: '引号没有闭合',
    fix: '找到这一行中以英文双引号 " 开头的单元格：这个引号如果是多写的，删掉它（或改用中文引号“”）；否则在单元格文字结束处补上另一个双引号。',
  },
  E022: {
    title: '引号位置不对',
    fix: '单元格文字中的英文双引号要写成两个（""），并且整个单元格要放在双引号中；用 Excel 保存会自动处理。也可以改用中文引号“”。',
  },
  E030: { title: '必填项为空', fix: '在这个单元格中填写内容。' },
  E031: { title: '不是允许的值', fix: '改成列出的允许值之一，文字必须完全一致（注意不要有多余的空格）。' },
  E032: { title: '格式不对', fix: '按提示的格式改写这个值。' },
  E033: { title: '不是数字', fix: '只写数字（可以有小数点和负号），不要带单位、百分号、千位分隔符或空格。' },
  E034: { title: '数值超出范围', fix: '改成允许范围内的数值。' },
  E035: { title: '日期格式不对', fix: '日期写成“年-月-日”，例如 2019-06-30；在 Excel 中可以把单元格格式设为“文本”再输入，避免被自动改写。' },
  E036: { title: '日期不存在', fix: '检查月份和日期，例如 2 月没有 30 日。' },
  E037: { title: '网址不对', fix: '网址必须以 http:// 或 https:// 开头，并且是完整的地址。' },
  E038: { title: '统一社会信用代码格式不对', fix: '统一社会信用代码是 18 位，只含数字和大写字母（不含 I、O、S、V、Z），请对照营业执照核对。' },
  E039: { title: '统一社会信用代码校验位不对', fix: '最后一位是校验码，与前 17 位不相符，说明代码中有抄错的字符，请对照营业执照逐位核对。' },
  E040: { title: '单元格首尾有空格', fix: '删除单元格开头和结尾的空格。' },
  E041: {
    title: '单元格中有看不见的控制字符',
    fix: '删除这些字符（消息中写成 [U+000B] 这样）；从 Word 复制的文字常带有这样的换行符，在 Excel 中删除后重新按 Alt+Enter 换行，或运行 npm run validate -- --fix 自动删除。',
  },
  E042: { title: '年份不在 1900 到 2100 之间', fix: '检查年份是否写错，例如 0019 应为 2019；日期写成“年-月-日”，年份写满四位。' },
  E043: { title: '编号太长', fix: '编号用在网址和文件名中，不能超过 64 个字符；请改用简短的编号。' },
  E050: { title: '编号重复', fix: '每条记录的编号（主键）必须唯一；如果是同一条记录，删除重复的一行，否则改用新的编号。' },
  E051: { title: '编号与网站的其他网址重名', fix: '编号会成为网址的一部分，不能与网站已有的网址相同；请换一个编号（消息中写了重名的网址）。' },
  E060: { title: '引用的记录不存在', fix: '先在被引用的表中添加这条记录，或者检查编号的拼写。' },
  E061: { title: '引用的计划文件不存在', fix: '填写 content/plan/ 中的计划文件名（不带 .md），例如 gushan-2017。' },
  E062: { title: '引用的章节锚点不存在', fix: '填写计划文件中实际存在的章节锚点，例如 s3-4-2；锚点写在计划文件每个标题末尾的 {#…} 中。' },
  E063: { title: '引文在计划原文中找不到', fix: 'quote 必须逐字摘自计划原文对应章节，请从原文复制，不要改写。' },
  E064: {
    title: '回应的记录不存在',
    fix: 'responses.csv 的 key 照被回应的记录在 table 所指的表中的编号写；信用评价写 企业代码+评价期，例如 91320281MA1W2X3Y4Q+2019-H2。',
  },
  E070: { title: '缺少销号/整改完成日期', fix: '状态为“已整改”或“已销号”时，必须在 closed 列填写完成日期。' },
  E071: { title: '不应填写完成日期', fix: '状态为“待整改”或“整改中”时，closed 列必须为空；如果已经完成，请把状态改为“已整改”或“已销号”。' },
  E072: { title: '日期先后顺序不对', fix: '检查两个日期，后发生的日期不能早于先发生的日期。' },
  E073: { title: '缺少目标值', fix: '除“里程碑”类指标外，每个指标都必须填写 target（目标值）。' },
  E074: {
    title: '得分与等级不符',
    fix: '得分按评价期所属评价办法的分数段定级（见 credit-levels.csv 中这个办法的 score_min、score_max，例如 12分制下绿色 11–12 分）；不打分的办法，得分留空。请核对得分或等级。',
  },
  E075: { title: '数据集说明不完整', fix: '在 data/datasets.csv 中为每个数据表写一行说明，且只写一行。' },
  E077: {
    title: '评价期没有适用的评价办法',
    fix: '每个评价期最后一天（年度为 12 月 31 日，上半年为 6 月 30 日）必须有一个有效的评价办法：在 credit-schemes.csv 中补上那时的办法，或检查评价期是否写错。',
  },
  E078: { title: '评价期与评价办法的评价周期不符', fix: '按年度评价的办法，评价期写年份（2018）；按半年度评价的办法，写 2019-H1 或 2019-H2。' },
  E079: { title: '评价办法的有效期重叠', fix: '同一天只能有一个评价办法有效：把前一个办法的 valid_to 改为后一个办法 valid_from 的前一天。' },
  E076: { title: '章节与原文数量不一致', fix: 'section 和 quote 中用分号分隔的个数必须相同，第 1 个锚点对应第 1 段原文，依此类推。' },
  E082: { title: '复核结论填写不对', fix: '类型为“复核结果”时必须填写复核结论（维持、更正或撤销）；其他类型的 outcome 列必须为空。' },
  E083: { title: '日期晚于网站生成的日期', fix: '检查日期是否写错；还没有发生的事不能写入数据。' },
  E090: { title: '要隐去的列不存在', fix: 'column 写那张表的英文列名（见 /data/ 中这张表的列），或留空表示隐去整条已删除的记录；编号列不能隐去。' },
  E091: { title: '要隐去的记录编号写法不对', fix: 'key 照那条记录在表中的编号写；编号由两列组成时（例如企业代码和评价期）用 + 连接。' },
  E092: { title: '整条隐去的记录还在表中', fix: '整条隐去（column 留空）只用于已经从表中删除的记录；要隐去现有记录某一列的旧值，请在 column 中写列名。' },
  E080: { title: '计划文件格式不对', fix: '按照 README 中“计划原文”一节的格式修改计划文件。' },
  E081: { title: '计划文件开头的说明（标题、发文单位、日期）不对', fix: '检查文件开头两行 --- 之间的 title、issuer、date 等字段。' },
  E100: {
    title: '页面里有 HTML',
    fix: '页面只能用 Markdown 的写法（## 标题、- 列表、**加粗**、[文字](网址)）；删掉 HTML 标签和 <!-- 注释 -->。需要 Markdown 做不到的格式，请开发人员在 src/ 中做一个组件。',
  },
  E101: {
    title: '页面里有程序代码',
    fix: '删掉 import、export 和花括号 {…} 中的表达式：页面是内容，生成网站时不能运行页面里的程序。要显示花括号本身，写成 \\{ 和 \\}；需要计算或读取数据的，请开发人员写在 src/ 中。',
  },
  E102: {
    title: '页面里的组件或属性不对',
    fix: '只能用本站为页面准备的组件（消息中列出了它们和写法），属性只能写列出的那些，值写成固定的文字，例如 <SectionHeading id="samples">标题</SectionHeading>。',
  },
  E103: {
    title: '页面里的链接或图片不允许',
    fix: '链接只能指向 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码或本站内的相对地址；页面里不能插入图片。',
  },
  E104: { title: '页面文件头不对', fix: '页面文件以 --- 开头，写 title: 标题 和 description: 一句话说明两行，再以 --- 结束；不能写别的字段。' },
  E105: {
    title: '页面的 MDX 写法有错',
    fix: '在 .mdx 页面里，小于号 < 和花括号 { } 有特殊含义：要显示它们本身，写成 \\<、\\{、\\}；组件的开始和结束标签要配对。',
  },
  E110: {
    title: '文件不属于数据或内容',
    fix: 'data/ 中只能放列出的数据表（CSV UTF-8），content/ 中只能放 plan/ 中的计划文件（.md）和原文材料（plan/sources/），以及 pages/ 中的页面（.md 或 .mdx）；副本、备份和 Excel 工作簿请移到别的文件夹。',
  },
  E111: { title: '文件名不能用作网址', fix: '计划文件和页面的文件名会成为网址，只能用小写英文字母、数字和连字符 -，例如 gushan-2017.md。' },
  E112: { title: '两个文件是同一个页面', fix: '文件名只差大小写或扩展名（.md 与 .mdx）的两个文件会成为同一个网址；删除或改名其中一个。' },
} as const satisfies Record<string, IssueCode>;

export type IssueCodeId = keyof typeof ISSUE_CODES;

/** The codes grouped by what the error is about, for /data/errors/ (every code in exactly one group). */
export const ISSUE_GROUPS: ReadonlyArray<{ id: string; title: string; about: string; codes: readonly IssueCodeId[] }> = [
  {
    id: 'file',
    title: '文件与编码',
    about: '文件找不到、是空的，或者保存的格式不对（编码、分隔符）。',
    codes: ['E001', 'E002', 'E003', 'E004', 'E005', 'E013'],
  },
  { id: 'header', title: '表头（第 1 行的列名）', about: '第 1 行的列名缺了、多了、重复了，或者写成了中文标题。', codes: ['E010', 'E011', 'E012', 'E014'] },
  { id: 'rows', title: '行和引号', about: '一行中单元格的个数不对，或者英文双引号用得不对。', codes: ['E020', 'E021', 'E022'] },
  {
    id: 'cells',
    title: '单元格的值',
    about: '某一个单元格的内容不符合这一列的要求：空着、不是允许的值、日期或数字的写法不对等。',
    codes: ['E030', 'E031', 'E032', 'E033', 'E034', 'E035', 'E036', 'E037', 'E038', 'E039', 'E040', 'E041', 'E042', 'E043'],
  },
  { id: 'keys', title: '编号重复或与网址重名', about: '两行用了同一个编号，或者编号会成为网站上已经有的网址。', codes: ['E050', 'E051'] },
  {
    id: 'refs',
    title: '引用其他表或计划原文',
    about: '填写的编号在别的表里找不到，或者引文在计划原文中找不到。',
    codes: ['E060', 'E061', 'E062', 'E063', 'E064'],
  },
  {
    id: 'rules',
    title: '几个单元格之间的规则',
    about: '每个单元格单独看都对，但放在一起不符合规则，例如完成日期早于发现日期。',
    codes: ['E070', 'E071', 'E072', 'E073', 'E074', 'E075', 'E076', 'E077', 'E078', 'E079', 'E082', 'E083'],
  },
  { id: 'redactions', title: '隐去旧内容（redactions.csv）', about: 'redactions.csv 中的一行指向的表、记录或列不对。', codes: ['E090', 'E091', 'E092'] },
  { id: 'plan', title: '计划文件', about: 'content/plan/ 中计划原文文件的格式。', codes: ['E080', 'E081'] },
  {
    id: 'pages',
    title: '说明页面（content/pages/）',
    about: '页面中有 HTML、程序代码、不允许的组件、链接或图片，或者文件头不对。',
    codes: ['E100', 'E101', 'E102', 'E103', 'E104', 'E105'],
  },
  {
    id: 'folders',
    title: '文件夹中的文件',
    about: 'data/ 或 content/ 中有不属于网站数据的文件（副本、备份、工作簿），或者文件名不能用作网址。',
    codes: ['E110', 'E111', 'E112'],
  },
];

export interface ValidationIssue {
  code: IssueCodeId;
  /** Path shown to the editor, relative to the repository, e.g. "data/problems.csv". */
  file: string;
  line?: number;
  /** Column name as written in the header. */
  column?: string;
  /** Spreadsheet column letter, e.g. "M". */
  excelColumn?: string;
  /** Row number as Excel shows it (differs from `line` after a cell with line breaks). */
  excelRow?: number;
  /** Character position in the line (1-based), for text files such as pages: `file:line:char`. */
  char?: number;
  value?: string;
  /** The corrected value, when the mistake is mechanical (also in the message: “应写成 …”). */
  fix?: string;
  message: string;
}

/** `data/problems.csv:17 列 status：“已完成”不是允许的值（允许：…）` */
export function formatIssue(i: ValidationIssue): string {
  const where = i.line !== undefined ? `${i.file}:${i.line}${i.char !== undefined ? `:${i.char}` : ''}` : i.file;
  const col = i.column !== undefined ? ` 列 ${i.column}` : '';
  return `${where}${col}：${i.message}`;
}

export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** Shortens long values in messages so that one message stays one readable line. */
export function showValue(v: string, max = 40): string {
  const oneLine = showControlChars(v.replace(/\r\n|\r|\n/g, '⏎'));
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
