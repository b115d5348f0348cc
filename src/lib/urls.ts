/**
 * Joins the site's base path (e.g. "/" or "/gushan/") with a site-relative path.
 * Every internal link, asset and download goes through here so that the site works when it
 * is hosted under a sub-folder (BASE_PATH).
 */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const p = path.replace(/^\/+/, '');
  return `${b}${p}`;
}

/** Site-relative link for pages and components; reads Astro's configured base. */
export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** Absolute URL for feeds, canonical links and data packages. */
export function absoluteUrl(site: string | URL | undefined, base: string, path: string): string {
  const origin = site ? new URL(String(site)).origin : 'http://localhost:4321';
  return origin + joinBase(base, path);
}
