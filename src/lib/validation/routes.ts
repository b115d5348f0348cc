/**
 * The site's routes as data, so that the validator can refuse an id that would take over
 * another route's address: an indicator `x-excel` would write /indicators/x-excel.csv, which is
 * indicator x's Excel download; a page `data` would replace /data/. The check is generic: a value
 * is put into every route of its parameter and the address is matched against every other route,
 * so a route added later is covered as soon as it is listed here.
 *
 * The list cannot be read from src/pages when the validator runs (it is pure and also runs in
 * editors' browsers), so ROUTE_FILES is the folder's listing, and test/unit/routes.test.ts
 * fails, printing the new list, whenever src/pages (or public/) and these lists differ, or a
 * route has a parameter that ROUTE_PARAMS does not say the source of. Adding a route without
 * updating this file therefore fails the tests, never slips past the check. Existing addresses
 * stay as they are: the check refuses the new id, it never moves a route. Pure and browser-safe.
 */

/** Every file under src/pages, as Astro reads them (kept equal to the folder by test/unit/routes.test.ts). */
export const ROUTE_FILES = [
  '404.astro',
  '[page].astro',
  'changes.xml.ts',
  'changes/[commit].astro',
  'changes/index.astro',
  'changes/page/[n].astro',
  'credit/[removedUscc].astro',
  'credit/[uscc].astro',
  'credit/index.astro',
  'credit/index.json.ts',
  'credit/page/[n].astro',
  'credit/period/[period]-excel.csv.ts',
  'credit/period/[period].astro',
  'credit/period/[period].csv.ts',
  'credit/schemes.astro',
  'data-version.json.ts',
  'data/[table]-excel.csv.ts',
  'data/[table].csv.ts',
  'data/[table].json.ts',
  'data/check.astro',
  'data/cite/[table].json.ts',
  'data/datapackage.json.ts',
  'data/errors.astro',
  'data/index.astro',
  'due.astro',
  'due.ics.ts',
  'embed/indicators/[id].astro',
  'feed.xml.ts',
  'index.astro',
  'indicators/[id]-excel.csv.ts',
  'indicators/[id].astro',
  'indicators/[id].csv.ts',
  'indicators/[id]/chart.svg.ts',
  'indicators/index.astro',
  'indicators/status/[status].astro',
  'plan/[plan].astro',
  'plan/[plan].md.ts',
  'plan/index.astro',
  'problems/[id].astro',
  'problems/[removedId].astro',
  'problems/index.astro',
  'problems/index.json.ts',
  'problems/page/[n].astro',
  'search/index.astro',
  'villages/[id].astro',
  'villages/[id]/due.ics.ts',
  'villages/[id]/feed.xml.ts',
  'villages/[id]/notice.astro',
  'villages/index.astro',
] as const;

/** Every file under public/, copied to the site as it is (kept equal to the folder by the same test). */
export const PUBLIC_FILES = ['favicon.svg'] as const;

/**
 * What the build writes at the top of the site besides routes and public/: Astro's assets
 * (`build.assets`), the sitemap, the search indexes (src/integrations/pagefind.ts, record-index.ts) and the hosts'
 * files for the host (src/build/hosting/rules.ts HOST_FILES, written by src/integrations/hosting.ts).
 */
export const BUILD_OUTPUT_NAMES = [
  '_astro',
  'sitemap-index.xml',
  'sitemap-0.xml',
  'pagefind',
  'records-index',
  '_headers',
  '_nginx.conf',
  '_nginx-brotli.conf',
  '_compressed.json',
] as const;

/** The only form a commit's address (changes/[commit]) may have, whatever git or the history cache handed over: lower-case hex, never a name /changes/ uses. */
export const COMMIT_ADDRESS = /^[0-9a-f]{7,40}$/;

/** Where the values of a route parameter come from. */
export type RouteParamSource =
  /** A column of a data table: editors write them, so the validator checks each. */
  | { kind: 'column'; table: string; column: string }
  /** The file names of content/plan/*.md and content/pages/*.md(x). */
  | { kind: 'plan' }
  | { kind: 'page' }
  /** Values the code makes (table names, statuses, page numbers): test/unit/routes.test.ts checks them. */
  | { kind: 'code' }
  /** Addresses of commits, from git's ids, only of the form COMMIT_ADDRESS (src/lib/history/history-view.ts commitAddresses). */
  | { kind: 'commit' };

/**
 * The source of each route parameter, by the folder of the segment that holds it and its name
 * (`indicators/[id]` covers [id].astro, [id].csv.ts, [id]-excel.csv.ts and [id]/chart.svg.ts).
 */
export const ROUTE_PARAMS: Record<string, RouteParamSource> = {
  '[page]': { kind: 'page' },
  'plan/[plan]': { kind: 'plan' },
  'indicators/[id]': { kind: 'column', table: 'indicators', column: 'id' },
  'embed/indicators/[id]': { kind: 'column', table: 'indicators', column: 'id' },
  'villages/[id]': { kind: 'column', table: 'villages', column: 'id' },
  'problems/[id]': { kind: 'column', table: 'problems', column: 'id' },
  'problems/[removedId]': { kind: 'column', table: 'problems', column: 'id' },
  'credit/[uscc]': { kind: 'column', table: 'enterprises', column: 'uscc' },
  'credit/[removedUscc]': { kind: 'column', table: 'enterprises', column: 'uscc' },
  'credit/period/[period]': { kind: 'column', table: 'credit-ratings', column: 'period' },
  'data/[table]': { kind: 'code' },
  'data/cite/[table]': { kind: 'code' },
  'indicators/status/[status]': { kind: 'code' },
  'changes/[commit]': { kind: 'commit' },
  'changes/page/[n]': { kind: 'code' },
  'credit/page/[n]': { kind: 'code' },
  'problems/page/[n]': { kind: 'code' },
};

export interface RouteTemplate {
  /** The route file, e.g. "indicators/[id]-excel.csv.ts". */
  file: string;
  /** Its address with the parameter in brackets: "/indicators/[id]-excel.csv", "/indicators/[id]/". */
  url: string;
  /** The ROUTE_PARAMS key of its parameter, e.g. "indicators/[id]"; absent for a static route. */
  param?: string;
  /** The folder (without slashes at the ends) of the segment that holds the parameter. */
  folder?: string;
}

const PARAM = /\[([^\]]+)\]/;

/** The address a route file makes (trailingSlash 'always', build.format 'directory'). */
export function routeTemplate(file: string): RouteTemplate {
  const segments = file.split('/');
  let url: string;
  if (file.endsWith('.astro')) {
    const path = file.slice(0, -'.astro'.length);
    url = path === '404' ? '/404.html' : path === 'index' ? '/' : path.endsWith('/index') ? `/${path.slice(0, -'index'.length)}` : `/${path}/`;
  } else url = `/${file.replace(/\.(ts|js)$/, '')}`;
  const at = segments.findIndex((s) => PARAM.test(s));
  if (at < 0) return { file, url };
  const folder = segments.slice(0, at).join('/');
  const name = PARAM.exec(segments[at]!)![1]!;
  return { file, url, param: folder ? `${folder}/[${name}]` : `[${name}]`, folder };
}

export const ROUTES: readonly RouteTemplate[] = ROUTE_FILES.map(routeTemplate);

/** How much of a route's address is fixed text: the more, the more specific the route. */
const literalLength = (t: RouteTemplate) => t.url.replace(PARAM, '').length;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each route's address as a pattern, made once: the validator matches every key against every route. */
const routePatterns = new Map<RouteTemplate, RegExp>();
function routePattern(t: RouteTemplate, m: RegExpExecArray): RegExp {
  let re = routePatterns.get(t);
  if (!re) {
    // Letter case is ignored: many hosts and every Windows or macOS copy of the site do.
    re = new RegExp(`^${escapeRe(t.url.slice(0, m.index))}([^/]+)${escapeRe(t.url.slice(m.index + m[0].length))}$`, 'i');
    routePatterns.set(t, re);
  }
  return re;
}

/** The value a route's parameter would have for `url`, '' for a static route with that address, undefined when it cannot make it. */
function matchRoute(t: RouteTemplate, url: string): string | undefined {
  const m = PARAM.exec(t.url);
  if (!m) return t.url.toLowerCase() === url.toLowerCase() ? '' : undefined;
  return routePattern(t, m).exec(url)?.[1];
}

/** Names a folder of the site already holds (static routes and folders, public files, build output): "indicators" → index, status. */
export function reservedNames(folder: string): string[] {
  let names = reservedByFolder.get(folder);
  if (!names) reservedByFolder.set(folder, (names = listReserved(folder)));
  return [...names];
}
const reservedByFolder = new Map<string, readonly string[]>();
function listReserved(folder: string): string[] {
  const names = new Set<string>();
  const prefix = folder ? `${folder}/` : '';
  for (const file of [...ROUTE_FILES, ...PUBLIC_FILES, ...(folder ? [] : BUILD_OUTPUT_NAMES)]) {
    if (!file.startsWith(prefix)) continue;
    const name = file
      .slice(prefix.length)
      .split('/')[0]!
      .replace(/\.(astro|ts|js)$/, '');
    if (!PARAM.test(name)) names.add(name);
  }
  return [...names].sort();
}

const sameSource = (a: RouteParamSource | undefined, b: RouteParamSource | undefined) =>
  a !== undefined && b !== undefined && a.kind === b.kind && (a.kind !== 'column' || (b.kind === 'column' && a.table === b.table && a.column === b.column));

/** Names Windows gives to devices, with any extension: no file or folder can have them there (a clone of the repository or of the site fails). */
export const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export type RouteClash =
  /** The value is a name Windows reserves: /villages/con/ cannot be written there. */
  | { kind: 'device'; url: string }
  /** The value is a name the folder already uses: `/indicators/status/`. */
  | { kind: 'reserved'; url: string; folder: string; names: string[] }
  /** The value's address is another route's: /indicators/x-excel.csv is /indicators/[id]-excel.csv of x. */
  | { kind: 'route'; url: string; other: string; otherValue?: string };

/**
 * Whether `value`, as the parameter `param` (a ROUTE_PARAMS key), would make an address that is
 * also a static route's, or a more specific route's for another value (x-excel.csv is x's Excel
 * download, whether or not x exists yet), or that sits on a name its folder already uses.
 * `accepts` says whether a value is possible for another parameter (e.g. the column's own
 * check), so that only real takeovers count.
 */
export function routeClash(param: string, value: string, accepts: (param: string, value: string) => boolean = () => true): RouteClash | undefined {
  const own = ROUTES.filter((t) => t.param === param);
  const source = ROUTE_PARAMS[param];
  if (DEVICE_NAMES.test(value) && own[0]) return { kind: 'device', url: own[0].url.replace(PARAM, value) };
  for (const t of own) {
    const names = reservedNames(t.folder ?? '');
    if (names.some((n) => n.toLowerCase() === value.toLowerCase())) {
      return { kind: 'reserved', url: `/${t.folder ? `${t.folder}/` : ''}${value}/`, folder: `/${t.folder ? `${t.folder}/` : ''}`, names };
    }
  }
  for (const t of own) {
    const url = t.url.replace(PARAM, value);
    for (const other of ROUTES) {
      if (other === t) continue;
      const captured = matchRoute(other, url);
      if (captured === undefined) continue;
      if (captured === '') return { kind: 'route', url, other: other.url };
      // The more specific route owns the address: x-excel.csv is x's Excel download, so the id
      // x-excel is refused, not x (whose /indicators/x-excel.csv is [id].csv's form for x-excel).
      if (literalLength(other) < literalLength(t)) continue;
      // The same records' other route (removed problems share the problems' addresses).
      if (sameSource(source, ROUTE_PARAMS[other.param!]) && captured.toLowerCase() === value.toLowerCase()) continue;
      if (!accepts(other.param!, captured)) continue;
      return { kind: 'route', url, other: other.url, otherValue: captured };
    }
  }
  return undefined;
}
