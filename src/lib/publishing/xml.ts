/**
 * Text for XML outputs (the RSS feeds, chart.svg, the QR code): XML 1.0 forbids most control
 * characters, the noncharacters U+FFFE/U+FFFF and lone surrogates, and one of them makes the
 * whole file unreadable to a feed reader or an image viewer. The validator refuses them in the
 * data, but feeds also carry text it never sees (commit subjects, old versions from git), so
 * every XML output strips them here, whatever its source. Pure and browser-safe.
 */

/** Characters XML 1.0 does not allow anywhere in a document (with the u flag, a lone surrogate is one match). */
export const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `s` without the characters XML forbids; not escaped (for a library that escapes, e.g. @astrojs/rss). */
export function xmlSafe(s: string): string {
  return s.replace(XML_FORBIDDEN, '');
}

/** Escapes text for XML content and attributes, and drops characters XML 1.0 does not allow. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * Every string inside `value` (plain objects and arrays, any depth) passed through xmlSafe; other
 * values (dates, numbers) as they are. For options handed whole to an XML writer such as rss().
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => xmlSafeDeep(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeDeep(v)])) as T;
  }
  return value;
}
