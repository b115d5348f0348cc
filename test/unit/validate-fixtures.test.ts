import { describe, expect, it } from 'vitest';
import { brokenFixtures, materialise, VALID } from '../helpers/fixtures.ts';
import { validateDirs } from '../../src/lib/read-dataset.ts';
import { ISSUE_CODES, ISSUE_GROUPS, formatIssue } from '../../src/lib/issues.ts';
import { ISSUE_EXAMPLES } from '../../src/lib/issue-examples.ts';

function messages(dir: string): string[] {
  const r = validateDirs({ dataDir: `${dir}/data`, contentDir: `${dir}/content`, cwd: dir });
  return r.issues.map((i) => `${i.code} ${formatIssue(i)}`);
}

/**
 * The exact wording an editor sees for each broken fixture (test/fixtures/broken/<name>.yaml,
 * a patch over test/fixtures/valid). Changing a message is a product decision: update it here.
 */
export const EXPECTED: Record<string, string[]> = {
  'cell-date-format': [
    "E035 data/problems.csv:4 列 reported：“2018/6/2”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2018-06-02”",
  ],
  'cell-date-impossible': [
    "E036 data/problems.csv:4 列 reported：“2018-02-30”这个日期不存在（请检查月份和日期）",
  ],
  'cell-enum': [
    "E031 data/problems.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）",
  ],
  'cell-list-item': [
    "E031 data/problems.csv:4 列 categories：“大气;空气”中的“空气”不是允许的值（允许：水、大气、土壤、固废、噪声、生态、辐射、其他；多个值用英文分号 ; 分隔）",
  ],
  'cell-not-number': [
    "E033 data/indicators.csv:2 列 target：“60%”不是数字（允许：数字；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“60”",
  ],
  'cell-pattern': [
    "E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E032 data/villages.csv:2 列 id：“Dong Cun”格式不对（允许：小写英文字母、数字和连字符 -，例如 hongdou）",
  ],
  'cell-range': [
    "E034 data/credit-ratings.csv:3 列 score：数值 15 超出范围（允许：-99 到 12）",
  ],
  'cell-required-empty': [
    "E030 data/problems.csv:2 列 title：不能为空（必填：标题）",
  ],
  'cell-url-scheme': [
    "E037 data/problems.csv:2 列 source_url：“javascript:alert(1)”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）",
  ],
  'cell-whitespace': [
    "E040 data/villages.csv:3 列 name：“ 西社区 ”开头或结尾有空格（请删除多余的空格），应写成“西社区”",
  ],
  'crlf-accepted': [
  ],
  'datasets-row-missing': [
    "E075 data/datasets.csv 列 table：缺少数据表“problems”的说明（请为它加一行：table 写 problems）",
  ],
  'encoding-bom-accepted': [
  ],
  'encoding-gbk': [
    "E002 data/villages.csv:2：文件是 GBK/GB18030 编码（Excel 默认的“CSV（逗号分隔）”格式），不是 UTF-8，中文会变成乱码。这一行按 GBK 读出来是“dongcun,东村庄,村”。在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”；在 WPS 中另存为时把编码选为 UTF-8。",
  ],
  'encoding-unknown': [
    "E003 data/villages.csv:2：文件不是 UTF-8 编码，从这一行开始出现无法识别的字节（用 Excel 或 WPS 打开文件，另存为“CSV UTF-8（逗号分隔）”。）",
  ],
  'encoding-utf16': [
    "E005 data/villages.csv:1：文件保存成了“Unicode 文本”（UTF-16），不是 CSV UTF-8（不要选“Unicode 文本”，请另存为“CSV UTF-8（逗号分隔）”。）",
  ],
  'file-empty': [
    "E004 data/villages.csv:1：文件是空的（第 1 行应当是列名：id,name,kind）",
  ],
  'file-missing': [
    "E001 data/observations.csv：找不到文件（需要：data/observations.csv，列为 indicator,date,value,source,source_url,note）",
  ],
  'header-duplicate-column': [
    "E012 data/villages.csv:1 列 name：列名“name”重复：第 2 列（Excel B 列）和第 4 列（Excel D 列）（每个列名只能出现一次）",
  ],
  'header-missing-column': [
    "E010 data/villages.csv:1 列 kind：缺少列“kind”（类型；这个表的列依次是：id,name,kind）",
  ],
  'header-unknown-column': [
    "E011 data/villages.csv:1 列 population：“population”不是这个表的列（允许的列：id、name、kind）",
  ],
  'hostile-urls': [
    "E037 data/observations.csv:3 列 source_url：“data:text/html,<script>window.__pwned=1<…”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）",
    "E037 data/problems.csv:2 列 source_url：“javascript:window.__pwned=1”不是允许的网址（允许：以 http:// 或 https:// 开头的完整网址）",
  ],
  'key-duplicate': [
    "E050 data/villages.csv:4 列 id：id=dongcun 与第 2 行重复（id 必须唯一）",
  ],
  'key-duplicate-composite': [
    "E050 data/observations.csv:6 列 indicator：indicator=river-quality，date=2017 与第 3 行重复（indicator + date 必须唯一）",
  ],
  'many-errors-one-pass': [
    "E060 data/credit-ratings.csv:2 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:3 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:13 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E039 data/enterprises.csv:2 列 uscc：“91110000600037341M”的校验码（第 18 位）应为“L”，现在是“M”，代码中可能有抄错的字符，请对照营业执照核对",
    "E035 data/problems.csv:2 列 deadline：“2017-5-13”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-05-13”",
    "E031 data/problems.csv:4 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）",
    "E031 data/villages.csv:3 列 kind：“街道”不是允许的值（允许：村、社区）",
  ],
  'multiline-line-numbers': [
    "E036 data/problems.csv:4 列 reported：“2018-13-02”这个日期不存在（请检查月份和日期）",
  ],
  'plan-anchor-duplicate': [
    "E080 content/plan/mini.md:16：锚点“s1”重复，第 10 行已经使用（锚点必须唯一）",
    "E062 data/indicators.csv:3 列 section：“s2-1”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2）",
    "E062 data/indicators.csv:4 列 section：“s2-1”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2）",
  ],
  'plan-front-matter': [
    "E081 content/plan/mini.md:4：字段“date”的值“2017年3月1日”不对（日期写成 年-月-日，例如 2017-09-25）",
  ],
  'quote-stray': [
    "E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E022 data/villages.csv:2：单元格“东\"村”中间有英文双引号（这样的单元格要整体放在双引号中，文字中的双引号写成两个 \"\"，或改用中文引号“”）",
  ],
  'quote-unclosed': [
    "E060 data/enterprises.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/enterprises.csv:8 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:2 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E060 data/problems.csv:11 列 village：“dongcun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
    "E021 data/villages.csv:2：从这一行开始的带引号单元格“\"东村,村”一直到文件末尾都没有结束引号（请在单元格文字结束处补上英文双引号 \"）",
  ],
  'ref-enterprise': [
    "E060 data/credit-ratings.csv:4 列 uscc：“91320281MA1N2X3Y44”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
  ],
  'ref-plan': [
    "E061 data/indicators.csv:2 列 plan：“gushan-2099”不是 content/plan/ 中的计划文件（现有：gushan-2017、mini）",
  ],
  'ref-quote': [
    "E063 data/indicators.csv:2 列 quote：引文“全镇河道水质达标比例达到70%”在 content/plan/mini.md 的章节 s1 中找不到（引文必须从原文逐字复制）",
  ],
  'ref-quote-other-section': [
    "E063 data/indicators.csv:4 列 quote：引文“消除黑臭河道”在 content/plan/mini.md 的章节 s1 中找不到；这句话在章节 s2-1，不在 s1（引文必须从原文逐字复制）",
  ],
  'ref-section': [
    "E062 data/indicators.csv:3 列 section：“s3-9”不是 content/plan/mini.md 中的章节锚点（现有的锚点：s1、s2、s2-1）",
  ],
  'ref-village': [
    "E060 data/problems.csv:2 列 village：“nancun”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）",
  ],
  'redaction-rows': [
    "E092 data/redactions.csv:3 列 column：problems.csv 第 2 行还有记录“GS-2017-001”：整条隐去（column 留空）只用于已经删除的记录（要隐去这条记录某一列的旧值，请在 column 中写列名）",
    "E032 data/redactions.csv:4 列 key：“GS/2017-009”格式不对（允许：记录的编号，例如 GS-2019-004；两列组成的编号用 + 连接，例如 91320281MA1W2X3Y4Q+2019-H1）",
    "E090 data/redactions.csv:5 列 column：“phone”不是 problems.csv 的列（可以隐去的列：reported、source_type、village、location、categories、title、description、verified、enterprise、responsible、deadline、status、closed、measures、penalty、fine_wan、source_url；留空表示隐去整条已删除的记录）",
    "E090 data/redactions.csv:6 列 column：“id”是 problems.csv 的编号列，编号不能隐去（可以隐去的列：reported、source_type、village、location、categories、title、description、verified、enterprise、responsible、deadline、status、closed、measures、penalty、fine_wan、source_url；留空表示隐去整条已删除的记录）",
    "E091 data/redactions.csv:7 列 key：“91110000600037341L”不是 credit-ratings.csv 的编号写法（credit-ratings.csv 的编号是 uscc + period，两部分之间用 + 连接）",
    "E091 data/redactions.csv:8 列 key：“91110000600037341L+2019-H3”不是 credit-ratings.csv 的编号写法：其中 period 部分“2019-H3”格式不对（允许：年度写 2018，半年度写 2019-H1（上半年）或 2019-H2（下半年））",
    "E036 data/redactions.csv:9 列 until：“2019-02-30”这个日期不存在（请检查月份和日期）",
    "E030 data/redactions.csv:10 列 reason：不能为空（必填：原因）",
    "E031 data/redactions.csv:11 列 table：“datasets”不是允许的值（允许：villages、indicators、observations、problems、enterprises、credit-ratings、credit-levels）",
    "E032 data/redactions.csv:12 列 column：“Description”格式不对（允许：英文列名，例如 description；留空表示整条记录），应写成“description”",
  ],
  'row-cell-count': [
    "E020 data/villages.csv:4：这一行有 4 个单元格，表头有 3 列（多了 1 个；文字中的逗号可能没有放在双引号中）",
    "E020 data/villages.csv:5：这一行有 2 个单元格，表头有 3 列（少了 1 个；可能漏了逗号）",
  ],
  'rule-closed-before-reported': [
    "E072 data/problems.csv:2 列 closed：完成日期 2017-03-01 早于发现日期 2017-03-14（完成日期不能早于发现日期）",
  ],
  'rule-closed-forbidden': [
    "E071 data/problems.csv:4 列 closed：状态是“整改中”，完成日期“2018-06-20”必须为空（已经完成的，请把状态改为“已整改”或“已销号”）",
  ],
  'rule-closed-missing': [
    "E070 data/problems.csv:2 列 closed：状态是“已销号”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）",
  ],
  'rule-score-band': [
    "E074 data/credit-ratings.csv:3 列 score：得分 8 对应“蓝色”，与等级“红色”不符（红色应为 1–2 分）",
  ],
  'rule-section-quote-count': [
    "E076 data/indicators.csv:2 列 quote：section 有 2 个锚点，quote 有 1 段原文，数量必须相同（第几个锚点对应第几段原文）",
  ],
  'rule-target-missing': [
    "E073 data/indicators.csv:3 列 target：指标类型是“count”，必须填写目标值（只有 milestone 里程碑可以不填）",
  ],
  'uscc-characters': [
    "E060 data/credit-ratings.csv:4 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:14 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E038 data/enterprises.csv:3 列 uscc：“9111O108551385082Q”含有不允许的字符“O”（允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确）",
    "E060 data/problems.csv:6 列 enterprise：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
  ],
  'uscc-check': [
    "E060 data/credit-ratings.csv:2 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:3 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:13 列 uscc：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E039 data/enterprises.csv:2 列 uscc：“91110000600037341M”的校验码（第 18 位）应为“L”，现在是“M”，代码中可能有抄错的字符，请对照营业执照核对",
    "E060 data/problems.csv:2 列 enterprise：“91110000600037341L”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
  ],
  'uscc-length': [
    "E060 data/credit-ratings.csv:4 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E060 data/credit-ratings.csv:14 列 uscc：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
    "E038 data/enterprises.csv:3 列 uscc：“9111010855138508Q”不是 18 位（现在是 17 位；允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确）",
    "E060 data/problems.csv:6 列 enterprise：“91110108551385082Q”在 data/enterprises.csv 的 uscc 列中找不到（请先在 data/enterprises.csv 中添加，或检查拼写）",
  ],
  'fix-ten-mistakes': [
    "E031 data/credit-ratings.csv:3 列 rating：“红”不是允许的值（允许：绿色、蓝色、黄色、红色、黑色），应写成“红色”",
    "E040 data/credit-ratings.csv:3 列 score：“ 2”开头或结尾有空格（请删除多余的空格），应写成“2”",
    "E035 data/problems.csv:2 列 reported：“2017/3/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-03-14”",
    "E038 data/problems.csv:2 列 enterprise：“91110000600037341l”含有不允许的字符“l”，字母要大写（允许：18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确），应写成“91110000600037341L”",
    "E035 data/problems.csv:2 列 deadline：“2017年5月13日”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-05-13”",
    "E033 data/problems.csv:2 列 fine_wan：“２０”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“20”",
    "E031 data/problems.csv:4 列 categories：“大气；固废”中的“大气；固废”不是允许的值（允许：水、大气、土壤、固废、噪声、生态、辐射、其他；多个值用英文分号 ; 分隔），应写成“大气;固废”",
    "E040 data/problems.csv:4 列 title：“露天焚烧垃圾　”开头或结尾有空格（请删除多余的空格），应写成“露天焚烧垃圾”",
    "E031 data/problems.csv:5 列 status：“完成整改”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已整改”",
    "E033 data/problems.csv:5 列 fine_wan：“1,200”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符），应写成“1200”",
    "E031 data/problems.csv:7 列 source_type：“媒体”不是允许的值（允许：中央环保督察、省级环保督察、市级督察、信访举报、媒体曝光、网格巡查、其他），应写成“媒体曝光”",
  ],
  'cell-excel-serial': [
    "E035 data/problems.csv:2 列 reported：“42808”不是有效的日期格式（允许：年-月-日，例如 2019-06-30）；如果这是 Excel 的日期序号，它是 2017-03-14（请把单元格格式设为“文本”后写成 2017-03-14）",
  ],
  'delimiter-tab': [
    "E013 data/villages.csv:1：这个文件的单元格是用制表符（Tab）分隔的（Excel 的“文本文件（制表符分隔）”格式），不是逗号；下面按制表符（Tab）读取并检查。在 Excel 中另存为“CSV UTF-8（逗号分隔）”，不要选“文本文件（制表符分隔）”；也可以在网站的数据检查页下载修正后的文件。",
  ],
  'header-chinese-titles': [
    "E014 data/villages.csv:1：第 1 行写的是列的中文标题，应写成英文列名：编号 → id、名称 → name、类型 → kind（第 1 行应写成：id,name,kind）",
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
    const seen = new Set(Object.values(EXPECTED).flat().map((m) => m.slice(0, 4)));
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
