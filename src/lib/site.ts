/** Site-wide facts, the same for the server and the browser (dates: src/lib/dates.ts). */

export const SITE_NAME = '顾山镇生态文明建设公开数据';

/**
 * The licence the site publishes its data under (the footer), and the licence link of a table
 * whose row in datasets.csv gives no licence_url. The Chinese text of the licence, for its readers.
 */
export const SITE_LICENCE = {
  name: '知识共享 署名 4.0 国际许可协议（CC BY 4.0）',
  short: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
} as const;

export interface NavItem {
  path: string;
  label: string;
}

/** The main navigation, in the order of DESIGN §5. */
export const NAV: readonly NavItem[] = [
  { path: 'plan/', label: '计划原文' },
  { path: 'indicators/', label: '指标进展' },
  { path: 'problems/', label: '问题曝光' },
  { path: 'villages/', label: '村（社区）' },
  { path: 'due/', label: '到期事项' },
  { path: 'credit/', label: '企业环境信用' },
  { path: 'data/', label: '数据下载' },
  { path: 'search/', label: '搜索' },
];

/**
 * The data section's own navigation, on every page of it (section "data/"): editors reach the
 * CSV checker from any of them, not only from the list of error codes.
 */
export const DATA_NAV: readonly NavItem[] = [
  { path: 'data/', label: '数据下载' },
  { path: 'changes/', label: '修改记录' },
  { path: 'data/check/', label: '检查表格（CSV 检查器）' },
  { path: 'data/errors/', label: '错误代码说明' },
];

/** The titles of the two feeds: in the feeds themselves and in every page's <link rel="alternate">. */
export const PROBLEMS_FEED_TITLE = `${SITE_NAME}：最新曝光的环境问题`;
export const CHANGES_FEED_TITLE = `${SITE_NAME}：数据修改记录`;

/** The calendar files' names, as calendar apps show a subscription. */
export const DUE_CALENDAR_NAME = `${SITE_NAME}：到期事项`;
export const villageCalendarName = (village: string) => `${village}：到期事项（${SITE_NAME}）`;
/**
 * What a village's calendar holds, in its X-WR-CALDESC: its own deadlines and the town-wide ones,
 * and when the town-wide ones are cut (nearestDue), how many and where all of them are.
 */
export const villageCalendarDescription = (village: string, townWide: { shown: number; more: number }, townCalendar: string) =>
  townWide.more === 0
    ? `${village}尚未完成整改的问题和全镇范围的问题的整改期限。`
    : `${village}尚未完成整改的问题的整改期限，以及全镇范围的问题中最近到期的 ${townWide.shown} 个（另有 ${townWide.more} 个）。全镇范围的全部问题见全镇日历：${townCalendar}`;
/** A village's feed title, in the feed and in its page's <link rel="alternate">. */
export const villageFeedTitle = (village: string) => `${village}的环境问题（${SITE_NAME}）`;
