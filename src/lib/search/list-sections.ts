/**
 * The sections of the list pages that are search results of their own (issue 33: "预警名单"
 * must find /credit/#warn-h, not only the plan's words). They are entries of the record index,
 * not Pagefind sub-results: a section is found by its name the way a record is (any run of two
 * or more characters, the whole name first), and the list pages stay out of Pagefind, whose
 * index would otherwise hold every enterprise and problem name a second time.
 *
 * `anchor` is the id of the section's heading on its page; test/build/record-index.test.ts
 * checks that each exists and that its heading starts with `name`. `words` are searched as the
 * section's text: what readers call it and what it holds.
 */
export interface ListSection {
  /** The list page, site-relative without the base, e.g. `credit/`. */
  page: string;
  anchor: string;
  /** The section's name as its heading starts. */
  name: string;
  /** The page's name, shown with the result. */
  pageName: string;
  /** One line shown as the result's text, and searched. */
  text: string;
  /** Further words it is found by (searched as text). */
  words: readonly string[];
}

export const LIST_SECTIONS: readonly ListSection[] = [
  {
    page: 'credit/',
    anchor: 'list-h',
    name: '企业名单',
    pageName: '企业环境信用',
    text: '全部企业及其最新环境信用等级，可按等级、村（社区）筛选和排序。',
    words: ['企业列表', '信用评价', '环境信用'],
  },
  {
    page: 'credit/',
    anchor: 'warn-h',
    name: '预警名单',
    pageName: '企业环境信用',
    text: '本期评为红色、黑色的企业。',
    words: ['预警黑名单', '黑名单', '红牌企业', '黑牌企业'],
  },
  {
    page: 'credit/',
    anchor: 'down-h',
    name: '本期降级的企业',
    pageName: '企业环境信用',
    text: '与上一评价期相比等级下降的企业。',
    words: ['降级企业', '等级下降'],
  },
  {
    page: 'credit/',
    anchor: 'scheme-h',
    name: '五色等级及其后果',
    pageName: '企业环境信用',
    text: '绿、蓝、黄、红、黑五色评价的含义和后果：差别电价、污水处理收费等。',
    words: ['差别电价', '五色评价', '信用等级后果'],
  },
  {
    page: 'problems/',
    anchor: 'summary-h',
    name: '概况',
    pageName: '问题曝光',
    text: '环境问题的数量、整改状态和来源。',
    words: ['问题概况', '整改情况'],
  },
  {
    page: 'problems/',
    anchor: 'register-h',
    name: '问题清单',
    pageName: '问题曝光',
    text: '督察交办、群众举报和媒体曝光的每一个环境问题，可按状态、村（社区）筛选。',
    words: ['问题列表', '曝光问题', '环境问题'],
  },
];

/** The section's page and anchor, site-relative without the base (as record paths are). */
export const sectionPath = (s: ListSection): string => `${s.page}#${s.anchor}`;
