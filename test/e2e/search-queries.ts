/**
 * Queries a reader might type, each with the page it must find among the first five results.
 * They run on the fixture site (test/fixtures/valid, with its frozen copy of the plan).
 * Never delete a query because it fails: fix the indexing instead (issue "Full-text search").
 */
export interface SearchCase {
  q: string;
  /** Site path (after the base) that must be among the first five result links; with `#`, the anchor must match too. */
  page: string;
  why: string;
  /** A type filter, where the word is common across the site and the case is about one kind of page. */
  type?: string;
  /** The page must be the first result, not only among the first five. */
  first?: true;
}

export const SEARCH_CASES: SearchCase[] = [
  // Two-character words inside long sentences.
  { q: '水质', page: 'indicators/class3-rivers/', why: 'two-character word' },
  { q: '红线', page: 'indicators/red-line-share/', why: 'two-character word' },
  { q: '整改', page: 'plan/gushan-2017/', why: "two-character word inside the plan's long sentences", type: '计划原文' },
  { q: '整改', page: 'problems/GS-2018-003/', why: 'the same word across the problem register' },
  { q: '燃煤', page: 'indicators/small-coal-boilers/', why: 'two-character word' },
  { q: '黑臭', page: 'indicators/black-odorous/', why: 'two-character word' },
  { q: '河长制', page: 'plan/gushan-2017/', why: 'three-character term only in the plan' },
  { q: '网格化', page: 'plan/gushan-2017/', why: 'term only in the plan' },
  { q: '预警黑名单', page: 'plan/gushan-2017/', why: 'term only in the plan' },
  { q: '差别电价', page: 'plan/gushan-2017/', why: 'policy term of the plan, also on every enterprise page', type: '计划原文' },
  { q: '三同时', page: 'plan/gushan-2017/', why: 'quoted term' },
  // Numbers with units.
  { q: '3.3万亩', page: 'indicators/arable-land-kept/', why: 'number with unit' },
  { q: '43.04%', page: 'indicators/green-coverage-2030/', why: 'number with percent' },
  { q: '10蒸吨', page: 'indicators/small-coal-boilers/', why: 'number with unit' },
  { q: '49个', page: 'indicators/livestock-farms/', why: 'number with measure word' },
  { q: '15.96平方米', page: 'indicators/park-green-2030/', why: 'decimal with unit' },
  { q: '6.5%', page: 'indicators/land-gdp-growth/', why: 'decimal percent' },
  // Names.
  { q: '丁字河', page: 'indicators/dingzi-river/', why: 'river name' },
  { q: '红豆村', page: 'indicators/eco-trail/', why: 'village name' },
  { q: '顾山镇人民政府', page: 'plan/gushan-2017/', why: 'issuer' },
  { q: '壬癸造纸', page: 'credit/91990000MA3JK6LM7L/', why: 'enterprise name (fictitious)' },
  { q: '申酉精细化工有限公司', page: 'credit/91990000MA8HJ7KL8W/', why: 'full enterprise name' },
  // Codes.
  { q: '91990000MA3JK6LM7L', page: 'credit/91990000MA3JK6LM7L/', why: 'a whole USCC' },
  { q: 'GS-2017-001', page: 'problems/GS-2017-001/', why: 'a problem id' },
  { q: '露天焚烧秸秆', page: 'problems/GS-2019-002/', why: 'problem title' },
  // Mixed Chinese and Latin.
  { q: 'PM2.5', page: 'indicators/pm25-points/', why: 'mixed Latin and number' },
  { q: 'VOC', page: 'indicators/voc-treatment/', why: 'Latin abbreviation' },
  { q: 'VOC治理项目', page: 'indicators/voc-treatment/', why: 'Latin followed by Chinese' },
  { q: '一级A', page: 'indicators/sewage-grade-a/', why: 'Chinese followed by Latin' },
  { q: 'GDP', page: 'indicators/land-gdp-growth/', why: 'Latin inside Chinese' },
  // Traditional characters.
  { q: '水質', page: 'indicators/class3-rivers/', why: 'traditional characters' },
  { q: '關閉畜禽養殖場', page: 'indicators/livestock-farms/', why: 'traditional characters' },
  { q: '生态宣传步道', page: 'indicators/eco-trail/', why: 'phrase of the plan' },
  { q: '覆盖率', page: 'indicators/green-coverage-2030/', why: 'three-character term' },
  // Exact first (issue "Search at scale"): the whole query beats its parts.
  { q: '印染企业废气异味扰民，督察交办限期整改', page: 'problems/GS-2018-003/', why: 'an exact problem title', first: true },
  { q: '养殖废水直排河道', page: 'problems/GS-2018-002/', why: 'an exact title that shares words with others', first: true },
  { q: '甲乙化工', page: 'credit/91110000600037341L/', why: 'an enterprise name without 有限公司 and the sample marker', first: true },
  { q: '（示例）甲乙化工有限公司', page: 'credit/91110000600037341L/', why: 'an enterprise name as written', first: true },
  { q: '推进黑臭河道整治工作', page: 'plan/gushan-2017/', why: 'a plan phrase finds its plan section', first: true },
  // The words people use.
  { q: '交办件', page: 'problems/GS-2018-003/', why: 'synonym of 督察交办' },
  { q: '黑臭水体', page: 'indicators/black-odorous/', why: 'synonym of 黑臭河道' },
  // Pages.
  { q: '计算方法', page: 'methodology/', why: 'page title' },
  { q: '示例数据', page: 'about/', why: 'page text' },
  // Places and lists (issue 33): village pages and list sections are results of their own.
  { q: '湖心村', page: 'villages/huxin/', why: 'a village name finds its page', first: true },
  { q: '西社区', page: 'villages/xishequ/', why: 'a community name finds its page', first: true },
  { q: '南巷', page: 'villages/nanxiang/', why: 'part of a village name', first: true },
  { q: '预警名单', page: 'credit/#warn-h', why: 'a section of the credit list', first: true },
  { q: '黑名单', page: 'credit/#warn-h', why: 'what readers call the warning list' },
  { q: '差别电价', page: 'credit/#scheme-h', why: 'the consequence of a colour, on the credit list' },
  { q: '降级企业', page: 'credit/#down-h', why: 'a section of the credit list' },
  { q: '问题清单', page: 'problems/#register-h', why: 'a section of the problem register', first: true },
  // Everyday wordings (issue 33).
  { q: '河水水质', page: 'problems/GS-2019-005/', why: '河水 searched as 河道' },
  { q: '噪音', page: 'problems/GS-2019-004/', why: '噪音 searched as 噪声' },
];
