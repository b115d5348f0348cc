/**
 * Every URL of the site, in one place, for pages, components, endpoints, browser scripts and the
 * `validate` command alike. Internal links carry the base path the site is hosted under
 * (BASE_PATH), which Vite writes into server and browser code as import.meta.env.BASE_URL; an
 * absolute URL is one of those links at the site's origin (SITE_URL), through absoluteUrl() only.
 */

/** Where `astro dev` and `astro preview` serve the site: the origin when SITE_URL is not set. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';
/** The base path when BASE_PATH is not set: the site at the root of its origin. */
export const DEFAULT_BASE_PATH = '/';

/** "gushan", "/gushan", "gushan/" → "/gushan/"; "" or "/" → "/". */
export function normaliseBase(raw: string): string {
  const inner = raw.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/**
 * The site's public address from an environment: SITE_URL (default DEFAULT_SITE_URL) and the
 * base path BASE_PATH, normalised (default "/"). The environment is an argument, so this stays
 * browser-safe; astro.config.mjs and the `validate` command pass process.env.
 */
export function siteLocation(env: Readonly<Record<string, string | undefined>>): { site: string; base: string } {
  return { site: env.SITE_URL || DEFAULT_SITE_URL, base: normaliseBase(env.BASE_PATH || DEFAULT_BASE_PATH) };
}

/**
 * Whether absolute URLs point at the local fallback (SITE_URL not set, or set to it): citations,
 * embed code and the noticeboard's QR code would then open the editor's own computer, not the site.
 */
export function isLocalSite(site: string | URL | undefined): boolean {
  return site === undefined || site === '' || new URL(site).origin === new URL(DEFAULT_SITE_URL).origin;
}

/** What the build prints, once, when isLocalSite: the editor reads it in the build's output. */
export const LOCAL_SITE_WARNING = `没有设置 SITE_URL（网站的正式网址），本次生成的网页里的绝对网址都指向本机 ${DEFAULT_SITE_URL}：引用格式、嵌入代码、RSS 订阅和村务公开栏公示单上的二维码都不能给别人用。正式发布前请设置 SITE_URL，例如 SITE_URL=https://example.org。`;

/** Joins a base path (e.g. "/" or "/gushan/") with a site-relative path. */
export function joinBase(base: string, path: string): string {
  return `${normaliseBase(base)}${path.replace(/^\/+/, '')}`;
}

/** Site-relative link for a path of the site; reads Astro's configured base. */
export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/**
 * The absolute URL of a link of this module (base path included, e.g. problemUrl(id)) at the
 * site's origin: `site` is Astro.site or an endpoint's `site`, both from SITE_URL; a path in
 * SITE_URL is not used (the base path is BASE_PATH). For canonical links, feeds, citations, the
 * embed code, chart images and the noticeboard's QR code.
 */
export function absoluteUrl(path: string, site: string | URL | undefined): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`absoluteUrl needs a site link that begins with the base path, not “${path}”`);
  return new URL(path, site ?? DEFAULT_SITE_URL).href;
}

const seg = (s: string) => encodeURIComponent(s);

// Sections.
export const homeUrl = () => href('');
export const planListUrl = () => href('plan/');
export const indicatorListUrl = () => href('indicators/');
export const problemListUrl = () => href('problems/');
export const creditUrl = () => href('credit/');
/** The explanation of the rating schemes; with an id, that scheme's section. */
export const creditSchemeUrl = (id?: string) => href(id === undefined ? 'credit/schemes/' : `credit/schemes/#${seg(id)}`);
export const villageListUrl = () => href('villages/');
export const dataUrl = (table?: string) => href(table ? `data/#${table}` : 'data/');
export const searchUrl = () => href('search/');
export const methodologyUrl = () => href('methodology/');
export const aboutUrl = (anchor?: string) => href(anchor ? `about/#${anchor}` : 'about/');
export const feedUrl = () => href('feed.xml');
/** What is due: unfinished problems and plan targets by deadline. */
export const dueUrl = () => href('due/');
/** The calendar (iCalendar) of every deadline on /due/. */
export const dueCalendarUrl = () => href('due.ics');
/** The data's change log (its further pages: pagedUrl('changes/', n)). */
export const changesUrl = () => href('changes/');
/**
 * The page of one commit that changed the data, by its address (ChangeEntry.address), which stays
 * as newer commits come: what record pages, citations and the feed link to. Without an address, the log.
 */
export const commitUrl = (address: string | undefined) => href(address === undefined ? 'changes/' : `changes/${seg(address)}/`);
/** RSS feed of the change log. */
export const changesFeedUrl = () => href('changes.xml');
export const dataCheckUrl = () => href('data/check/');
/** The page explaining the validator's error codes, optionally at one code (without the base, for the `validate` command). */
export const dataErrorsPath = (code?: string) => (code ? `data/errors/#${code}` : 'data/errors/');
export const dataErrorsUrl = (code?: string) => href(dataErrorsPath(code));
export const datapackageUrl = () => href('data/datapackage.json');
/** CSL-JSON of one dataset, for reference managers. */
export const datasetCslUrl = (table: string) => href(`data/cite/${seg(table)}.json`);

// Records.
/** A plan or one of its sections, site-relative without the base (the search index adds the base in the browser). */
export const planPath = (plan: string, anchor?: string) => `plan/${seg(plan)}/${anchor ? `#${anchor}` : ''}`;
export const planUrl = (plan: string, anchor?: string) => href(planPath(plan, anchor));
export const planSourceUrl = (plan: string) => href(`plan/${seg(plan)}.md`);
export const indicatorUrl = (id: string) => href(`indicators/${seg(id)}/`);
export const indicatorCsvUrl = (id: string) => href(`indicators/${seg(id)}.csv`);
export const indicatorExcelCsvUrl = (id: string) => href(`indicators/${seg(id)}-excel.csv`);
/** The chart as a standalone image (SVG; the page draws its PNG in the browser). */
export const indicatorChartSvgUrl = (id: string) => href(`indicators/${seg(id)}/chart.svg`);
/** The framable page of an indicator's chart and verdict, for <iframe>. */
export const indicatorEmbedUrl = (id: string) => href(`embed/indicators/${seg(id)}/`);
export const indicatorStatusUrl = (slug: string) => href(`indicators/status/${slug}/`);
export const problemUrl = (id: string) => href(`problems/${seg(id)}/`);
export const enterpriseUrl = (uscc: string) => href(`credit/${seg(uscc)}/`);
export const villageUrl = (id: string) => href(`villages/${seg(id)}/`);
/** A village's printable noticeboard sheet (A4, for the 村务公开栏). */
/**
 * The page of a record of a table, by its key: a rating or an observation links to its
 * enterprise or indicator; undefined for tables without record pages.
 */
export function recordUrl(table: string, key: readonly string[]): string | undefined {
  const k = key[0] ?? '';
  switch (table) {
    case 'problems':
      return problemUrl(k);
    case 'enterprises':
    case 'credit-ratings':
      return enterpriseUrl(k);
    case 'indicators':
    case 'observations':
      return indicatorUrl(k);
    case 'villages':
      return villageUrl(k);
    default:
      return undefined;
  }
}
/** The anchor of a response (data/responses.csv) on the page of the record it answers. */
export const responseAnchor = (id: string) => `response-${id}`;
/** A response on the page of the record it answers (an enterprise's page for a rating). */
export const responseUrl = (table: string, key: readonly string[], id: string) => {
  const page = recordUrl(table, key);
  return page === undefined ? undefined : `${page}#${responseAnchor(id)}`;
};
export const villageNoticeUrl = (id: string) => href(`villages/${seg(id)}/notice/`);
/** A village's calendar of deadlines (its problems and the town-wide ones). */
export const villageDueCalendarUrl = (id: string) => href(`villages/${seg(id)}/due.ics`);
/** A village's RSS feed of its problems. */
export const villageFeedUrl = (id: string) => href(`villages/${seg(id)}/feed.xml`);
/** The page of a rating period; the latest period's list is /credit/ itself. */
/** The stable address of a period's page, the latest included (/credit/ shows the latest too). */
export const creditPeriodPageUrl = (period: string) => href(`credit/period/${seg(period)}/`);
export const creditPeriodCsvUrl = (period: string, excel = false) => href(`credit/period/${seg(period)}${excel ? '-excel' : ''}.csv`);
export const creditPeriodUrl = (period: string, latest?: string) => (period === latest ? creditUrl() : href(`credit/period/${seg(period)}/`));

// Numbered pages of the long lists (page 1 is the list itself).
export const pagedUrl = (list: 'problems/' | 'credit/' | 'changes/', n: number) => href(n <= 1 ? list : `${list}page/${n}/`);

// Downloads and indexes.
export const csvUrl = (table: string) => href(`data/${table}.csv`);
export const excelCsvUrl = (table: string) => href(`data/${table}-excel.csv`);
export const jsonUrl = (table: string) => href(`data/${table}.json`);
/** The scoreboard as data (a derived table, not a file of data/). */
export const progressDataUrl = (format: 'csv' | 'excel' | 'json') =>
  href(format === 'excel' ? 'data/indicator-progress-excel.csv' : `data/indicator-progress.${format}`);
export const problemIndexUrl = () => href('problems/index.json');
export const creditIndexUrl = () => href('credit/index.json');
/** The data version this build was made from (a small file every build rewrites): the browser's filtered downloads are named with it. */
export const dataVersionUrl = () => href('data-version.json');
