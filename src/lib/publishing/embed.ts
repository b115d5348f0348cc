/**
 * The embed code offered on indicator pages, and the licence link of the framed page
 * (/embed/indicators/<id>/, src/pages/embed/).
 *
 * Why a fixed height and content that fits it, not a snippet that resizes: a frame cannot take
 * its content's height without a script on the host page, and the content's height depends on
 * its width in ways CSS in the snippet cannot follow (text wraps more as the chart gets smaller).
 * Inline styles are also dropped by hosts whose CSP forbids them. So the snippet only asks for
 * a width that follows the host's column (`width="100%"`, honoured as an attribute) and a fixed
 * height; the framed page lays itself out in that height (EmbedLayout.astro): the chart gives
 * up height first, the source and licence line stays at the bottom, inside the frame.
 */
import { SITE_LICENCE } from '../site.ts';

/** The frame's height in CSS pixels: what the embed needs at 320 px with the longest texts of data/. */
export const EMBED_HEIGHT = 580;
/** Wider than this, the frame would only add white space beside the card (EmbedLayout.astro). */
export const EMBED_MAX_WIDTH = 640;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The <iframe> to copy: `src` absolute, `title` what a screen reader announces for the frame. */
export function embedSnippet(src: string, title: string): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${EMBED_HEIGHT}" style="border:0;max-width:${EMBED_MAX_WIDTH}px" loading="lazy"></iframe>`;
}

/**
 * Name and address of a table's licence, from its row in datasets.csv: its licence_url when
 * given; else, for the site's own licence (the footer's), that licence's Chinese text; else no
 * address. A link to the licence's own text, never to a page of this site.
 */
export function licenceLink(meta: { licence: string; licence_url?: string | undefined } | undefined): { name: string; url?: string } {
  if (!meta) return { name: SITE_LICENCE.short, url: SITE_LICENCE.url };
  if (meta.licence_url) return { name: meta.licence, url: meta.licence_url };
  // "CC-BY-4.0" (the SPDX name datasets.csv uses), "CC BY 4.0", "cc-by 4.0": the same licence.
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key(meta.licence) === key(SITE_LICENCE.short) ? { name: meta.licence, url: SITE_LICENCE.url } : { name: meta.licence };
}
