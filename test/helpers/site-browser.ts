/**
 * The set-up every browser test shares: serve a built site under its base path on 127.0.0.1
 * and launch Chromium once per test file, closing both at the end. Register it inside the
 * describe block; read `site.server` and `site.browser` in tests (they exist once beforeAll ran).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from './browser.ts';
import { serveStatic, type RunningServer } from './static-server.ts';
import { SITE_BASE, SITE_DIR } from './paths.ts';

export interface SiteInBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** `prepare` runs before the server starts (e.g. to build the site being served). */
export function siteInBrowser(dir = SITE_DIR, base = SITE_BASE, prepare?: () => void | Promise<void>): SiteInBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await prepare?.();
    server = await serveStatic(dir, base);
    browser = await launchChromium(findChromium()!);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
