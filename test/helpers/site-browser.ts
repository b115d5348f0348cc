/**
 * The set-up every browser test shares: serve a built site under its base path on 127.0.0.1
 * and connect to the suite's Chromium (testBrowser) once per test file, closing both at the end. Register it inside the
 * describe block; read `site.server` and `site.browser` in tests (they exist once beforeAll ran).
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type Download } from 'playwright-core';
import { buffer } from 'node:stream/consumers';
import { findChromium, launchChromium } from './browser.ts';
import { serveStatic, type RunningServer } from './static-server.ts';
import { SITE_BASE, SITE_DIR } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium test/global-setup.ts started for the site tests ('' when there is none). */
    chromiumEndpoint: string;
  }
}

/**
 * A connection to the Chromium the global setup started (closing it closes only this file's
 * pages), or a browser of its own where there is none (a test file run outside the site project).
 */
export async function testBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : launchChromium(findChromium()!);
}

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
    browser = await testBrowser();
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

/** The bytes of a download (its path on disk is the browser's, which a connected test cannot read). */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  return buffer(await download.createReadStream());
}
