import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('the site in Chromium', () => {
  const site = siteInBrowser();

  async function open(path: string, width = 375): Promise<{ page: Page; errors: string[] }> {
    const page = await site.browser.newPage({ viewport: { width, height: 800 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const res = await page.goto(site.server.root + path);
    expect(res?.status(), path).toBe(200);
    return { page, errors };
  }

  for (const path of ['', 'plan/gushan-2017/']) {
    it(`loads /${path} without console errors and without horizontal scroll at 375 px`, async () => {
      const { page, errors } = await open(path, 375);
      await page.waitForLoadState('load');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('navigates from the home page to the plan through the header', async () => {
    const { page } = await open('', 1280);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '计划原文' }).click();
    await page.waitForURL(`${site.server.root}plan/`);
    await page.getByRole('link', { name: '顾山镇2017年生态文明建设实施方案' }).first().click();
    await page.waitForURL(`${site.server.root}plan/gushan-2017/`);
    expect(await page.locator('h1').textContent()).toBe('顾山镇2017年生态文明建设实施方案');
    await page.close();
  });

  it('lands on the heading when a table-of-contents link is followed, on a desktop and on a phone', async () => {
    const desktop = (await open('plan/gushan-2017/', 1280)).page;
    await desktop.locator('.plan-toc-side').getByRole('link', { name: '二是聚力水质改善，着力推进水环境综合整治。' }).click();
    await desktop.waitForURL(/#s3-4-2$/);
    const top = await desktop.locator('#s3-4-2').evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(40);
    await desktop.close();

    const phone = (await open('plan/gushan-2017/', 375)).page;
    expect(await phone.locator('.plan-toc-side').isVisible()).toBe(false);
    await phone.getByText('目录', { exact: true }).first().click();
    await phone.locator('.plan-toc-folded').getByRole('link', { name: '四、组织保障' }).click();
    await phone.waitForURL(/#s4$/);
    const phoneTop = await phone.locator('#s4').evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(phoneTop)).toBeLessThan(40);
    await phone.close();
  });

  it('serves the 404 page for unknown addresses', async () => {
    const page = await site.browser.newPage();
    const res = await page.goto(`${site.server.root}no-such-page/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toContain('页面不存在');
    await page.close();
  });
});
