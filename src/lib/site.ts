/** Site-wide facts, read once at build time. */

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

/**
 * "Now" for the whole build: BUILD_DATE (YYYY-MM-DD) when given, so that tests and
 * reproducible builds can fix it, otherwise today's date in China Standard Time.
 */
export function buildDate(env: Record<string, string | undefined> = process.env, now: Date = new Date()): string {
  const given = env.BUILD_DATE;
  if (given && /^\d{4}-\d{2}-\d{2}$/.test(given)) return given;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Link to the source repository, shown in the footer when REPO_URL is configured. */
export function repoUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const url = env.REPO_URL?.trim();
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

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

/**
 * "发现错误？" links: the page on the repository host where a file can be edited. Needs
 * REPO_URL (e.g. https://github.com/org/repo); REPO_BRANCH defaults to main. Without a
 * repository the links are not shown.
 */
export function editUrl(file: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = repoUrl(env);
  if (!repo) return undefined;
  const branch = env.REPO_BRANCH?.trim() || 'main';
  return `${repo.replace(/\/+$/, '')}/edit/${encodeURIComponent(branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The page on the repository host showing a file as it was at one commit (REPO_URL needed). */
export function repoFileUrl(commit: string, file: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = repoUrl(env);
  if (!repo) return undefined;
  return `${repo.replace(/\/+$/, '')}/blob/${encodeURIComponent(commit)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
