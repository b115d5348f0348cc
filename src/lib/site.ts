/** Site-wide facts and date wording, the same for the server and the browser. */

export const SITE_NAME = '顾山镇生态文明建设公开数据';

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
  { path: 'credit/', label: '企业环境信用' },
  { path: 'data/', label: '数据下载' },
  { path: 'search/', label: '搜索' },
];

/** Formats an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the way Chinese readers write it. */
export function formatDateZh(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  let out = `${y}年`;
  if (mo) out += `${Number(mo)}月`;
  if (d) out += `${Number(d)}日`;
  return out;
}

/** ISO date (YYYY-MM-DD) of a Date, in UTC (front-matter dates are parsed as UTC midnight). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
