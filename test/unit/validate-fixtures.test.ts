import { describe, expect, it } from 'vitest';
import { brokenFixtures, materialise, VALID } from '../helpers/fixtures.ts';
import { BUILD_DATE } from '../helpers/paths.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';
import { ISSUE_CODES, ISSUE_GROUPS, formatIssue } from '../../src/lib/validation/issues.ts';
import { ISSUE_EXAMPLES } from '../../src/lib/validation/issue-examples.ts';

function messages(dir: string): string[] {
  const r = validateDirs({ dataDir: `${dir}/data`, contentDir: `${dir}/content`, cwd: dir, today: BUILD_DATE });
  return r.issues.map((i) => `${i.code} ${formatIssue(i)}`);
}

/**
 * The exact wording an editor sees for each broken fixture (test/fixtures/broken/<name>.yaml,
 * a patch over test/fixtures/valid). Changing a message is a product decision: update it here.
 */
export const EXPECTED: Record<string, string[]> = {
  'cell-date-format': ['E035 data/problems.csv:4 列 reported：“2018/6/2”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2018-06-02”'],
  'cell-date-impossible': ['E036 data/problems.csv:4 列 reported：“2018-02-30”这个日期不存在（请检查月份和日期）'],
  'cell-enum': ['E031 data/problems.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）'],
  'cell-list-item': [
    'E031 data/problems.csv:4 列 categories：“大气;空气”中的“空气”不是允许的值（允许：水、大气、土壤、固废、噪声、生态、辐射、其他；多个值用英文分号 ; 分隔）',
  ],
  'cell-not-number': [
    'E033 data/indicators.csv:2 列 target：“60%”不是数字（允许：数字，-1000000 到 1000000000；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“60”',
  ],
  'cell-pattern': [
    'E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:14 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:15 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E032 data/villages.csv:2 列 id：“Dong Cun”格式不对（允许：小写英文字母、数字和连字符 -，例如 hongdou）',
  ],
  'cell-range': ['E034 data/credit-ratings.csv:3 列 score：数值 15 超出范围（允许：-99 到 12）'],
  'cell-required-empty': ['E030 data/problems.csv:2 列 title：不能为空（必填：标题）'],
  'cell-url-scheme': ['E037 data/problems.csv:2 列 source_url：“javascript:alert(1)”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）'],
  'cell-whitespace': ['E040 data/villages.csv:3 列 name：“ 西社区 ”开头或结尾有空格（请删除多余的空格），应写成“西社区”'],
  'crlf-accepted': [],
  'datasets-row-missing': ['E075 data/datasets.csv 列 table：缺少数据表“problems”的说明（请为它加一行：table 写 problems）'],
  'encoding-bom-accepted': [],
  'encoding-gbk': [
    'E002 data/villages.csv:2：文件是 GBK/GB18030 编码（Excel 默认的“CSV（逗号分隔）”格式），不是 UTF-8，中文会变成乱码。这一行按 GBK 读出来是“dongcun,东村庄,村”。在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”；在 WPS 中另存为时把编码选为 UTF-8。',
  ],
  // Read on as GB18030: the other problems come in the same pass, and a correction that needs a further change says so.
  'encoding-gbk-cells': [
    'E002 data/problems.csv:2：文件是 GBK/GB18030 编码（Excel 默认的“CSV（逗号分隔）”格式），不是 UTF-8，中文会变成乱码。这一行按 GBK 读出来是“GS-2017-001,2017-03-14,信访举报,dongcun,东村河,”。在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”；在 WPS 中另存为时把编码选为 UTF-8。',
    'E031 data/problems.csv:4 列 status：“整改完成”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已整改”；改为“已整改”后还要改列 closed：状态是“已整改”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
    'E035 data/problems.csv:7 列 reported：“2019/2/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2019-02-14”',
  ],
  'encoding-unknown': [
    'E003 data/villages.csv:2：文件不是 UTF-8 编码，从这一行开始出现无法识别的字节（用 Excel 或 WPS 打开文件，另存为“CSV UTF-8（逗号分隔）”。）',
  ],
  'encoding-utf16': [
    'E005 data/villages.csv:1：文件保存成了“Unicode 文本”（UTF-16），不是 CSV UTF-8（不要选“Unicode 文本”，请另存为“CSV UTF-8（逗号分隔）”。）',
  ],
  'file-empty': ['E004 data/villages.csv:1：文件是空的（第 1 行应当是列名：id,name,kind）'],
  'file-missing': ['E001 data/observations.csv：找不到文件（需要：data/observations.csv，列为 indicator,date,value,source,source_url,note）'],
  'header-duplicate-column': ['E012 data/villages.csv:1 列 name：列名“name”重复：第 2 列（Excel B 列）和第 4 列（Excel D 列）（每个列名只能出现一次）'],
  'header-missing-column': ['E010 data/villages.csv:1 列 kind：缺少列“kind”（类型；这个表的列依次是：id,name,kind）'],
  'header-unknown-column': ['E011 data/villages.csv:1 列 population：“population”不是这个表的列（允许的列：id、name、kind）'],
  'hostile-urls': [
    'E037 data/observations.csv:3 列 source_url：“data:text/html,<script>window.__pwned=1<…”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）',
    'E037 data/problems.csv:2 列 source_url：“javascript:window.__pwned=1”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）',
  ],
  'key-duplicate': ['E050 data/villages.csv:4 列 id：id=dongcun 与第 2 行重复（id 必须唯一）'],
  'key-duplicate-composite': ['E050 data/observations.csv:6 列 indicator：indicator=river-quality，date=2017 与第 3 行重复（indicator + date 必须唯一）'],
  'many-errors-one-pass': [
    'E060 data/credit-ratings.csv:2 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:3 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:13 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E039 data/enterprises.csv:2 列 uscc：“91110000600037341M”的校验码（第 18 位）应为“L”，现在是“M”，代码中可能有抄错的字符，请对照营业执照核对',
    'E035 data/problems.csv:2 列 deadline：“2017-5-13”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-05-13”',
    'E031 data/problems.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）',
    'E064 data/responses.csv:5 列 key：“91110000600037341L”在 data/enterprises.csv 中找不到（key 要写 enterprises.csv 中已有记录的编号：uscc）',
    'E031 data/villages.csv:3 列 kind：“街道”不是允许的值（允许：村、社区）',
  ],
  'multiline-line-numbers': ['E036 data/problems.csv:4 列 reported：“2018-13-02”这个日期不存在（请检查月份和日期）'],
  'page-components': [
    'E102 content/pages/parts.mdx:6:1：页面里没有组件 Legend（可以用的组件：ProblemStatusLegend（问题整改状态的图例）、SectionHeading（带固定锚点的二级标题，其他页面可以链接到 #锚点），不用 import 就能直接使用）',
    'E102 content/pages/parts.mdx:8:1：组件 SectionHeading 的属性 id 的值“Samples”不对（允许：小写英文字母开头，只含小写字母、数字和连字符 -，例如 samples）',
    'E102 content/pages/parts.mdx:8:1：组件 SectionHeading 没有属性 level（它的属性：id；写法：<SectionHeading id="samples">哪些数据是示例</SectionHeading>）',
    'E102 content/pages/parts.mdx:10:1：组件 SectionHeading 缺少属性 id（写法：<SectionHeading id="samples">哪些数据是示例</SectionHeading>）',
    'E100 content/pages/parts.mdx:12:1：页面里不能写 HTML 标签“<h2 id="samples">标题</h2>”（要给标题加固定的锚点，请写 <SectionHeading id="锚点">标题</SectionHeading>）',
    'E100 content/pages/parts.mdx:14:1：页面里不能写 HTML 标签“<img src="x" onError="window.__pwned=1" />”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
  ],
  'page-front-matter': [
    'E104 content/pages/about.mdx:1：文件头缺少“description”（一句话说明这一页）',
    'E104 content/pages/about.mdx:3：文件头里不能写“layout”（只能写 title 和 description；layout 会让生成网站时引入别的文件）',
    'E104 content/pages/about.mdx:4：文件头里“title”写了两次（第 2 行已经写过）',
  ],
  'page-html': [
    'E100 content/pages/notice.md:6:1：页面里不能写 HTML 标签“<meta http-equiv="refresh" content="0;ur…”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    'E100 content/pages/notice.md:8:4：页面里不能写 HTML 标签“<img src=x onerror="window.__pwned=1">”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    'E100 content/pages/notice.md:8:80：页面里不能写 HTML 注释“<!-- 待核实：联系电话 13800000000 -->”（注释在页面上看不见，却会原样发布在网页的源代码里；不想发布的文字请删掉）',
    'E100 content/pages/notice.md:10:1：页面里不能写 HTML 标签“<script>window.__pwned=1</script>”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    'E100 content/pages/notice.md:12:1：页面里不能写 HTML 标签“<iframe src="https://evil.example/"></if…”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
  ],
  'page-links': [
    'E103 content/pages/links.md:6:1：链接地址“javascript:alert(1)”不允许（允许：以 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码，或本站内的相对地址，例如 ../plan/gushan-2017/）',
    'E103 content/pages/links.md:6:28：链接地址“javascript:alert(1)”不允许（允许：以 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码，或本站内的相对地址，例如 ../plan/gushan-2017/）',
    'E103 content/pages/links.md:6:50：链接地址“data:text/html,<b>x</b>”不允许（允许：以 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码，或本站内的相对地址，例如 ../plan/gushan-2017/）',
    'E103 content/pages/links.md:8:1：链接地址“VBScript:msgbox(1)”不允许（允许：以 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码，或本站内的相对地址，例如 ../plan/gushan-2017/）',
    'E103 content/pages/links.md:12:1：页面里不能插入图片“![现场照片](../../src/assets/secret.png)”（网站只显示本站自己的图片，页面文件夹中也不能放图片；需要图片请联系开发人员）',
  ],
  'page-mdx-code': [
    "E101 content/pages/tools.mdx:6:1：import ProblemStatusLegend 的路径“./ProblemStatusLegend.astro”不是组件 src/components/ProblemStatusLegend.astro（应写成 import ProblemStatusLegend from '../../../../../../src/components/ProblemStatusLegend.astro'，也可以删掉这一行：ProblemStatusLegend 不用 import 就能直接使用）",
    'E101 content/pages/tools.mdx:7:1：页面里不能 import “node:fs”（只能使用本站为页面准备的组件：ProblemStatusLegend（问题整改状态的图例）、SectionHeading（带固定锚点的二级标题，其他页面可以链接到 #锚点），它们不用 import 就能直接使用；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查）',
    "E101 content/pages/tools.mdx:8:1：import SectionHeading 的路径“../../../../../../src/components/../lib/…”不是组件 src/components/SectionHeading.astro（应写成 import SectionHeading from '../../../../../../src/components/SectionHeading.astro'，也可以删掉这一行：SectionHeading 不用 import 就能直接使用）",
    "E101 content/pages/tools.mdx:9:1：页面里不能写 export（“export const secret = fs.readFileSync('/…”：页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查）",
    'E101 content/pages/tools.mdx:13:4：页面里不能写表达式“{secret}”（花括号中的内容会在生成网站时当作程序运行；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查。要显示花括号本身，请写成 \\{ 和 \\}）',
    'E101 content/pages/tools.mdx:13:16：页面里不能写表达式“{process.env.HOME}”（花括号中的内容会在生成网站时当作程序运行；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查。要显示花括号本身，请写成 \\{ 和 \\}）',
    'E101 content/pages/tools.mdx:13:38：页面里不能写表达式“{1+1}”（花括号中的内容会在生成网站时当作程序运行；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查。要显示花括号本身，请写成 \\{ 和 \\}）',
    'E101 content/pages/tools.mdx:15:1：组件 SectionHeading 的属性 id 只能写固定的值，不能写表达式“{fetch(\'https://evil.example/\').then(Stri…}”（写法：<SectionHeading id="samples">哪些数据是示例</SectionHeading>；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查）',
    'E101 content/pages/tools.mdx:15:1：组件 SectionHeading 不能写“{...props}”（属性只能一个一个写成 名字="值"；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查）',
  ],
  'page-mdx-syntax': [
    'E105 content/pages/methodology.mdx:10:1：.mdx 页面里不能写 HTML 注释 <!-- -->：注释会原样发布在网页的源代码里；不想发布的备注请写成 {/* 备注 */}，或者删掉（解析器的原话：Unexpected character `!` (U+0021) before name, expected a character that can start a name, such as a letter, `$`, or `_`…）',
  ],
  'plan-anchor-duplicate': [
    'E080 content/plan/mini.md:16：锚点“s1”重复，第 10 行已经使用（锚点必须唯一）',
    'E062 data/indicators.csv:3 列 section：“s2-1”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2）',
    'E062 data/indicators.csv:4 列 section：“s2-1”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2）',
  ],
  'plan-front-matter': ['E081 content/plan/mini.md:4：字段“date”的值“2017年3月1日”不对（日期写成 年-月-日，例如 2017-09-25）'],
  'quote-stray': [
    'E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:14 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:15 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E022 data/villages.csv:2：单元格“东"村”中间有英文双引号（这样的单元格要整体放在双引号中，文字中的双引号写成两个 ""，或改用中文引号“”）',
  ],
  'quote-unclosed': [
    'E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:14 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E060 data/problems.csv:15 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    'E021 data/villages.csv:2：从这一行开始的带引号单元格“"东村,村”一直到文件末尾都没有结束引号（请在单元格文字结束处补上英文双引号 "）',
  ],
  'ref-enterprise': [
    'E060 data/credit-ratings.csv:4 列 uscc：“91320281MA1N2X3Y44”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
  ],
  'ref-plan': ['E061 data/indicators.csv:2 列 plan：“gushan-2099”不是 content/plan/ 中的计划文件（现有：gushan-2017、mini）'],
  'ref-quote': ['E063 data/indicators.csv:2 列 quote：引文“全镇河道水质达标比例达到70%”在 content/plan/mini.md 的章节 s1 中找不到（引文必须从原文逐字复制）'],
  'ref-quote-other-section': [
    'E063 data/indicators.csv:4 列 quote：引文“消除黑臭河道”在 content/plan/mini.md 的章节 s1 中找不到；这句话在章节 s2-1，不在 s1（引文必须从原文逐字复制）',
  ],
  'ref-section': ['E062 data/indicators.csv:3 列 section：“s3-9”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2、s2-1）'],
  'ref-village': ['E060 data/problems.csv:2 列 village：“nancun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）'],
  'redaction-rows': [
    'E092 data/redactions.csv:3 列 column：problems.csv 第 2 行还有记录“GS-2017-001”：整条隐去（column 留空）只用于已经删除的记录（要隐去这条记录某一列的旧值，请在 column 中写列名）',
    'E032 data/redactions.csv:4 列 key：“GS/2017-009”格式不对（允许：记录的编号，例如 GS-2019-004；两列组成的编号用 + 连接，例如 91320281MA1W2X3Y4Q+2019-H1）',
    'E090 data/redactions.csv:5 列 column：“phone”不是 problems.csv 的列（可以隐去的列：reported、source_type、village、location、categories、title、description、verified、enterprise、responsible、deadline、status、closed、measures、penalty、fine_wan、source_url、disclosed；留空表示隐去整条已删除的记录）',
    'E090 data/redactions.csv:6 列 column：“id”是 problems.csv 的编号列，编号不能隐去（可以隐去的列：reported、source_type、village、location、categories、title、description、verified、enterprise、responsible、deadline、status、closed、measures、penalty、fine_wan、source_url、disclosed；留空表示隐去整条已删除的记录）',
    'E091 data/redactions.csv:7 列 key：“91110000600037341L”不是 credit-ratings.csv 的编号写法（credit-ratings.csv 的编号是 uscc + period，两部分之间用 + 连接）',
    'E091 data/redactions.csv:8 列 key：“91110000600037341L+2019-H3”不是 credit-ratings.csv 的编号写法：其中 period 部分“2019-H3”格式不对（允许：年度写 2018，半年度写 2019-H1（上半年）或 2019-H2（下半年））',
    'E036 data/redactions.csv:9 列 until：“2019-02-30”这个日期不存在（请检查月份和日期）',
    'E030 data/redactions.csv:10 列 reason：不能为空（必填：原因）',
    'E031 data/redactions.csv:11 列 table：“datasets”不是允许的值（允许：villages、indicators、observations、problems、enterprises、credit-ratings、credit-levels、responses）',
    'E032 data/redactions.csv:12 列 column：“Description”格式不对（允许：英文列名，例如 description；留空表示整条记录），应写成“description”',
  ],
  'response-rows': [
    'E064 data/responses.csv:6 列 key：“91110000600037341L”不是 credit-ratings.csv 的编号写法（credit-ratings.csv 的记录写成 uscc+period，中间用 + 连接，例如 91110000600037341L+2018）',
    'E064 data/responses.csv:7 列 key：“GS-2099-001”在 data/problems.csv 中找不到（key 要写 problems.csv 中已有记录的编号：id）',
    'E082 data/responses.csv:8 列 outcome：类型是“复核结果”，必须填写复核结论（允许：维持、更正、撤销）',
    'E082 data/responses.csv:9 列 outcome：类型是“说明”，复核结论“维持”必须为空（只有类型为“复核结果”时填写复核结论）',
    'E083 data/responses.csv:10 列 date：日期 2099-01-01 晚于网站生成的日期 2026-01-15（回应的日期不能晚于今天，请检查是否写错）',
  ],
  'row-cell-count': [
    'E020 data/villages.csv:4：这一行有 4 个单元格，表头有 3 列（多了 1 个；文字中的逗号可能没有放在双引号中）',
    'E020 data/villages.csv:5：这一行有 2 个单元格，表头有 3 列（少了 1 个；可能漏了逗号）',
  ],
  'rule-closed-before-reported': ['E072 data/problems.csv:2 列 closed：完成日期 2017-03-01 早于发现日期 2017-03-14（完成日期不能早于发现日期）'],
  'rule-disclosed-before-reported': ['E072 data/problems.csv:2 列 disclosed：公开日期 2017-03-01 早于发现日期 2017-03-14（问题要先发现，才能公开）'],
  'rule-closed-forbidden': ['E071 data/problems.csv:4 列 closed：状态是“整改中”，完成日期“2018-06-20”必须为空（已经完成的，请把状态改为“已整改”或“已销号”）'],
  'rule-closed-missing': ['E070 data/problems.csv:2 列 closed：状态是“已销号”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）'],
  'rule-column-reference': [
    'E032 data/credit-levels.csv:5 列 note：依据中写了“本列”：这段文字单独显示在网页上，读者看不到表格的列，不知道“本列”指什么（请直接写出所指的内容，例如把“本列数值为最低加价标准”改成“每立方米至少加价 0.6 元”）',
  ],
  'rule-score-band': ['E074 data/credit-ratings.csv:3 列 score：得分 8 对应“蓝色”，与等级“红色”不符（红色应为 1–2 分）'],
  'scheme-period-uncovered': [
    'E077 data/credit-ratings.csv:6 列 period：评价期“2012”（最后一天 2012-12-31）不在任何评价办法的有效期内（data/credit-schemes.csv 中的评价办法：annual（2013-01-01 至 2018-12-31）、dynamic（2019-01-01 至 2019-12-31）、current（2020-01-01 起）；请先在 data/credit-schemes.csv 中添加那时有效的评价办法，或检查评价期）',
  ],
  'scheme-period-kind': [
    'E078 data/credit-ratings.csv:11 列 period：评价期“2019”是年度评价期，而 2019-12-31 有效的评价办法“dynamic”（《示例动态评价暂行办法》，2019-01-01 至 2019-12-31）按半年度评价（允许：2019-H1、2019-H2）',
  ],
  'scheme-dates': [
    'E079 data/credit-schemes.csv:3 列 valid_from：“dynamic”的有效期（2018-07-01 至 2019-12-31）与第 2 行“annual”的有效期（2013-01-01 至 2018-12-31）重叠（同一天只能有一个评价办法有效：前一个办法的终止日期要早于 2018-07-01）',
    'E072 data/credit-schemes.csv:4 列 valid_to：终止日期 2019-12-01 早于起始日期 2020-01-01（终止日期不能早于起始日期）',
  ],
  'scheme-score-unscored': [
    'E060 data/credit-ratings.csv:4 列 rating：“黑色”在 data/credit-levels.csv 中没有评价办法“dynamic”的一行（2019年上半年按“dynamic”评价；请先在 data/credit-levels.csv 中添加 scheme 为 dynamic、rating 为 黑色 的一行）',
    'E074 data/credit-ratings.csv:5 列 score：2018年度按“annual”（示例年度评价办法）评价，这个办法不打分（得分留空）',
    'E060 data/credit-ratings.csv:14 列 rating：“黑色”在 data/credit-levels.csv 中没有评价办法“dynamic”的一行（2019年下半年按“dynamic”评价；请先在 data/credit-levels.csv 中添加 scheme 为 dynamic、rating 为 黑色 的一行）',
  ],
  'rule-section-quote-count': ['E076 data/indicators.csv:2 列 quote：section 有 2 个锚点，quote 有 1 段原文，数量必须相同（第几个锚点对应第几段原文）'],
  'rule-target-missing': ['E073 data/indicators.csv:3 列 target：指标类型是“count”，必须填写目标值（只有 milestone 里程碑可以不填）'],
  'uscc-characters': [
    'E060 data/credit-ratings.csv:4 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:14 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E038 data/enterprises.csv:3 列 uscc：“9111O108551385082Q”含有不允许的字符“O”（允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确）',
    'E060 data/problems.csv:6 列 enterprise：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
  ],
  'uscc-check': [
    'E060 data/credit-ratings.csv:2 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:3 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:13 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E039 data/enterprises.csv:2 列 uscc：“91110000600037341M”的校验码（第 18 位）应为“L”，现在是“M”，代码中可能有抄错的字符，请对照营业执照核对',
    'E060 data/problems.csv:2 列 enterprise：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E064 data/responses.csv:5 列 key：“91110000600037341L”在 data/enterprises.csv 中找不到（key 要写 enterprises.csv 中已有记录的编号：uscc）',
  ],
  'uscc-length': [
    'E060 data/credit-ratings.csv:4 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E060 data/credit-ratings.csv:14 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
    'E038 data/enterprises.csv:3 列 uscc：“9111010855138508Q”不是 18 位（现在是 17 位；允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确）',
    'E060 data/problems.csv:6 列 enterprise：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）',
  ],
  'fix-ten-mistakes': [
    'E031 data/credit-ratings.csv:3 列 rating：“红”不是允许的值（允许：绿色、蓝色、黄色、红色、黑色），应写成“红色”',
    'E040 data/credit-ratings.csv:3 列 score：“ 2”开头或结尾有空格（请删除多余的空格），应写成“2”',
    'E035 data/problems.csv:2 列 reported：“2017/3/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-03-14”',
    'E038 data/problems.csv:2 列 enterprise：“91110000600037341l”含有不允许的字符“l”，字母要大写（允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确），应写成“91110000600037341L”',
    'E035 data/problems.csv:2 列 deadline：“2017年5月13日”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-05-13”',
    'E033 data/problems.csv:2 列 fine_wan：“２０”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“20”',
    'E031 data/problems.csv:4 列 categories：“大气；固废”中的“大气；固废”不是允许的值（允许：水、大气、土壤、固废、噪声、生态、辐射、其他；多个值用英文分号 ; 分隔），应写成“大气;固废”',
    'E040 data/problems.csv:4 列 title：“露天焚烧垃圾　”开头或结尾有空格（请删除多余的空格），应写成“露天焚烧垃圾”',
    'E031 data/problems.csv:5 列 status：“完成整改”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已整改”',
    'E033 data/problems.csv:5 列 fine_wan：“1,200”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“1200”',
    'E031 data/problems.csv:7 列 source_type：“媒体”不是允许的值（允许：中央环保督察、省级环保督察、市级督察、信访举报、媒体曝光、网格巡查、其他），应写成“媒体曝光”',
  ],
  'cell-excel-serial': [
    'E035 data/problems.csv:2 列 reported：“42808”不是有效的日期格式（允许：年-月-日，例如 2019-06-30）；如果这是 Excel 的日期序号，它是 2017-03-14（请把单元格格式设为“文本”后写成 2017-03-14）',
  ],
  'delimiter-tab': [
    'E013 data/villages.csv:1：这个文件的单元格是用制表符（Tab）分隔的（Excel 的“文本文件（制表符分隔）”格式），不是逗号；下面按制表符（Tab）读取并检查。在 Excel 中另存为“CSV UTF-8（逗号分隔）”，不要选“文本文件（制表符分隔）”；也可以在网站的数据检查页下载修正后的文件。',
  ],
  'header-chinese-titles': [
    'E014 data/villages.csv:1：第 1 行写的是列的中文标题，应写成英文列名：编号 → id、名称 → name、类型 → kind（第 1 行应写成：id,name,kind）',
  ],
  // What validates is publishable (issue 29): control characters, implausible numbers and years, long keys, route clashes, files outside the contract.
  'cell-control-char': [
    'E041 data/problems.csv:2 列 description：“第一行[U+000B]第二行”中有看不见的控制字符 U+000B（垂直制表符，Word 中按 Shift+Enter 换行时产生）（允许：文字、数字、空格和换行，不能有控制字符），应写成“第一行⏎第二行”',
    'E041 data/problems.csv:3 列 reported：“2018-06-02[U+0000]”中有看不见的控制字符 U+0000（空字符）（允许：文字、数字、空格和换行，不能有控制字符），应写成“2018-06-02”',
  ],
  'cell-number-infinite': [
    'E034 data/indicators.csv:2 列 target：数值 -2000000 超出范围（允许：-1000000 到 1000000000）',
    'E034 data/observations.csv:3 列 value：数值 1000000000000000000000000000000000000000… 超出范围（允许：-1000000 到 1000000000）',
  ],
  'cell-year': [
    'E042 data/credit-ratings.csv:3 列 period：“1899-H1”的年份 1899 不在 1900 到 2100 之间（请检查年份是否写错）',
    'E042 data/observations.csv:3 列 date：“0019”的年份 0019 不在 1900 到 2100 之间（请检查年份是否写错）',
    'E042 data/problems.csv:2 列 deadline：“9999-12-31”的年份 9999 不在 1900 到 2100 之间（请检查年份是否写错）',
    'E064 data/responses.csv:2 列 key：“91110000600037341L+2019-H1”在 data/credit-ratings.csv 中找不到（key 要写 credit-ratings.csv 中已有记录的编号：uscc+period）',
    'E064 data/responses.csv:4 列 key：“91110000600037341L+2019-H1”在 data/credit-ratings.csv 中找不到（key 要写 credit-ratings.csv 中已有记录的编号：uscc+period）',
  ],
  'key-too-long': [
    'E043 data/problems.csv:5 列 id：“GS-2018-00000000000000000000000000000000…”太长（300 个字符，允许：不超过 64 个字符；编号用在网址和文件名中）',
    'E043 data/villages.csv:7 列 id：“aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”太长（65 个字符，允许：不超过 64 个字符；编号用在网址和文件名中）',
  ],
  'id-route-clash': [
    'E051 data/indicators.csv:19 列 id：编号“river-quality-excel”不能用：它的网址 /indicators/river-quality-excel.csv 也是网站的另一个网址 /indicators/<id>-excel.csv（其中 <id> 为“river-quality”）（请换一个编号）',
    'E051 data/indicators.csv:20 列 id：编号“status”不能用：网址 /indicators/status/ 已经是网站的其他网址（/indicators/ 下已经使用的名字：index、status）（请换一个编号）',
    'E051 data/villages.csv:7 列 id：编号“con”不能用：con 是 Windows 保留的设备名，网址 /villages/con/ 在 Windows 电脑上无法保存成文件（请换一个编号）',
  ],
  'data-stray-files': [
    'E110 data/Villages.csv：文件名的大小写不对：网站只读 villages.csv（在区分大小写的服务器上，这个文件会被当作不存在），应改名为“villages.csv”',
    'E110 data/old/credit-ratings.csv：data/ 中不能有子文件夹，这个文件不会被读取（data/ 中只能直接放这些数据表：villages.csv、indicators.csv、observations.csv、problems.csv、enterprises.csv、credit-ratings.csv、credit-levels.csv、credit-schemes.csv、responses.csv、redactions.csv、datasets.csv）',
    'E110 data/problems (1).csv：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
    'E110 data/problems.csv.bak：不是数据表：是不是 problems.csv 的副本？网站只读 problems.csv，这个文件中的修改不会发布（请把修改写进 problems.csv，再把这个文件删除或移出 data/）',
    'E110 data/problems.xlsx：是 Excel 或 WPS 工作簿，网站只读 CSV 文件：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，文件名 problems.csv，然后把工作簿移出 data/',
  ],
  'content-names': [
    'E110 content/notes.txt：不属于网站的内容（content/ 中只有 plan/ 和 pages/ 两个文件夹：plan/ 放计划原文，pages/ 放页面）',
    'E111 content/pages/Guide.mdx：文件名“Guide.mdx”不能用作网址（允许：小写英文字母、数字和连字符 -，不超过 64 个字符，以 .mdx 结尾，例如 about.mdx），应改名为“guide.mdx”',
    'E112 content/pages/Guide.mdx：与 content/pages/guide.md 是同一个页面（网址都是 /guide/；文件名只差大小写或扩展名）（请删除或改名其中一个）',
    'E051 content/pages/data.md：文件名“data.md”不能用：网址 /data/ 已经是网站的其他网址（/ 下已经使用的名字：404、changes、credit、data、due、embed、index、indicators、pagefind、plan、problems、records-index、search、villages）（请给文件换一个名字）',
    'E112 content/pages/faq.mdx：与 content/pages/faq.md 是同一个页面（网址都是 /faq/；文件名只差大小写或扩展名）（请删除或改名其中一个）',
    'E111 content/plan/..md：文件名“..md”不能用作网址（允许：小写英文字母、数字和连字符 -，不超过 64 个字符，以 .md 结尾，例如 gushan-2017.md）',
    'E110 content/plan/方案.docx：不是计划文件（content/plan/ 中只能放计划原文 .md 文件；原文的 PDF、Word 等材料请放在 content/plan/sources/ 中）',
  ],
};

describe('validator on the fixtures', () => {
  it('accepts the valid fixture', () => {
    expect(messages(VALID)).toEqual([]);
  });

  it('has an expectation for every broken fixture and a fixture for every expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(brokenFixtures());
  });

  for (const name of brokenFixtures()) {
    it(`reports ${name}`, () => {
      expect(messages(materialise(name))).toEqual(EXPECTED[name]);
    });
  }

  it('documents every code with an example that is a real message of the fixtures', () => {
    const all = new Set(Object.values(EXPECTED).flat());
    for (const code of Object.keys(ISSUE_CODES)) {
      expect(ISSUE_EXAMPLES[code], code).toBeDefined();
      expect(all.has(`${code} ${ISSUE_EXAMPLES[code]}`), code).toBe(true);
    }
  });

  it('exercises every error code with at least one fixture', () => {
    const seen = new Set(
      Object.values(EXPECTED)
        .flat()
        .map((m) => m.slice(0, 4)),
    );
    expect(Object.keys(ISSUE_CODES).filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('/data/errors/ groups', () => {
  it('put every code in exactly one group, in code order', () => {
    const grouped = ISSUE_GROUPS.flatMap((g) => g.codes);
    expect([...grouped].sort()).toEqual(Object.keys(ISSUE_CODES).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(ISSUE_GROUPS.find((g) => g.codes.includes('E031'))?.title).toBe('单元格的值');
  });

  it('use plain Chinese, not English terms, in titles and fixes', () => {
    for (const [code, c] of Object.entries(ISSUE_CODES)) expect(`${c.title}${c.fix}`, code).not.toMatch(/front matter/i);
  });
});
