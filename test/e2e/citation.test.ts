/**
 * "如何引用" in the browser: the access date is the day the reader copies (without JavaScript a
 * placeholder the note asks the reader to replace: the page carries no date of its build), and
 * the button shows that it copied.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { BUILD_DATE } from '../helpers/paths.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('a citation copied by a reader', () => {
  const site = siteInBrowser();

  it('carries the day it is copied, and the button says it copied', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 375, height: 800 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await ctx.newPage();
    // A reader on 4 March 2027, local time, long after the build.
    await page.clock.setFixedTime(new Date(2027, 2, 4, 10, 0, 0));
    await page.goto(`${site.server.root}indicators/class3-rivers/`);
    const gbt = page.locator('.how-to-cite [data-cite="gbt"]');
    await expect.poll(() => gbt.textContent()).toContain('[2027-03-04]');
    expect(await page.locator('.how-to-cite [data-cite="apa"]').textContent()).toContain('检索于 2027年3月4日');
    expect(await page.locator('.how-to-cite [data-cite-accessed-note]').textContent()).toBe('引用日期为你复制的当天。');

    const button = page.locator('button[data-copy-cite="gbt"]');
    await button.click();
    // Visible on the button itself, not only to screen readers.
    await expect.poll(() => button.textContent()).toBe('已复制 ✓');
    expect(await button.isVisible()).toBe(true);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('[2027-03-04]');
    expect(copied).not.toContain(`[${BUILD_DATE}]`);
    await ctx.close();
  });

  it('leaves the access date to the reader without JavaScript', async () => {
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${site.server.root}indicators/class3-rivers/`);
    const gbt = await page.locator('.how-to-cite [data-cite="gbt"]').textContent();
    expect(gbt).toContain('[引用日期]');
    expect(gbt).not.toContain(BUILD_DATE);
    expect(await page.locator('.how-to-cite [data-cite-accessed-note]').textContent()).toBe('引用时请把“引用日期”换成你访问本页的日期。');
    await ctx.close();
  });
});
